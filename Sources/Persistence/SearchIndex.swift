import CSearchIndex
import GRDB

/// The full-text index of message text (schema v7): FTS5 with the `words_and_pairs`
/// tokenizer (CSearchIndex), and the vocabulary that turns a typed prefix into words.
///
/// Why this and not the trigram index it replaced (docs/performance.md, issue 19):
/// trigrams made the file five times its text and cannot look up one or two
/// characters; words and pairs with `detail=none` (row ids only, no positions) keep
/// the index to a few percent of the text. A prefix index of one and two characters
/// answers the first keystrokes ("t", "th", 石) without gathering every word they start.
enum SearchIndex {
    /// The tokenizer and the `search_words` and `search_terms` functions: on every
    /// connection, since the triggers that keep the index call them.
    static func register(_ db: Database) throws {
        let code = kc_search_register(db.sqliteConnection)
        guard code == 0 else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "the search index's tokenizer could not be set up")
        }
    }

    /// Replaces the trigram index. Messages already saved are indexed afterwards, newest
    /// first, in batches that each commit (`SearchBackfill`): the triggers below index
    /// what is written meanwhile, and leave alone rows the backfill has not reached.
    static func create(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS message_inserted;
            DROP TRIGGER IF EXISTS message_deleted;
            DROP TRIGGER IF EXISTS message_text_changed;
            DROP TABLE IF EXISTS message_fts;

            CREATE VIRTUAL TABLE message_search USING fts5(
                text, content = 'message', content_rowid = 'id', tokenize = 'words_and_pairs',
                detail = none, columnsize = 0, prefix = '1 2'
            );
            -- The words (three characters or more) the index holds, for prefixes.
            -- Words of deleted messages stay: a prefix then names a word no row has,
            -- which costs a lookup and finds nothing.
            CREATE TABLE search_word (word TEXT PRIMARY KEY) WITHOUT ROWID;
            -- Messages with ids up to pending_through are not indexed yet (one row
            -- while the backfill runs; none once it is done).
            CREATE TABLE search_backfill (
                pending_through INTEGER NOT NULL,
                started_through INTEGER NOT NULL
            );
            INSERT INTO search_backfill SELECT MAX(id), MAX(id) FROM message HAVING MAX(id) IS NOT NULL;

            CREATE TRIGGER message_inserted AFTER INSERT ON message BEGIN
                INSERT INTO message_search(rowid, text) VALUES (new.id, new.text);
                INSERT OR IGNORE INTO search_word(word) SELECT value FROM json_each(search_words(new.text));
                UPDATE conversation SET message_count = message_count + 1 WHERE id = new.conversation_id;
            END;
            CREATE TRIGGER message_deleted AFTER DELETE ON message BEGIN
                UPDATE conversation SET message_count = message_count - 1 WHERE id = old.conversation_id;
            END;
            CREATE TRIGGER message_unindexed AFTER DELETE ON message
            WHEN old.id > (SELECT COALESCE(MAX(pending_through), 0) FROM search_backfill) BEGIN
                INSERT INTO message_search(message_search, rowid, text) VALUES ('delete', old.id, old.text);
            END;
            CREATE TRIGGER message_text_changed AFTER UPDATE OF text ON message
            WHEN old.text IS NOT new.text
                AND old.id > (SELECT COALESCE(MAX(pending_through), 0) FROM search_backfill) BEGIN
                INSERT INTO message_search(message_search, rowid, text) VALUES ('delete', old.id, old.text);
                INSERT INTO message_search(rowid, text) VALUES (new.id, new.text);
                INSERT OR IGNORE INTO search_word(word) SELECT value FROM json_each(search_words(new.text));
            END;
            """)
    }
}
