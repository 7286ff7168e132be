#define _XOPEN_SOURCE 700
#define _GNU_SOURCE
#include "CLibcWidth.h"

#include <locale.h>
#include <wchar.h>

int kc_libc_widths_c_utf8(int *widths, unsigned int count) {
    locale_t utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (utf8 == (locale_t)0) return -1;
    locale_t previous = uselocale(utf8);
    for (unsigned int code_point = 0; code_point < count; code_point++) {
        widths[code_point] = wcwidth((wchar_t)code_point);
    }
    uselocale(previous);
    freelocale(utf8);
    return 0;
}
