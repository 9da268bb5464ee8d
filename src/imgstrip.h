/*
 * imgstrip.h - metadata removed from encoded images: what a photo must
 * not carry onto a commune's site (EXIF with GPS position and camera
 * serial numbers, XMP, ICC profiles), removed from the file's container
 * after encoding, so it holds whatever the encoder's version does.
 * Pure byte surgery, no decoding: imgcodec.c calls it on every WebP it
 * makes.
 */
#ifndef FABRIQUE_IMGSTRIP_H
#define FABRIQUE_IMGSTRIP_H

#include <stddef.h>

/*
 * Removes the EXIF, XMP and ICCP chunks of the WebP file p[0..len) in
 * place, clears their flags in its VP8X chunk, and returns its new
 * length; 0 if the file is not a well-formed WebP (RIFF length, chunk
 * sizes), and then p may be partly rewritten.
 */
size_t imgstrip_webp(unsigned char *p, size_t len);

#endif
