/* SPDX-License-Identifier: MIT */
/* Stability: stable from 1.0: this umbrella header includes every public
 * header and is the one programs include. */
/* postparse: read Jekyll-family blog posts (front matter + body) as Jekyll
 * does, as a push parser. This is the only header programs include.
 * docs/api.md is the guide: ownership, chunking, positions, errors. */
#ifndef POSTPARSE_H
#define POSTPARSE_H

#include <postparse/version.h>
#include <postparse/export.h>
#include <postparse/common.h>
#include <postparse/diagnostic.h>
#include <postparse/value.h>
#include <postparse/parser.h>
#include <postparse/date.h>
#include <postparse/post.h>
#include <postparse/rules.h>
#include <postparse/edit.h>
#include <postparse/text.h>
#include <postparse/doc.h>
#include <postparse/site.h>

#endif
