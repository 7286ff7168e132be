#ifndef CSEARCHINDEX_H
#define CSEARCHINDEX_H

#include <sqlite3.h>

// The search index's tokenizer, written against SQLite's FTS5 C API so that it runs
// inside SQLite at the speed of its own tokenizers.
//
// words_and_pairs: text goes through unicode61 (case and diacritics folded), then every
// run of Chinese or Japanese characters is split into overlapping pairs — 你好世界 gives
// 你好, 好世, 世界 — and the run's last character alone, each marked by a leading \x01 so
// that a one-character query is a two-character prefix ("\x01石"*). Words in other
// scripts stay words.
//
// search_words(text): the distinct words of three or more characters (not the pairs)
// a text gives, as a JSON array: the vocabulary that turns a typed prefix into the
// exact words the index holds.
//
// search_terms(text): the tokens a query gives, in order, as a JSON array.

/// Registers the tokenizer and both functions on a connection; SQLITE_OK or an error code.
int kc_search_register(sqlite3 *db);

#endif
