#ifndef CZLIB_H
#define CZLIB_H

#include <zlib.h>

// zlib's inflateInit2/deflateInit2 are macros (they pass the library's version and the
// stream's size), which Swift cannot call: these are them as functions.

/// Starts inflating raw deflate data (no zlib or gzip header): what a zip entry holds.
int kc_inflate_init_raw(z_stream *stream);

/// Starts deflating to raw deflate data at `level` (tests make zip files with it).
int kc_deflate_init_raw(z_stream *stream, int level);

#endif
