internal import CSQLite

/// A minimal wrapper over the sqlite3 C API: one connection, prepared statements, typed binds.
///
/// Not thread-safe by itself: `SQLiteRunLedger` keeps it behind a `Mutex`.
final class SQLiteDatabase {
    private var db: OpaquePointer?
    let path: String

    init(path: String) throws {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            db = nil
            throw RunError(.ledger, "cannot open the run ledger \(path)", cause: msg)
        }
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit {
        // Finalize is the statements' job; close_v2 defers closing until they are gone.
        sqlite3_close_v2(db)
    }

    func error(_ what: String) -> RunError {
        RunError(.ledger, "run ledger \(path): \(what) failed", cause: String(cString: sqlite3_errmsg(db)))
    }

    func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "unknown"
            sqlite3_free(err)
            throw RunError(.ledger, "run ledger \(path): \(sql.prefix(40))… failed", cause: msg)
        }
    }

    func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK, let stmt else {
            throw error("prepare \(sql.prefix(40))")
        }
        return Statement(stmt, db: self)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE … COMMIT` transaction (rolled back on error).
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try exec("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try exec("COMMIT")
            return result
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
    }

    var changes: Int { Int(sqlite3_changes(db)) }

    /// A prepared statement, reset after each use.
    final class Statement {
        private let stmt: OpaquePointer
        private unowned let db: SQLiteDatabase

        init(_ stmt: OpaquePointer, db: SQLiteDatabase) {
            self.stmt = stmt
            self.db = db
        }

        deinit { sqlite3_finalize(stmt) }

        enum Arg {
            case int(Int)
            case text(String)
            case blob([UInt8])
            case null
        }

        private func bind(_ args: [Arg]) throws {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
            for (i, a) in args.enumerated() {
                let idx = Int32(i + 1)
                let rc: Int32
                switch a {
                case .int(let v): rc = sqlite3_bind_int64(stmt, idx, sqlite3_int64(v))
                case .text(let s): rc = sqlite3_bind_text(stmt, idx, s, -1, csqlite_transient())
                case .blob(let b):
                    rc = b.withUnsafeBytes { sqlite3_bind_blob64(stmt, idx, $0.baseAddress, sqlite3_uint64($0.count), csqlite_transient()) }
                case .null: rc = sqlite3_bind_null(stmt, idx)
                }
                guard rc == SQLITE_OK else { throw db.error("bind") }
            }
        }

        /// Executes a statement that returns no rows.
        func run(_ args: Arg...) throws {
            try bind(args)
            defer { sqlite3_reset(stmt) }
            let rc = sqlite3_step(stmt)
            guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw db.error("step") }
        }

        /// Executes a query, calling `row` for each result row.
        func query(_ args: Arg..., row: (Row) throws -> Void) throws {
            try bind(args)
            defer { sqlite3_reset(stmt) }
            while true {
                let rc = sqlite3_step(stmt)
                if rc == SQLITE_DONE { return }
                guard rc == SQLITE_ROW else { throw db.error("step") }
                try row(Row(stmt: stmt))
            }
        }
    }

    struct Row {
        fileprivate let stmt: OpaquePointer
        func int(_ i: Int32) -> Int { Int(sqlite3_column_int64(stmt, i)) }
        func text(_ i: Int32) -> String? {
            guard let p = sqlite3_column_text(stmt, i) else { return nil }
            return String(cString: p)
        }
        func blob(_ i: Int32) -> [UInt8] {
            let n = Int(sqlite3_column_bytes(stmt, i))
            guard n > 0, let p = sqlite3_column_blob(stmt, i) else { return [] }
            return Array(UnsafeRawBufferPointer(start: p, count: n))
        }
        func isNull(_ i: Int32) -> Bool { sqlite3_column_type(stmt, i) == SQLITE_NULL }
    }
}
