#define _XOPEN_SOURCE 700
#include "CWideChar.h"

#include <langinfo.h>
#include <locale.h>
#include <string.h>
#include <strings.h>
#include <wchar.h>

int kc_wcwidth(unsigned int code_point) {
    return wcwidth((wchar_t)code_point);
}

static int codeset_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && (strcasecmp(codeset, "UTF-8") == 0 || strcasecmp(codeset, "UTF8") == 0);
}

int kc_ensure_utf8_ctype(void) {
    if (codeset_is_utf8()) return 1;
    setlocale(LC_CTYPE, "C.UTF-8");
    return codeset_is_utf8();
}

int kc_prepare_locale(void) {
    setlocale(LC_ALL, "");
    int was_utf8 = codeset_is_utf8();
    kc_ensure_utf8_ctype();
    return was_utf8;
}
