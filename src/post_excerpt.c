/* SPDX-License-Identifier: MIT */
/* Jekyll 4.3's generated excerpt (Excerpt#extract_excerpt), computed while
 * the body streams past, in bounded memory:
 *
 *   head, _, tail = content.partition(separator)
 *   return head if tail.empty?
 *   head = sanctify_liquid_tags(head) if head.include?("{%")
 *   defs = tail lines matching ^ {0,3}(\[[^\]]+\])(:.+)$ whose label
 *          occurs in head
 *   defs.empty? ? head : head + "\n\n" + defs.join("\n")
 *
 * The head is kept (at most max bytes); the tail is only scanned, line by
 * line, for link reference definitions. A label may span lines ([^\]]
 * matches LF), but every candidate that starts inside another ends at the
 * same ']', so only the earliest open one needs tracking. */
#include "post.h"

#include <stdint.h>
#include <string.h>

#include "base_array.h"
#include "base_ctype.h"

enum {
    SCAN_LINE_START, /* at a line start: up to 3 spaces, then '[' */
    SCAN_SKIP,       /* the rest of a line that cannot match */
    SCAN_LABEL,      /* inside [ ... */
    SCAN_COLON,      /* after ']': wants ':' */
    SCAN_REST_FIRST, /* after ':': wants one character that is not LF */
    SCAN_REST        /* the rest of the definition, up to LF or the end */
};

/* A possible label occurrence in the head: head[pos..pos+len). */
struct postparse__label_slot {
    uint32_t pos;
    uint32_t len; /* 0: empty slot */
};

/* Polynomial hashes modulo the prime 2^61 - 1 (a hash modulo 2^64 has
 * well-known colliding inputs, such as Thue-Morse strings), at a base drawn
 * from the parser's hash key: two labels of length at most L collide for
 * at most L of the 2^61 bases, so an input cannot aim its labels at one
 * slot. A rolling hash, not SipHash, because the labels of a head overlap
 * ("[[[[x]") and each must cost O(1). */
#define HASH_PRIME ((1ULL << 61) - 1)

static uint64_t mul_mod(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
    __extension__ typedef unsigned __int128 u128;
    u128 p = (u128)a * b;
    uint64_t r = (uint64_t)(p & HASH_PRIME) + (uint64_t)(p >> 61);
#else
    /* Without 128-bit products: schoolbook on 32-bit halves. */
    uint64_t hi = (a >> 32) * b, lo = (a & 0xFFFFFFFFu) * b;
    uint64_t r =
        ((hi % HASH_PRIME) * ((1ULL << 32) % HASH_PRIME) + lo % HASH_PRIME) %
        HASH_PRIME;
#endif
    return r >= HASH_PRIME ? r - HASH_PRIME : r;
}

static uint64_t add_mod(uint64_t a, uint64_t b)
{
    uint64_t r = a + b;
    return r >= HASH_PRIME ? r - HASH_PRIME : r;
}

void postparse__excerpt_release(postparse__excerpt *e,
                                const postparse_allocator *a)
{
    postparse__free(a, e->index, e->index_cap * sizeof(*e->index));
    if (e->fail && e->fail != e->fail_inline)
        postparse__free(a, e->fail, e->sep_len * sizeof(*e->fail));
    e->fail = NULL;
    e->index = NULL;
    e->index_cap = 0;
    postparse__buffer_free(&e->head, a);
    postparse__buffer_free(&e->label, a);
    postparse__buffer_free(&e->defs, a);
}

/* memmem, which POSIX lacks, for the two-byte needles of Liquid tags
 * (linear for them). */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    if (m == 0)
        return hay;
    while (m <= n) {
        const char *p = memchr(hay, needle[0], n - m + 1);
        if (!p)
            return NULL;
        if (!memcmp(p, needle, m))
            return p;
        n -= (size_t)(p - hay) + 1;
        hay = p + 1;
    }
    return NULL;
}

static uint64_t hash_bytes(const postparse__excerpt *e, const char *s, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++)
        h = add_mod(mul_mod(h, e->base), (unsigned char)s[i]);
    return h;
}

