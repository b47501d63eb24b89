#!/usr/bin/env ruby
# SPDX-License-Identifier: MIT
# Differential comparison of post dates: postparse `dump` against the Jekyll
# oracle (shared/oracle/jekyll-read) on a generated set of `date:` values, in
# several site zones. Not part of the test suite (the oracle takes minutes).
# Run from the source tree after `meson compile -C build`:
#   ruby tests/gen/date-diff.rb [BUILD_DIR] [--zones UTC,America/New_York,...]
#        [--random N] [--seed S] [--show N] [--list FILE] [--out FILE]
#        [--cache DIR] [--values FILE]
# For each zone every value becomes one post `_posts/2025-02-07-cN.md`
# holding `date: VALUE`; both tools read them all in one process each, with
# `--time` the current time (Time.now, which Ruby's Time.parse reads). Compared: `date`, `date_source` and
# whether Jekyll's error is fatal. A post postparse reads as
# `date-unsupported-form` (a date it does not know) counts as a difference.
# With libfaketime's `faketime` on the PATH (Debian: apt-get install
# faketime) the oracle runs with its clock stopped at `--time`, so that a
# date without a year or a day takes the same today in both tools; without
# it (or with --no-faketime) the oracle runs on the wall clock, and those
# values may differ by the minutes the run takes.
# docs/jekyll-compat.md keeps the figures and the differences left.
require "json"
require "digest"
require "open3"
require "time"
require "tmpdir"

args = ARGV.dup
opt = lambda do |name, default|
  (i = args.index(name)) ? args.slice!(i, 2)[1] : default
end
zones = opt.call("--zones", "UTC,America/New_York,Asia/Shanghai").split(",")
random_n = opt.call("--random", "8000").to_i
seed = opt.call("--seed", "15").to_i
show = opt.call("--show", "40").to_i
list_file = opt.call("--list", nil)
out_file = opt.call("--out", nil)     # every difference, as JSON Lines
cache_dir = opt.call("--cache", nil)  # the oracle's output, kept per zone
values_file = opt.call("--values", nil) # one value a line instead of the set
# Ruby's Time.parse fills a date without a year from Time.now, and
# postparse from the site time: both are the wall clock here.
now_s = opt.call("--time", Time.now.utc.strftime("%Y-%m-%dT%H:%M:%SZ"))
no_faketime = args.delete("--no-faketime")
faketime = !no_faketime && ENV["PATH"].split(File::PATH_SEPARATOR).any? do |d|
  File.executable?(File.join(d, "faketime"))
end
# The clock stopped (-f: libfaketime's own format, an absolute time is
# frozen) in UTC; the monotonic clock left alone, which Ruby's sleep uses.
clock = if faketime
          ["env", "TZ=UTC", "FAKETIME_DONT_FAKE_MONOTONIC=1", "faketime", "-f",
           Time.parse(now_s).utc.strftime("%Y-%m-%d %H:%M:%S")]
        else
          []
        end
build = args[0] || "build"
root = File.expand_path("../..", __dir__)
postparse = File.expand_path("#{build}/tools/postparse", root)
oracle = File.expand_path("../shared/oracle/jekyll-read", root)
abort "no #{postparse}" unless File.executable?(postparse)
abort "no #{oracle}" unless File.executable?(oracle)

# ---- the generated values (YAML text after `date: `) ----
rng = Random.new(seed)
values = []
dates = %w[2025-02-07 2025-2-7 25-02-07 2024-02-29 2025-02-29 2025-02-30
           2025-13-01 2025-00-10 2025-01-00 2025-01-32 0000-01-01 0001-01-01
           9999-12-31 10000-01-01 12345-06-07 2025/02/07 02/07/2025 7/2/2025
           2025.02.07 07.02.2025 H27.02.07 20250207 2025-038 2025-W06-5
           2025-W06 1999-12-31]
times = ["", " 10:00", " 10:00:00", "T10:00:00", " 23:59:59", " 24:00:00",
         " 24:00", " 23:60:00", " 10:60:00", " 10:00:60", " 10:00:61",
         " 25:00:00", " 8pm", " 8:30 am", " 10:00:00.789", "T200059",
         " 0:00:00", " 12:00:00"]
offsets = ["", " +00:00", "Z", " +08:00", " -05:00", " +0800", " +08",
           " +8", " -99", " +23:59", " +24:00", " -24:00", " +25:00",
           " +2400", " +23:60", " +99:99", " +23:59:60", " +240000",
           " UTC", " GMT", " EST", " PDT", " CST", " JST", " CET", " A",
           " J", " GMT+8"]
dates.each do |d|
  times.each do |t|
    offsets.each do |o|
      next if t.empty? && !o.empty? && rng.rand < 0.7
      v = "#{d}#{t}#{o}"
      values << v
      values << "\"#{v}\"" if rng.rand < 0.25
    end
  end
