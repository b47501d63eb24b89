/* SPDX-License-Identifier: MIT */
/* SipHash-c-d as the paper defines it; the rounds are constants of the
 * inline core, so that each variant compiles to straight-line code. */
#include "hash.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#if defined(__linux__) && defined(__has_include)
#if __has_include(<sys/random.h>)
#include <sys/random.h>
#define HAVE_GETRANDOM 1
#endif
#endif

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

#define SIPROUND(v0, v1, v2, v3)                                               \
    do {                                                                       \
        v0 += v1;                                                              \
        v1 = ROTL(v1, 13);                                                     \
        v1 ^= v0;                                                              \
        v0 = ROTL(v0, 32);                                                     \
        v2 += v3;                                                              \
        v3 = ROTL(v3, 16);                                                     \
        v3 ^= v2;                                                              \
        v0 += v3;                                                              \
        v3 = ROTL(v3, 21);                                                     \
        v3 ^= v0;                                                              \
        v2 += v1;                                                              \
        v1 = ROTL(v1, 17);                                                     \
        v1 ^= v2;                                                              \
        v2 = ROTL(v2, 32);                                                     \
    } while (0)

static uint64_t load64le(const unsigned char *p)
{
    return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
           (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
           (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static inline uint64_t siphash(const postparse__hash_key *key, const void *in,
                               size_t n, int c, int d)
{
    const unsigned char *p = in;
    uint64_t v0 = key->k0 ^ 0x736f6d6570736575ULL;
    uint64_t v1 = key->k1 ^ 0x646f72616e646f6dULL;
    uint64_t v2 = key->k0 ^ 0x6c7967656e657261ULL;
    uint64_t v3 = key->k1 ^ 0x7465646279746573ULL;
    const unsigned char *end = p + (n & ~(size_t)7);
    for (; p != end; p += 8) {
        uint64_t m = load64le(p);
        v3 ^= m;
        for (int i = 0; i < c; i++)
            SIPROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    uint64_t b = (uint64_t)n << 56;
    switch (n & 7) {
    case 7:
        b |= (uint64_t)p[6] << 48;
        /* fall through */
    case 6:
        b |= (uint64_t)p[5] << 40;
        /* fall through */
    case 5:
        b |= (uint64_t)p[4] << 32;
        /* fall through */
    case 4:
        b |= (uint64_t)p[3] << 24;
        /* fall through */
    case 3:
        b |= (uint64_t)p[2] << 16;
        /* fall through */
    case 2:
        b |= (uint64_t)p[1] << 8;
        /* fall through */
    case 1:
        b |= (uint64_t)p[0];
        break;
    case 0:
        break;
    }
    v3 ^= b;
    for (int i = 0; i < c; i++)
        SIPROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    for (int i = 0; i < d; i++)
        SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

uint64_t postparse__hash_bytes(const postparse__hash_key *key, const void *p,
                               size_t n)
{
    return siphash(key, p, n, 1, 3);
}

uint64_t postparse__hash_bytes24(const postparse__hash_key *key, const void *p,
                                 size_t n)
{
    return siphash(key, p, n, 2, 4);
}

void postparse__hash_init(postparse__hash_state *s,
                          const postparse__hash_key *key)
{
    s->v0 = key->k0 ^ 0x736f6d6570736575ULL;
    s->v1 = key->k1 ^ 0x646f72616e646f6dULL;
    s->v2 = key->k0 ^ 0x6c7967656e657261ULL;
    s->v3 = key->k1 ^ 0x7465646279746573ULL;
    s->count = 0;
}

void postparse__hash_add(postparse__hash_state *s, uint64_t m)
{
    s->v3 ^= m;
    SIPROUND(s->v0, s->v1, s->v2, s->v3);
    s->v0 ^= m;
    s->count++;
}

/* As postparse__hash_bytes of the words' 8 * count bytes. */
uint64_t postparse__hash_final(postparse__hash_state *s)
{
    uint64_t v0 = s->v0, v1 = s->v1, v2 = s->v2, v3 = s->v3;
    uint64_t b = (s->count * 8) << 56;
    v3 ^= b;
    SIPROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    SIPROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

void postparse__hash_key_random(postparse__hash_key *key, const void *salt)
{
    uint64_t k[2];
#ifdef HAVE_GETRANDOM
    if (getrandom(k, sizeof k, GRND_NONBLOCK) == (ssize_t)sizeof k) {
        key->k0 = k[0];
        key->k1 = k[1];
        return;
    }
#endif
    struct timespec mono = {0, 0}, real = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &mono);
    clock_gettime(CLOCK_REALTIME, &real);
    uint64_t words[6] = {(uint64_t)mono.tv_sec, (uint64_t)mono.tv_nsec,
                         (uint64_t)real.tv_sec, (uint64_t)real.tv_nsec,
                         (uint64_t)getpid(),    (uint64_t)(uintptr_t)salt};
    uint64_t here = (uint64_t)(uintptr_t)&words;
    postparse__hash_key mix = {here, here ^ 0x9e3779b97f4a7c15ULL};
    key->k0 = postparse__hash_bytes(&mix, words, sizeof words);
    mix.k1 ^= key->k0;
    key->k1 = postparse__hash_bytes(&mix, words, sizeof words);
}