bool postparse__excerpt_prepare(postparse__excerpt *e,
                                const postparse_allocator *a,
                                const postparse__hash_key *key)
{
    e->key = key;
    /* The separator's failure function (Knuth, Morris and Pratt): the
     * search never looks at a byte of the body twice. A short separator
     * needs none: memchr then memcmp costs at most its length a byte. */
    size_t m = e->sep_len;
    if (m <= POSTPARSE__EXCERPT_SHORT_SEPARATOR)
        return true;
    e->fail = m <= POSTPARSE__EXCERPT_FAIL_INLINE
                  ? e->fail_inline
                  : postparse__malloc(a, m * sizeof(*e->fail));
    if (!e->fail)
        return false;
    if (m)
        e->fail[0] = 0;
    for (size_t i = 1, q = 0; i < m; i++) {
        while (q > 0 && e->sep[i] != e->sep[q])
            q = e->fail[q - 1];
        if (e->sep[i] == e->sep[q])
            q++;
        e->fail[i] = (uint32_t)q;
    }
    return true;
}

/* The separator's first occurrence in hay, in time linear in n whatever
 * the separator (memchr then memcmp took n times its length on
 * "aaa...ab" in a body of a's). memchr still skips to each candidate
 * start, so that the usual "\n\n" costs what it did. */
static const char *find_separator(const postparse__excerpt *e, const char *hay,
                                  size_t n)
{
    const char *sep = e->sep;
    size_t m = e->sep_len, q = 0;
    if (m <= POSTPARSE__EXCERPT_SHORT_SEPARATOR)
        return find(hay, n, sep, m);
    for (size_t i = 0; i < n; i++) {
        if (q == 0) {
            const char *p = memchr(hay + i, sep[0], n - i);
            if (!p)
                return NULL;
            i = (size_t)(p - hay);
        }
        while (q > 0 && hay[i] != sep[q])
            q = e->fail[q - 1];
        if (hay[i] == sep[q])
            q++;
        if (q == m)
            return hay + i + 1 - m;
    }
    return NULL;
}

/* Where the probe for hash h starts; the slot's own hash is not stored,
 * so entries are told apart by length, then bytes. */
static size_t probe_start(const postparse__excerpt *e, uint64_t h)
{
    return (size_t)(h ^ (h >> 29)) & (e->index_cap - 1);
}

/* A label occurs in the head only as a '[' and everything up to the next
 * ']' (a label has no other ']'), so those are the keys: one per '[' of
 * the head, each hashed in O(1) from the one to its right. */
static bool build_index(postparse__excerpt *e, const postparse_allocator *a)
{
    const char *h = e->head.data;
    size_t n = e->found_at, count = 0;
    for (size_t i = 0; i < n; i++)
        count += h[i] == '[';
    size_t cap = 16;
    while (cap < 2 * count)
        cap *= 2;
    e->base = 256 + postparse__hash_bytes(e->key, POSTPARSE__LIT("excerpt")) %
                        (HASH_PRIME - 512);
    e->index = postparse__malloc(a, cap * sizeof(*e->index));
    if (!e->index)
        return false;
    memset(e->index, 0, cap * sizeof(*e->index));
    e->index_cap = cap;
    bool in_segment = false;
    uint64_t hash = 0, power = 1;
    size_t close = 0;
    for (size_t i = n; i-- > 0;) {
        if (h[i] == ']') {
            in_segment = true;
            close = i;
            hash = (unsigned char)']';
            power = e->base;
            continue;
        }
        if (!in_segment)
            continue;
        hash = add_mod(hash, mul_mod((unsigned char)h[i], power));
        power = mul_mod(power, e->base);
        if (h[i] != '[')
            continue;
        size_t len = close - i + 1;
        size_t k = probe_start(e, hash);
        while (e->index[k].len && !(e->index[k].len == len &&
                                    !memcmp(h + e->index[k].pos, h + i, len)))
            k = (k + 1) & (cap - 1);
        e->index[k].pos = (uint32_t)i;
        e->index[k].len = (uint32_t)len;
    }
    return true;
}

static bool label_in_head(const postparse__excerpt *e)
{
    if (e->label_too_long || e->label.len > e->found_at || !e->index_cap)
        return false;
    size_t k = probe_start(e, hash_bytes(e, e->label.data, e->label.len));
    for (; e->index[k].len; k = (k + 1) & (e->index_cap - 1))
        if (e->index[k].len == e->label.len &&
            !memcmp(e->head.data + e->index[k].pos, e->label.data,
                    e->label.len))
            return true;
    return false;
}

/* Appends to defs without passing max; past it the excerpt is truncated. */
static bool defs_append(postparse__excerpt *e, const postparse_allocator *a,
                        const char *s, size_t n)
{
    if (e->defs.len + n > e->max) {
        e->truncated = true;
        return true;
    }
    return postparse__buffer_append(&e->defs, a, s, n);
}

