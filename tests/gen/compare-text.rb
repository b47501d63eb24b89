#!/usr/bin/env ruby
# SPDX-License-Identifier: MIT
# Measures how postparse's word counts and slugs agree with Jekyll's over the
# shared corpus, and the throughput of the text functions. Not part of the
# test suite. Run from the source tree after `ninja -C build`:
#   ruby tests/gen/compare-text.rb [BUILD_DIR] [--corpus DIR]... [--exhaustive]
#                                    [--bench DIR]
# Titles are the "title" field of shared/expected/jekyll-posts.jsonl (what
# Jekyll derived); bodies are split off the corpus files with Jekyll's own
# front matter regular expression (a rough split: the parser's job).
require "jekyll"
require "json"
require "open3"

Jekyll.logger.log_level = :error
args = ARGV.dup
bench_dir = (i = args.index("--bench")) ? args.slice!(i, 2)[1] : nil
exhaustive = !args.delete("--exhaustive").nil?
extra = []
while (i = args.index("--corpus"))
  extra << args.slice!(i, 2)[1]
end
build = args[0] || "build"
root = File.expand_path("../..", __dir__)
corpus = "/work/shared/corpus"
expected = "/work/shared/expected/jekyll-posts.jsonl"

driver = "#{build}/text-driver"
lib = "#{build}/src/libpostparse.a"
system("cc", "-O2", "-std=c11", "-D_POSIX_C_SOURCE=200809L", "-I#{root}/include", "-I#{build}/include",
       "#{root}/tests/gen/text-driver.c", lib, "-lutf8proc", "-lyaml",
       "-o", driver) or abort "cannot build #{driver}"

if bench_dir
  files = Dir.glob("#{bench_dir}/**/*.md").sort
  system(driver, "bench", *files)
  exit
end

def ask(kind, mode, cased, s)
  s = s.b
  $io[0].write("#{kind} #{mode} #{cased ? 1 : 0} #{s.bytesize}\n")
  $io[0].write(s)
  $io[0].flush
  if kind == "w"
    $io[1].gets.split.map(&:to_i)
  else
    n = $io[1].gets.to_i
    r = $io[1].read(n)
    $io[1].read(1)
    r.force_encoding("UTF-8")
  end
end
$io = Open3.popen2(driver)

FM = /\A(---\s*\n.*?\n?)^((---|\.\.\.)\s*$\n?)/m
FILTERS = Object.new.extend(Jekyll::Filters)
MODES = %w(none raw default pretty ascii latin)
$tally = Hash.new { |h, k| h[k] = [0, 0] }

def check(what, text)
  ours = ask("w", 0, false, text)
  %w(default cjk auto).each_with_index do |mode, i|
    theirs = FILTERS.number_of_words(text, mode)
    count("#{what} words #{mode}", theirs == ours[i], text)
  end
  MODES.each_with_index do |mode, i|
    [false, true].each do |cased|
      theirs = Jekyll::Utils.slugify(text, mode: mode, cased: cased)
      count("#{what} slug #{mode}#{cased ? "+cased" : ""}",
            theirs == ask("s", i, cased, text), text)
    end
  end
end

def count(key, equal, text)
  $tally[key][0] += 1
  $tally[key][1] += 1 if equal
  warn "#{key} differs: #{text[0, 80].inspect}" unless equal
end

def read_post(path)
  text = File.binread(path).force_encoding("UTF-8").delete_prefix("\uFEFF")
  return nil unless text.valid_encoding? # Jekyll's filters raise on it
  (m = FM.match(text)) ? [m[1], m.post_match] : [nil, text]
end

skipped = 0
titles = []
# The shared corpus: titles as Jekyll derived them.
File.foreach(expected) do |l|
  r = JSON.parse(l)
  titles << r["title"] if r["title"].is_a?(String)
  path = File.join(corpus, r["path"])
  next unless File.file?(path)
  post = read_post(path)
  next skipped += 1 unless post
  check("shared bodies", post[1])
end
titles.uniq.each { |t| check("shared titles", t) }
# More corpora (e.g. gen-corpus output): titles from the front matter.
extra.each do |dir|
  Dir.glob("#{dir}/**/*.md").sort.each do |path|
    fm, body = read_post(path)
    next skipped += 1 unless body
    title = (YAML.safe_load(fm, permitted_classes: [Date, Time]) rescue nil)&.dig("title") if fm
    check("#{File.basename(dir)} titles", title) if title.is_a?(String)
    check("#{File.basename(dir)} bodies", body)
  end
end

# Every code point, one after another and each between spaces.
if exhaustive
  cps = (0..0x10FFFF).reject { |c| (0xD800..0xDFFF).cover?(c) }
  check("all code points", cps.pack("U*"))
  check("all code points spaced", cps.pack("U*").chars.join(" "))
end

puts "#{skipped} files with invalid UTF-8 skipped (Jekyll raises on them)"
$tally.each { |k, (n, eq)| printf("%-40s %5d/%5d equal (%6.2f%%)\n", k, eq, n, 100.0 * eq / n) }
