#ifndef CLIBCWIDTH_H
#define CLIBCWIDTH_H

/// For tests only: libc's wcwidth for every code point below `count`, read under the
/// C.UTF-8 locale on the calling thread alone (uselocale), so the process locale is
/// left as it was. Returns 0, or -1 when C.UTF-8 is missing on this machine.
/// (wcwidth is not in Swift's Glibc module: it needs _XOPEN_SOURCE.)
int kc_libc_widths_c_utf8(int *widths, unsigned int count);

#endif