static bool scan_tail(postparse__excerpt *e, const postparse_allocator *a,
                      const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        switch (e->state) {
        case SCAN_LINE_START:
            if (c == ' ' && e->spaces < 3) {
                e->spaces++;
            } else if (c == '[') {
                e->label.len = 0;
                e->label_too_long = false;
                if (!postparse__buffer_append(&e->label, a,
                                              POSTPARSE__LIT("[")))
                    return false;
                e->state = SCAN_LABEL;
            } else if (c == '\n') {
                e->spaces = 0;
            } else {
                e->state = SCAN_SKIP;
            }
            i++;
            break;
        case SCAN_SKIP: {
            const char *nl = memchr(s + i, '\n', n - i);
            if (!nl)
                return true;
            i = (size_t)(nl - s) + 1;
            e->state = SCAN_LINE_START;
            e->spaces = 0;
            break;
        }
        case SCAN_LABEL:
            if (c == ']' && e->label.len == 1) {
                e->state = SCAN_SKIP;
                break; /* "[]" : this same ']' is looked at again */
            }
            if (e->label.len <= e->found_at) {
                if (!postparse__buffer_append(&e->label, a, &c, 1))
                    return false;
            } else {
                e->label_too_long = true;
            }
            if (c == ']')
                e->state = SCAN_COLON;
            i++;
            break;
        case SCAN_COLON:
            if (c != ':') {
                e->state = SCAN_SKIP; /* c itself may be the LF */
                break;
            }
            e->defs_mark = e->defs.len;
            /* The index of the head's labels is built for the first
             * definition that needs it: most tails have none. */
            if (!e->index_cap && !e->label_too_long &&
                e->label.len <= e->found_at && !build_index(e, a))
                return false;
            if (label_in_head(e)) {
                if ((e->defs.len && !defs_append(e, a, POSTPARSE__LIT("\n"))) ||
                    !defs_append(e, a, e->label.data, e->label.len) ||
                    !defs_append(e, a, POSTPARSE__LIT(":")))
                    return false;
                e->state = SCAN_REST_FIRST;
            } else {
                e->state = SCAN_SKIP;
            }
            i++;
            break;
        case SCAN_REST_FIRST:
        case SCAN_REST: {
            const char *nl = memchr(s + i, '\n', n - i);
            size_t end = nl ? (size_t)(nl - s) : n;
            if (end == i && e->state == SCAN_REST_FIRST) {
                e->defs.len = e->defs_mark; /* ":" then LF: no match */
                e->state = SCAN_LINE_START;
                e->spaces = 0;
                i++;
                break;
            }
            if (!defs_append(e, a, s + i, end - i))
                return false;
            e->state = SCAN_REST;
            i = end;
            if (nl) {
                e->state = SCAN_LINE_START;
                e->spaces = 0;
                i++;
            }
            break;
        }
        }
    }
    return true;
}

/* The head is complete: the separator starts at `at`; the tail starts with
 * what follows it in the buffer, then tail[0..tail_len). */
static bool separator_found(postparse__excerpt *e, const postparse_allocator *a,
                            size_t at, const char *tail, size_t tail_len)
{
    e->found = true;
    e->found_at = at;
    size_t kept = at + e->sep_len;
    e->scan_tail = memchr(e->head.data, '[', at) != NULL;
    e->state = SCAN_LINE_START;
    e->spaces = 0;
    bool ok = true;
    /* The tail is a string of its own: ^ matches at its start. */
    if (kept < e->head.len) {
        e->tail_nonempty = true;
        if (e->scan_tail)
            ok = scan_tail(e, a, e->head.data + kept, e->head.len - kept);
    }
    e->head.len = at;
    if (ok && tail_len > 0) {
        e->tail_nonempty = true;
        if (e->scan_tail)
            ok = scan_tail(e, a, tail, tail_len);
    }
    return ok;
}

/* Cuts the head back to max bytes, on a character boundary. */
static void cut_at_max(postparse__excerpt *e)
{
    size_t cut = e->max;
    while (cut > 0 && ((unsigned char)e->head.data[cut] & 0xC0) == 0x80)
        cut--;
    e->head.len = cut;
    e->truncated = true;
}

