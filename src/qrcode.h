/*
 * qrcode.h - a QR code as inline SVG, drawn at build time.
 *
 * The printed programme carries a QR code to the site, so that a resident
 * holding the leaflet reaches the live programme (cancellations, rain
 * plan) in one gesture.  It is drawn by fabrique with libqrencode rather
 * than by a web service: the site makes no third-party request, and the
 * code is there without JavaScript and on paper.
 */
#ifndef FABRIQUE_QRCODE_H
#define FABRIQUE_QRCODE_H

#include "arena.h"

/*
 * An <svg> element encoding text (error correction level M, 8-bit mode)
 * with a 4-module quiet zone, one <path> of dark modules, role="img" and
 * aria-label="label" (HTML-escaped here).  NULL if text cannot be encoded
 * (empty, or too long for a QR code).
 */
char *qrcode_svg(arena *a, const char *text, const char *label);

#endif
