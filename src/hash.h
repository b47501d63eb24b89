/* SPDX-License-Identifier: MIT */
/* The one keyed hash of every table in the library: SipHash-1-3
 * (Aumasson and Bernstein), seeded per parser, so that an input cannot aim
 * its keys at one slot without knowing the key. Tables bound their probe
 * walks as well (see each table), so that even a known key costs only
 * time that grows as n log n. */
#ifndef POSTPARSE_HASH_H
#define POSTPARSE_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct postparse__hash_key {
    uint64_t k0, k1;
} postparse__hash_key;

/* SipHash-1-3 of n bytes: the hash of every table. */
uint64_t postparse__hash_bytes(const postparse__hash_key *key, const void *p,
                               size_t n);

/* SipHash-2-4 of n bytes: only so that the tests can check the shared
 * rounds against the reference vectors of the SipHash paper. */
uint64_t postparse__hash_bytes24(const postparse__hash_key *key, const void *p,
                                 size_t n);

/* A hash of words, for values hashed by their parts (numbers, dates,
 * collections): SipHash-1-3 fed 8 bytes at a time, little-endian. */
typedef struct postparse__hash_state {
    uint64_t v0, v1, v2, v3;
    uint64_t count; /* words added */
} postparse__hash_state;

void postparse__hash_init(postparse__hash_state *s,
                          const postparse__hash_key *key);
void postparse__hash_add(postparse__hash_state *s, uint64_t word);
uint64_t postparse__hash_final(postparse__hash_state *s);

/* The key of a new parser: 16 bytes of getrandom() (the kernel's
 * generator, never blocking once it is seeded at boot). Where getrandom is
 * missing or fails, the clocks, the process id and the addresses of a
 * stack and a heap object (randomized by ASLR) mixed through SipHash: not
 * secret against a local attacker, but not guessable from a post. */
void postparse__hash_key_random(postparse__hash_key *key, const void *salt);

#endif