postparse_status postparse__excerpt_feed(postparse__excerpt *e,
                                         const postparse_allocator *a,
                                         const char *data, size_t len)
{
    if (!e->enabled || len == 0)
        return POSTPARSE_OK;
    if (e->found) {
        e->tail_nonempty = true;
        if (e->scan_tail && !scan_tail(e, a, data, len))
            return POSTPARSE_ERR_NOMEM;
        return POSTPARSE_OK;
    }
    if (e->truncated)
        return POSTPARSE_OK;
    /* Look again only where the separator can newly end. */
    size_t from = e->head.len >= e->sep_len ? e->head.len - e->sep_len + 1 : 0;
    size_t room = e->max > e->head.len ? e->max - e->head.len : 0;
    /* Keep up to sep_len - 1 bytes past max, so that a separator that
     * starts before max is still found. */
    size_t take = len;
    if (take > room + e->sep_len - 1)
        take = room + e->sep_len - 1;
    /* First a separator that starts in the head and ends in data: the head
     * gets the few bytes it needs. Then one that starts in data, found
     * there, so that only the head is ever copied, not the body. */
    size_t old = e->head.len;
    size_t bridge = take < e->sep_len - 1 ? take : e->sep_len - 1;
    if (!postparse__buffer_append(&e->head, a, data, bridge))
        return POSTPARSE_ERR_NOMEM;
    const char *hit =
        find_separator(e, e->head.data + from, e->head.len - from);
    size_t at = hit ? (size_t)(hit - e->head.data) : 0;
    if (!hit) {
        const char *in = find_separator(e, data, take);
        if (in) {
            hit = in;
            at = old + (size_t)(in - data);
        }
    }
    if (hit && at <= e->max) {
        size_t head_end = at > old ? at - old : 0; /* of data, into head */
        if (head_end > bridge) {
            if (!postparse__buffer_append(&e->head, a, data + bridge,
                                          head_end - bridge))
                return POSTPARSE_ERR_NOMEM;
        }
        /* What data holds after the separator (or after the bridge when
         * the separator started in the head) is tail. */
        size_t tail = at >= old ? head_end + e->sep_len : bridge;
        if (at >= old)
            e->head.len = at;
        if (!separator_found(e, a, at, data + tail, len - tail))
            return POSTPARSE_ERR_NOMEM;
        return POSTPARSE_OK;
    }
    if (!postparse__buffer_append(&e->head, a, data + bridge, take - bridge))
        return POSTPARSE_ERR_NOMEM;
    /* Full: a separator starting at or before max would have been seen. */
    if (e->head.len >= e->max + e->sep_len - 1 && e->head.len > e->max)
        cut_at_max(e);
    return POSTPARSE_OK;
}

/* ---- Liquid blocks cut by the separator --------------------------------
 */

static const char *const liquid_blocks[] = {
    "capture",   "case", "comment",  "for",    "if",
    "ifchanged", "raw",  "tablerow", "unless", "highlight",
};

static bool is_word(char c)
{
    return postparse__is_alpha(c) || postparse__is_digit(c) || c == '_';
}

/* After "{%" at s[i]: optional '-', blanks; returns the index there. */
static size_t tag_name_start(const char *s, size_t n, size_t i)
{
    i += 2;
    if (i < n && s[i] == '-')
        i++;
    while (i < n && postparse__is_space(s[i]))
        i++;
    return i;
}

/* Does s contain {%-?\s*end<name>.*?-?%} ? */
static bool has_end_tag(const char *s, size_t n, const char *name)
{
    size_t nl = strlen(name);
    /* A "%}" follows offset x when x <= the last "%}": no search per tag. */
    size_t last = n;
    for (size_t k = n; k >= 2 && last == n; k--)
        if (s[k - 2] == '%' && s[k - 1] == '}')
            last = k - 2;
    if (last == n)
        return false;
    for (const char *p = s;
         (p = find(p, n - (size_t)(p - s), POSTPARSE__LIT("{%"))); p++) {
        size_t j = tag_name_start(s, n, (size_t)(p - s));
        if (j + 3 + nl <= last && !memcmp(s + j, POSTPARSE__LIT("end")) &&
            !memcmp(s + j + 3, name, nl))
            return true;
        if ((size_t)(p - s) + 2 >= n)
            break;
    }
    return false;
}

#define BLOCK_COUNT (sizeof(liquid_blocks) / sizeof(*liquid_blocks))

static int block_index(const char *name, size_t len)
{
    for (size_t i = 0; i < BLOCK_COUNT; i++)
        if (strlen(liquid_blocks[i]) == len &&
            !memcmp(liquid_blocks[i], name, len))
            return (int)i;
    return -1;
}

