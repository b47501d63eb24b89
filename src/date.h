/* SPDX-License-Identifier: MIT */
/* What the date files share: the calendar of the base layer. */
#ifndef POSTPARSE_SRC_DATE_H
#define POSTPARSE_SRC_DATE_H

#include <postparse/date.h>

#include "base_calendar.h"

#endif