end
words = ["February 7, 2025", "7 Feb 2025", "Fri, 07 Feb 2025 20:00:59 +0000",
         "Fri Feb  7 20:00:59 UTC 2025", "20250207T200059Z", "2025-038",
         "H27.02.07", "Feb 2025", "7th February 2025 10am", "1919 17:34:23",
         "2025", "2025-W06-5", "2025年2月7日", "Feb 7", "7 February",
         "February", "Friday", "Fri, 7 Feb 2025", "Sat Feb 8 2025",
         "2025 Feb 7", "Feb 7 2025 10:00 PM", "7-Feb-2025", "Feb-07-2025",
         "February 7th, 2025 at 10:00", "2025-02-07 10:00 PST",
         "Tue, 10 Jun 2003 04:00:00 GMT", "10:00", "10:00:00 +0800",
         "20:00 Feb 7 2025", "7.2.2025", "2025-02-07 Friday",
         "Dec 25 2024 5pm EST", "25 December 2024", "1st Jan 2025",
         "2nd of March 2025", "3rd May 2025 12:00", "Jan 1, 1970 00:00 UTC",
         "2025-02-07 10:00:00 +0000 (UTC)", "R7.02.07", "S64.01.07",
         "T15.3.2", "M45.7.29", "2025-02-07T10:00:00+09:00[Asia/Tokyo]",
         "1738958459", "Last Modified", "not a date", "bc 2025",
         "2025 bc", "Feb 30 2025", "31 Apr 2025", "2025-1-99999999999",
         "1/2", "12/25", "2025-12", "Mar 2025", "2025 March",
         "Sunday, February 9, 2025 3:04:05 PM", "9 février 2025",
         "2025-02-07 10h30", "10:00 2025-02-07", "2025-02-07 10:00 +05:45",
         "2025-02-07 10:00 -03:30", "07/02/25", "25/02/07", "'25-02-07"]
words.each do |w|
  values << "\"#{w}\"" << w << "'#{w}'"
end
values.concat(%w[1738958459 20250207 2025 0207 1302 {a:\ 1} [2025-02-07]
                 [a,\ b] 2025-02-07\ 10:00:00\ +25:00 2.5 true ~ ""])
alphabet = "0123456789-:+./ TZtzapmAPMFebJanMarSunMonFriUTCGMTESTTHSR,'年月日"
          .chars
random_n.times do
  len = 4 + rng.rand(22)
  s = Array.new(len) { alphabet[rng.rand(alphabet.size)] }.join
  values << "\"#{s.gsub("\\", "\\\\\\\\").gsub('"', '\\"')}\""
end
values = File.readlines(values_file, chomp: true) if values_file
values.uniq!
File.write(list_file, values.join("\n") + "\n") if list_file

# ---- run both tools per zone ----
def read_jsonl(text)
  text.each_line.map { |l| JSON.parse(l) }.to_h { |r| [File.basename(r["path"]), r] }
end

summary = {}
diffs = Hash.new { |h, k| h[k] = [] }
Dir.mktmpdir("date-diff") do |dir|
  posts = File.join(dir, "_posts")
  Dir.mkdir(posts)
  paths = values.each_with_index.map do |v, i|
    path = File.join(posts, "2025-02-07-c#{i}.md")
    File.write(path, "---\ntitle: t\ndate: #{v}\n---\nbody\n")
    path
  end
  list = File.join(dir, "paths")
  File.write(list, paths.join("\n") + "\n")
  zones.each do |zone|
    common = ["--timezone", zone, "--time", now_s]
    stamp = faketime ? "faketime #{now_s}" : now_s[0, 13]
    key = Digest::SHA256.hexdigest(([zone, stamp] + values).join("\n"))[0, 16]
    cached = cache_dir && File.join(cache_dir, "oracle-#{key}.jsonl")
    if cached && File.exist?(cached)
      out = File.read(cached)
    else
      out, err, st = Open3.capture3(*clock, oracle, "--no-body", "--no-data", *common,
                                    "--paths-from", list)
      abort "oracle failed: #{err}" unless st.success?
      File.write(cached, out) if cached
    end
    theirs = read_jsonl(out)
    out, err, st = Open3.capture3(postparse, "dump", *common, *paths)
    abort "postparse failed (#{st.exitstatus}): #{err}" if st.exitstatus > 1
    ours = read_jsonl(out)
    same = 0
    values.each_with_index do |v, i|
      name = "2025-02-07-c#{i}.md"
      t = theirs[name]
      o = ours[name]
      codes = (o["diagnostics"] || []).map { |d| d["code"] }
      want = [t["date"], t["date_source"], !!(t["error"] && t["error"]["fatal"])]
      got = [o["date"], o["date_source"],
             !!(o["jekyll_error"] && o["jekyll_error"]["fatal"])]
      if want == got && !codes.include?("date-unsupported-form")
        same += 1
      else
        diffs[zone] << [v, want, got, codes.grep(/^date/)]
      end
    end
    summary[zone] = [same, values.size]
  end
end

if out_file
  File.open(out_file, "w") do |f|
    diffs.each do |zone, list|
      list.each do |v, want, got, codes|
        f.puts JSON.generate({zone: zone, value: v, jekyll: want, postparse: got, codes: codes})
      end
    end
  end
end
puts "values: #{values.size}, oracle clock: #{faketime ? "stopped at #{now_s} (faketime)" : "the wall clock"}"
summary.each do |zone, (same, total)|
  printf("%-20s %6d / %6d agree (%.2f%%)\n", zone, same, total, 100.0 * same / total)
end
diffs.each do |zone, list|
  puts "-- #{zone}: #{list.size} differences#{list.size > show ? " (first #{show})" : ""}"
  list.first(show).each do |v, want, got, codes|
    puts "#{v.inspect}\n    jekyll    #{want.inspect}\n    postparse #{got.inspect} #{codes.join(",")}"
  end
end