/* sanctify_liquid_tags: for each tag found (last first), a block with no
 * end tag in the head gets "\n{% end<name> %}" appended. Once appended, a
 * name is closed, so only each block's last occurrence counts, in the
 * order of those occurrences, last first. Returns the number of tags
 * appended, or -1 when out of memory. */
static int sanctify(postparse__buffer *head, const postparse_allocator *a)
{
    size_t last[BLOCK_COUNT] = {0}; /* 1 + occurrence number, 0: none */
    size_t seen = 0;
    const char *s = head->data;
    size_t n = head->len, i = 0;
    /* No match can start after the last "%}": stop there, keeping the
     * scan linear. */
    size_t last_close = 0;
    for (size_t k = n; k >= 2 && !last_close; k--)
        if (s[k - 2] == '%' && s[k - 1] == '}')
            last_close = k;
    while (i < last_close) {
        const char *p = find(s + i, n - i, POSTPARSE__LIT("{%"));
        if (!p)
            break;
        size_t j = tag_name_start(s, n, (size_t)(p - s));
        size_t k = j;
        while (k < n && is_word(s[k]))
            k++;
        const char *close =
            k > j ? find(s + k, n - k, POSTPARSE__LIT("%}")) : NULL;
        if (!close) {
            i = (size_t)(p - s) + 1;
            continue;
        }
        int b = block_index(s + j, k - j);
        if (b >= 0)
            last[b] = ++seen;
        i = (size_t)(close - s) + 2;
    }
    int added = 0;
    for (;;) {
        int best = -1;
        for (size_t b = 0; b < BLOCK_COUNT; b++)
            if (last[b] && (best < 0 || last[b] > last[best]))
                best = (int)b;
        if (best < 0)
            break;
        last[best] = 0;
        const char *name = liquid_blocks[best];
        if (has_end_tag(head->data, head->len, name))
            continue;
        if (!postparse__buffer_append(head, a, POSTPARSE__LIT("\n{% end")) ||
            !postparse__buffer_append(head, a, name, strlen(name)) ||
            !postparse__buffer_append(head, a, POSTPARSE__LIT(" %}")))
            return -1;
        added++;
    }
    return added;
}

postparse_status postparse__excerpt_finish(postparse_post *post)
{
    postparse__excerpt *e = &post->excerpt;
    const postparse_allocator *a = post->alloc;
    if (!e->found && !e->truncated && e->head.len > e->max)
        cut_at_max(e);
    if (e->found && e->state == SCAN_REST_FIRST)
        e->defs.len = e->defs_mark; /* ":" at the very end: no match */
    if (e->found && e->tail_nonempty) {
        if (find(e->head.data, e->head.len, POSTPARSE__LIT("{%"))) {
            int added = sanctify(&e->head, a);
            if (added < 0)
                return POSTPARSE_ERR_NOMEM;
            if (added > 0 &&
                postparse__diag_add(
                    post->diags, POSTPARSE_SEVERITY_WARNING,
                    POSTPARSE_DIAG_EXCERPT_LIQUID_CLOSED, post->body_pos,
                    "excerpt_separator",
                    "the excerpt separator cuts a Liquid block: Jekyll "
                    "appends its closing tag to the excerpt; move the "
                    "separator out of the block or set `excerpt:`") !=
                    POSTPARSE_OK)
                return POSTPARSE_ERR_NOMEM;
        }
        if (e->defs.len &&
            (!postparse__buffer_append(&e->head, a, POSTPARSE__LIT("\n\n")) ||
             !postparse__buffer_append(&e->head, a, e->defs.data, e->defs.len)))
            return POSTPARSE_ERR_NOMEM;
    }
    size_t len = e->head.len;
    if (e->cap > 0)
        len = postparse_text_cut(e->head.data, len, e->cap, e->cap_unit,
                                 &e->capped);
    post->excerpt_text =
        postparse__arena_strndup(post->arena, len ? e->head.data : "", len);
    post->excerpt_len = len;
    if (!post->excerpt_text)
        return POSTPARSE_ERR_NOMEM;
    if (e->truncated)
        return postparse__diag_add(
            post->diags, POSTPARSE_SEVERITY_WARNING,
            POSTPARSE_DIAG_EXCERPT_TRUNCATED, post->body_pos, NULL,
            "the excerpt is longer than max_excerpt_bytes (%zu): it was cut "
            "there; put an excerpt separator earlier or raise the limit",
            e->max);
    return POSTPARSE_OK;
}
