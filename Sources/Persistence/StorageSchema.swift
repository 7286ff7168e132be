import GRDB

/// The database schema, as an ordered list of migrations. A released migration is
/// never edited: a later release appends a new one, and GRDB applies what a file lacks.
enum StorageSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: conversations, messages, full-text index") { db in
            try db.execute(sql: """
                CREATE TABLE conversation (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    title_is_custom INTEGER NOT NULL DEFAULT 0,
                    model TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    -- When it was last opened from the list: the conversation to reopen
                    -- at start is the one last written to or opened.
                    opened_at REAL,
                    message_count INTEGER NOT NULL DEFAULT 0
                );
                CREATE INDEX conversation_by_recency ON conversation(updated_at DESC);

                CREATE TABLE message (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    conversation_id INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    role TEXT NOT NULL,
                    text TEXT NOT NULL DEFAULT '',
                    reasoning TEXT NOT NULL DEFAULT '',
                    status TEXT NOT NULL,
                    model TEXT,
                    prompt_tokens INTEGER,
                    completion_tokens INTEGER,
                    total_tokens INTEGER,
                    cached_tokens INTEGER,
                    reasoning_tokens INTEGER,
                    finish_reason TEXT,
                    error_message TEXT,
                    writer_pid INTEGER,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL
                );
                CREATE INDEX message_by_conversation ON message(conversation_id, id);
                CREATE INDEX message_streaming ON message(status) WHERE status = 'streaming';

                -- Trigram tokens match any substring of three or more characters, which
                -- is what Chinese needs (unicode61 would take 你好世界 as one word).
                CREATE VIRTUAL TABLE message_fts USING fts5(
                    text, content = 'message', content_rowid = 'id', tokenize = 'trigram'
                );
                CREATE TRIGGER message_inserted AFTER INSERT ON message BEGIN
                    INSERT INTO message_fts(rowid, text) VALUES (new.id, new.text);
                    UPDATE conversation SET message_count = message_count + 1 WHERE id = new.conversation_id;
                END;
                CREATE TRIGGER message_deleted AFTER DELETE ON message BEGIN
                    INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    UPDATE conversation SET message_count = message_count - 1 WHERE id = old.conversation_id;
                END;
                CREATE TRIGGER message_text_changed AFTER UPDATE OF text ON message
                WHEN old.text IS NOT new.text BEGIN
                    INSERT INTO message_fts(message_fts, rowid, text) VALUES ('delete', old.id, old.text);
                    INSERT INTO message_fts(rowid, text) VALUES (new.id, new.text);
                END;
                """)
        }
        migrator.registerMigration("v2: conversations as trees") { db in
            try db.execute(sql: """
                -- The message a message follows or answers; siblings are versions of one
                -- turn (an edited question, a regenerated reply).
                ALTER TABLE message ADD COLUMN parent_id INTEGER;
                CREATE INDEX message_by_parent ON message(parent_id);
                -- The last message of the branch the conversation shows.
                ALTER TABLE conversation ADD COLUMN current_leaf_id INTEGER;
                """)
            try TreeMigration.linkExistingMessages(db)
        }
        migrator.registerMigration("v3: imported conversations keyed by their source") { db in
            try db.execute(sql: """
                -- Which conversation each imported one became (`kimichat import`), so the
                -- same export imported again adds nothing. A table of its own rather than
                -- columns on conversation: most conversations are not imported, the key is
                -- unique across sources, and deleting the conversation deletes its key
                -- (a later import brings it back).
                CREATE TABLE imported_source (
                    source TEXT NOT NULL,
                    source_id TEXT NOT NULL,
                    conversation_id INTEGER NOT NULL REFERENCES conversation(id) ON DELETE CASCADE,
                    imported_at REAL NOT NULL,
                    PRIMARY KEY (source, source_id)
                ) WITHOUT ROWID;
                CREATE INDEX imported_source_by_conversation ON imported_source(conversation_id);
                """)
        }
        migrator.registerMigration("v4: attachments and web search") { db in
            try db.execute(sql: """
                -- Files sent with a question, in the order attached: a document's text
                -- (extracted by the Files API, or read as is), or an image's bytes (up to
                -- 10 MB; larger ones by path and SHA-256). A table of its own: few
                -- messages have any, and an image must not be read with every message.
                CREATE TABLE attachment (
                    id INTEGER PRIMARY KEY,
                    message_id INTEGER NOT NULL REFERENCES message(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    byte_count INTEGER NOT NULL,
                    kind TEXT NOT NULL,          -- 'document' or 'image'
                    source TEXT,                 -- documents: 'extracted' or 'inline'
                    text TEXT,
                    media_type TEXT,             -- images
                    width INTEGER,
                    height INTEGER,
                    data BLOB,
                    path TEXT,
                    sha256 TEXT
                );
                CREATE INDEX attachment_by_message ON attachment(message_id, position);
                -- A reply's web searches (JSON: the calls and their arguments), sent again
                -- before its answer in later turns.
                ALTER TABLE message ADD COLUMN searches TEXT;
                -- Alt-W: Kimi's web search on for this conversation.
                ALTER TABLE conversation ADD COLUMN web_search INTEGER NOT NULL DEFAULT 0;
                """)
        }
        migrator.registerMigration("v5: settings of each conversation") { db in
            try db.execute(sql: """
                -- Alt-S and presets: what the conversation asks for besides the defaults
                -- (JSON; NULL for none).
                ALTER TABLE conversation ADD COLUMN settings TEXT;
                """)
        }
        migrator.registerMigration("v6: how long a reply thought") { db in
            try db.execute(sql: """
                -- The chat's thinking timer ("thought for 4.2 s"), kept for a restart.
                ALTER TABLE message ADD COLUMN thinking_ms INTEGER;
                """)
        }
        migrator.registerMigration("v7: a search index of words and character pairs") { db in
            try SearchIndex.create(db)
        }
        migrator.registerMigration("v8: an index of when conversations were opened") { db in
            try db.execute(sql: """
                -- The conversation to reopen at start is found through two indexes, this and
                -- conversation_by_recency, rather than by reading every conversation.
                CREATE INDEX conversation_by_opening ON conversation(opened_at DESC);
                """)
        }
        return migrator
    }
}
