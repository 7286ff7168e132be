#include "CSearchIndex.h"
#include <stdlib.h>
#include <string.h>

#define PAIR_MARK 0x01

typedef struct {
    fts5_tokenizer inner_methods;
    Fts5Tokenizer *inner;
} WordsAndPairs;

typedef int (*TokenSink)(void *, int, const char *, int, int, int);

typedef struct {
    void *context;
    int flags;
    TokenSink sink;
} Relay;

static int is_cjk(unsigned cp) {
    return (cp >= 0x3040 && cp <= 0x30FF)       /* hiragana, katakana */
        || (cp >= 0x31F0 && cp <= 0x31FF)       /* katakana extensions */
        || (cp >= 0x3400 && cp <= 0x4DBF)       /* CJK extension A */
        || (cp >= 0x4E00 && cp <= 0x9FFF)       /* CJK unified ideographs */
        || (cp >= 0xF900 && cp <= 0xFAFF)       /* compatibility ideographs */
        || (cp >= 0x20000 && cp <= 0x3134F);    /* extensions B–G */
}

/* One code point from `s` (at most `n` bytes); its length in bytes. Malformed bytes
   count as one character each, so every input ends. */
static int decode(const unsigned char *s, int n, unsigned *cp) {
    unsigned c = s[0];
    if (c >= 0xC0 && c < 0xE0 && n >= 2) { *cp = ((c & 0x1F) << 6) | (s[1] & 0x3F); return 2; }
    if (c >= 0xE0 && c < 0xF0 && n >= 3) { *cp = ((c & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F); return 3; }
    if (c >= 0xF0 && n >= 4) {
        *cp = ((c & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
        return 4;
    }
    *cp = c;
    return 1;
}

/* A token from unicode61, passed on as words and pairs. */
static int relay(void *context, int tflags, const char *token, int length, int start, int end) {
    Relay *relay = context;
    const unsigned char *bytes = (const unsigned char *)token;
    int at = 0, rc = SQLITE_OK;
    char pair[1 + 4 + 4];
    while (at < length && rc == SQLITE_OK) {
        unsigned cp;
        int width = decode(bytes + at, length - at, &cp);
        if (!is_cjk(cp)) {
            int wordStart = at;
            while (at < length) {
                int next = decode(bytes + at, length - at, &cp);
                if (is_cjk(cp)) break;
                at += next;
            }
            rc = relay->sink(relay->context, tflags, token + wordStart, at - wordStart, start, end);
            continue;
        }
        int runStart = at;
        while (rc == SQLITE_OK) {
            int nextWidth = 0;
            unsigned next;
            if (at + width < length) {
                nextWidth = decode(bytes + at + width, length - at - width, &next);
                if (!is_cjk(next)) nextWidth = 0;
            }
            pair[0] = PAIR_MARK;
            memcpy(pair + 1, bytes + at, width);
            if (nextWidth == 0) {
                /* A query's pairs already hold its last character; a document keeps it
                   alone too, so that a one-character query finds the end of a run. */
                if (!(relay->flags & FTS5_TOKENIZE_QUERY) || at == runStart)
                    rc = relay->sink(relay->context, tflags, pair, 1 + width, start, end);
                at += width;
                break;
            }
            memcpy(pair + 1 + width, bytes + at + width, nextWidth);
            rc = relay->sink(relay->context, tflags, pair, 1 + width + nextWidth, start, end);
            at += width;
            width = nextWidth;
        }
    }
    return rc;
}

static int create_tokenizer(void *api_pointer, const char **arguments, int count, Fts5Tokenizer **made) {
    (void)arguments; (void)count;
    fts5_api *api = api_pointer;
    WordsAndPairs *tokenizer = calloc(1, sizeof *tokenizer);
    if (!tokenizer) return SQLITE_NOMEM;
    void *inner_context = 0;
    int rc = api->xFindTokenizer(api, "unicode61", &inner_context, &tokenizer->inner_methods);
    const char *inner_arguments[] = {"remove_diacritics", "2"};
    if (rc == SQLITE_OK) rc = tokenizer->inner_methods.xCreate(inner_context, inner_arguments, 2, &tokenizer->inner);
    if (rc != SQLITE_OK) { free(tokenizer); return rc; }
    *made = (Fts5Tokenizer *)tokenizer;
    return SQLITE_OK;
}

static void delete_tokenizer(Fts5Tokenizer *made) {
    WordsAndPairs *tokenizer = (WordsAndPairs *)made;
    tokenizer->inner_methods.xDelete(tokenizer->inner);
    free(tokenizer);
}

static int tokenize(Fts5Tokenizer *made, void *context, int flags, const char *text, int length, TokenSink sink) {
    WordsAndPairs *tokenizer = (WordsAndPairs *)made;
    Relay forward = {context, flags, sink};
    return tokenizer->inner_methods.xTokenize(tokenizer->inner, &forward, flags, text, length, relay);
}

/* ---- the SQL functions ---- */

typedef struct {
    char *bytes;
    int length;
} Token;

typedef struct {
    Token *tokens;
    int count, capacity;
    int words_only;  /* search_words: words of three or more characters, no pairs */
    int failed;
} Collected;

static int characters(const char *token, int length) {
    int count = 0;
    for (int at = 0; at < length; at++) if (((unsigned char)token[at] & 0xC0) != 0x80) count++;
    return count;
}

static int collect(void *context, int tflags, const char *token, int length, int start, int end) {
    (void)tflags; (void)start; (void)end;
    Collected *collected = context;
    if (collected->words_only && (length == 0 || token[0] == PAIR_MARK || characters(token, length) < 3))
        return SQLITE_OK;
    if (collected->count == collected->capacity) {
        int capacity = collected->capacity ? collected->capacity * 2 : 32;
        Token *grown = realloc(collected->tokens, sizeof(Token) * capacity);
        if (!grown) { collected->failed = 1; return SQLITE_NOMEM; }
        collected->tokens = grown;
        collected->capacity = capacity;
    }
    char *copy = malloc(length ? length : 1);
    if (!copy) { collected->failed = 1; return SQLITE_NOMEM; }
    memcpy(copy, token, length);
    collected->tokens[collected->count++] = (Token){copy, length};
    return SQLITE_OK;
}

static int compare_tokens(const void *a, const void *b) {
    const Token *left = a, *right = b;
    int shorter = left->length < right->length ? left->length : right->length;
    int order = memcmp(left->bytes, right->bytes, shorter);
    return order ? order : left->length - right->length;
}

static void append_json(sqlite3_str *out, const Token *token) {
    sqlite3_str_appendchar(out, 1, '"');
    for (int at = 0; at < token->length; at++) {
        unsigned char c = (unsigned char)token->bytes[at];
        if (c == '"' || c == '\\') { sqlite3_str_appendchar(out, 1, '\\'); sqlite3_str_appendchar(out, 1, (char)c); }
        else if (c < 0x20) sqlite3_str_appendf(out, "\\u%04x", c);
        else sqlite3_str_appendchar(out, 1, (char)c);
    }
    sqlite3_str_appendchar(out, 1, '"');
}

static void tokens_as_json(sqlite3_context *context, int argc, sqlite3_value **argv, int words_only) {
    (void)argc;
    WordsAndPairs *tokenizer = sqlite3_user_data(context);
    const char *text = (const char *)sqlite3_value_text(argv[0]);
    int length = sqlite3_value_bytes(argv[0]);
    Collected collected = {0, 0, 0, words_only, 0};
    int rc = SQLITE_OK;
    if (text && length > 0)
        rc = tokenize((Fts5Tokenizer *)tokenizer, &collected,
                      words_only ? FTS5_TOKENIZE_DOCUMENT : FTS5_TOKENIZE_QUERY, text, length, collect);
    if (rc == SQLITE_OK && words_only && collected.count > 1) {
        qsort(collected.tokens, collected.count, sizeof(Token), compare_tokens);
    }
    sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(context));
    sqlite3_str_appendchar(out, 1, '[');
    int written = 0;
    for (int index = 0; index < collected.count; index++) {
        if (words_only && index > 0 && compare_tokens(&collected.tokens[index - 1], &collected.tokens[index]) == 0)
            continue;
        if (written++) sqlite3_str_appendchar(out, 1, ',');
        append_json(out, &collected.tokens[index]);
    }
    sqlite3_str_appendchar(out, 1, ']');
    for (int index = 0; index < collected.count; index++) free(collected.tokens[index].bytes);
    free(collected.tokens);
    int out_length = sqlite3_str_length(out);
    char *json = sqlite3_str_finish(out);
    if (rc != SQLITE_OK || collected.failed || !json) {
        sqlite3_free(json);
        sqlite3_result_error_code(context, rc != SQLITE_OK ? rc : SQLITE_NOMEM);
        return;
    }
    sqlite3_result_text(context, json, out_length, sqlite3_free);
}

static void search_words(sqlite3_context *context, int argc, sqlite3_value **argv) {
    tokens_as_json(context, argc, argv, 1);
}

static void search_terms(sqlite3_context *context, int argc, sqlite3_value **argv) {
    tokens_as_json(context, argc, argv, 0);
}

static void release_function_tokenizer(void *made) {
    delete_tokenizer(made);
}

int kc_search_register(sqlite3 *db) {
    fts5_api *api = 0;
    sqlite3_stmt *statement = 0;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, 0);
    if (rc != SQLITE_OK) return rc;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", 0);
    sqlite3_step(statement);
    rc = sqlite3_finalize(statement);
    if (rc != SQLITE_OK) return rc;
    if (!api) return SQLITE_ERROR;
    fts5_tokenizer methods = {create_tokenizer, delete_tokenizer, tokenize};
    rc = api->xCreateTokenizer(api, "words_and_pairs", api, &methods, 0);
    if (rc != SQLITE_OK) return rc;

    /* The functions share one tokenizer; SQLite frees it with the last of them. */
    Fts5Tokenizer *for_words = 0, *for_terms = 0;
    rc = create_tokenizer(api, 0, 0, &for_words);
    if (rc != SQLITE_OK) return rc;
    rc = sqlite3_create_function_v2(db, "search_words", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                    for_words, search_words, 0, 0, release_function_tokenizer);
    if (rc != SQLITE_OK) return rc;
    rc = create_tokenizer(api, 0, 0, &for_terms);
    if (rc != SQLITE_OK) return rc;
    return sqlite3_create_function_v2(db, "search_terms", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      for_terms, search_terms, 0, 0, release_function_tokenizer);
}
