/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0; the POSTPARSE_API macro only. */
#ifndef POSTPARSE_EXPORT_H
#define POSTPARSE_EXPORT_H

/* The library is compiled with hidden visibility; only declarations marked
 * POSTPARSE_API are exported. POSTPARSE_BUILDING is defined by the library's
 * own build and never appears in postparse.pc. */
#if defined(_WIN32) && defined(POSTPARSE_BUILDING) && defined(POSTPARSE_SHARED)
#define POSTPARSE_API __declspec(dllexport)
#elif defined(POSTPARSE_BUILDING) && defined(__GNUC__)
#define POSTPARSE_API __attribute__((visibility("default")))
#else
#define POSTPARSE_API
#endif

#endif
