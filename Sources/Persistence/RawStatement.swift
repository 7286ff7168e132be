import CSearchIndex
import GRDB

/// A statement stepped through SQLite's C API: for reads of many thousands of integer
/// rows, where GRDB's row cursor costs more per row than SQLite itself.
struct RawStatement {
    enum Argument {
        case text(String)
        case integer(Int64)
    }

    /// The first column of every row, as integers.
    static func integers(_ sql: String, _ arguments: [Argument], _ db: Database) throws -> [Int64] {
        var values: [Int64] = []
        // Stepped here rather than through `each`: a closure appending to a captured
        // array cost as much as SQLite's own work per row.
        let statement = try prepare(sql, arguments, db)
        defer { sqlite3_finalize(statement) }
        while try step(statement, db) { values.append(sqlite3_column_int64(statement, 0)) }
        return values
    }

    /// The first two columns of every row, as integers (NULL as 0), with room for
    /// `expected` rows made at once.
    static func integerPairs(_ sql: String, _ arguments: [Argument], expected: Int, _ db: Database) throws
        -> (first: [Int64], second: [Int64]) {
        var first: [Int64] = []
        var second: [Int64] = []
        first.reserveCapacity(expected)
        second.reserveCapacity(expected)
        let statement = try prepare(sql, arguments, db)
        defer { sqlite3_finalize(statement) }
        while try step(statement, db) {
            first.append(sqlite3_column_int64(statement, 0))
            second.append(sqlite3_column_int64(statement, 1))
        }
        return (first, second)
    }

    /// The first row's first column that `accepts`, stepping no further.
    static func firstInteger(_ sql: String, _ arguments: [Argument], _ db: Database,
                             where accepts: (Int64) -> Bool) throws -> Int64? {
        var found: Int64?
        try each(sql, arguments, db) { statement in
            let value = sqlite3_column_int64(statement, 0)
            guard accepts(value) else { return true }
            found = value
            return false
        }
        return found
    }

    /// Calls `row` with the statement on each row while it returns true.
    static func each(_ sql: String, _ arguments: [Argument], _ db: Database, row: (OpaquePointer?) throws -> Bool)
        throws {
        let statement = try prepare(sql, arguments, db)
        defer { sqlite3_finalize(statement) }
        while try step(statement, db), try row(statement) {}
    }

    /// Steps to the next row: true on one, false when there are no more.
    static func step(_ statement: OpaquePointer?, _ db: Database) throws -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        try check(code, db)
        return false
    }

    /// The statement with its arguments bound; the caller finalizes it.
    private static func prepare(_ sql: String, _ arguments: [Argument], _ db: Database) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &statement, nil), db)
        do {
            try bind(arguments, to: statement, db)
        } catch {
            sqlite3_finalize(statement)
            throw error
        }
        return statement
    }

    /// Binds `arguments` to the statement's parameters, in order.
    static func bind(_ arguments: [Argument], to statement: OpaquePointer?, _ db: Database) throws {
        // SQLITE_TRANSIENT: SQLite copies the text before the call returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            switch argument {
            case let .text(text): try check(sqlite3_bind_text(statement, index, text, -1, transient), db)
            case let .integer(value): try check(sqlite3_bind_int64(statement, index, value), db)
            }
        }
    }

    static func check(_ code: Int32, _ db: Database) throws {
        guard code == SQLITE_OK || code == SQLITE_ROW || code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
