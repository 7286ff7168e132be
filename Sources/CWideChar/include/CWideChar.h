#ifndef CWIDECHAR_H
#define CWIDECHAR_H

/// Columns the C library says a code point takes (wcwidth): 0, 1, 2, or -1 when not printable.
int kc_wcwidth(unsigned int code_point);

/// Makes the character-type locale UTF-8 if it is not already (tries "C.UTF-8").
/// Returns 1 when the locale is UTF-8 afterwards.
int kc_ensure_utf8_ctype(void);

/// Adopts the user's locale (setlocale(LC_ALL, "")), then makes its character type
/// UTF-8 if it is not. Returns 1 when the user's own locale was already UTF-8.
int kc_prepare_locale(void);

#endif
