import Synchronization
internal import PressChannels

/// The embedded run ledger: one SQLite database file (WAL mode, `synchronous=FULL`), raw sqlite3 C API with
/// prepared statements. Safe to share between tasks (the connection sits behind a `Mutex`).
///
/// Durability: every `commit` is one transaction, fsynced before it returns — the delivery protocol relies on
/// an intent being durable before the files are renamed into the channel folder.
public final class SQLiteRunLedger: RunLedger {
    private let state: Mutex<Connection>

    /// The statements, prepared once.
    final class Connection {
        let db: SQLiteDatabase
        let selectRun, insertRun, updateRunResume, updateRunRerun, finishRun: SQLiteDatabase.Statement
        let deleteDeliveries, deleteRejects, deletePrintFiles: SQLiteDatabase.Statement
        let insertIntent, markDelivered, insertPrintFile, insertPrintLetter, markPrintFile, markPrintLetters: SQLiteDatabase.Statement
        let insertReject, insertQueued, forgetQueued: SQLiteDatabase.Statement

        init(path: String) throws {
            db = try SQLiteDatabase(path: path)
            try db.exec("PRAGMA journal_mode=WAL")
            try db.exec("PRAGMA synchronous=FULL")
            // 256 KiB of page cache instead of 2 MiB: a run appends at the right edge of the indexes and reads
            // its rows once at start, so a small cache misses little; with the queue's, 3 MB less peak RSS.
            try db.exec("PRAGMA cache_size=-256")
            try db.exec("""
                CREATE TABLE IF NOT EXISTS runs(
                  run_id TEXT PRIMARY KEY, state TEXT NOT NULL, config_hash TEXT NOT NULL, as_of TEXT NOT NULL,
                  attempt INTEGER NOT NULL, generation INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS deliveries(
                  run_id TEXT NOT NULL, record INTEGER NOT NULL, channel INTEGER NOT NULL, state INTEGER NOT NULL,
                  sha256 TEXT NOT NULL, files TEXT NOT NULL, template TEXT NOT NULL, pages INTEGER NOT NULL,
                  print_file INTEGER, PRIMARY KEY(run_id, record, channel)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS deliveries_pending ON deliveries(run_id, state);
                CREATE TABLE IF NOT EXISTS print_files(
                  run_id TEXT NOT NULL, seq INTEGER NOT NULL, state INTEGER NOT NULL, sha256 TEXT NOT NULL,
                  files TEXT NOT NULL, letters INTEGER NOT NULL, pages INTEGER NOT NULL, sheets INTEGER NOT NULL,
                  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS rejects(
                  run_id TEXT NOT NULL, record INTEGER NOT NULL, code TEXT NOT NULL, path TEXT, message TEXT NOT NULL,
                  PRIMARY KEY(run_id, record)) WITHOUT ROWID;
                """)
            selectRun = try db.prepare("SELECT state, config_hash, as_of, attempt, generation FROM runs WHERE run_id = ?")
            insertRun = try db.prepare("INSERT INTO runs(run_id, state, config_hash, as_of, attempt, generation) VALUES(?, 'running', ?, ?, 1, 1)")
            updateRunResume = try db.prepare("UPDATE runs SET state = 'running', attempt = attempt + 1 WHERE run_id = ?")
            updateRunRerun = try db.prepare("UPDATE runs SET state = 'running', attempt = 1, generation = generation + 1, config_hash = ?, as_of = ?, records = 0 WHERE run_id = ?")
            finishRun = try db.prepare("UPDATE runs SET state = ?, records = MAX(records, ?) WHERE run_id = ?")
            deleteDeliveries = try db.prepare("DELETE FROM deliveries WHERE run_id = ?")
            deleteRejects = try db.prepare("DELETE FROM rejects WHERE run_id = ?")
            deletePrintFiles = try db.prepare("DELETE FROM print_files WHERE run_id = ?")
            insertIntent = try db.prepare("INSERT OR REPLACE INTO deliveries(run_id, record, channel, state, sha256, files, template, pages, print_file) VALUES(?, ?, ?, 0, ?, ?, ?, ?, NULL)")
            markDelivered = try db.prepare("UPDATE deliveries SET state = 1 WHERE run_id = ? AND record = ? AND channel = ?")
            insertPrintFile = try db.prepare("INSERT OR REPLACE INTO print_files(run_id, seq, state, sha256, files, letters, pages, sheets) VALUES(?, ?, 0, ?, ?, ?, ?, ?)")
            insertPrintLetter = try db.prepare("INSERT OR REPLACE INTO deliveries(run_id, record, channel, state, sha256, files, template, pages, print_file) VALUES(?, ?, \(Channel.print.code), 0, ?, ?, ?, ?, ?)")
            markPrintFile = try db.prepare("UPDATE print_files SET state = 1 WHERE run_id = ? AND seq = ?")
            // Only pending rows (state 0: a few hundred) can belong to a file being marked, and the pending index
            // finds them. Without `INDEXED BY` SQLite's planner (no statistics) walked the run's primary key, every
            // delivery of the run per print file: quadratic, and a 1,000,000-record run's print phase slowed to
            // 95 letters per second.
            markPrintLetters = try db.prepare(SQLiteRunLedger.markPrintLettersSQL)
            // state 2: produced and waiting in the print queue; never replaces a row already in a print file.
            insertQueued = try db.prepare("INSERT OR IGNORE INTO deliveries(run_id, record, channel, state, sha256, files, template, pages, print_file) VALUES(?, ?, \(Channel.print.code), 2, '', '', ?, ?, NULL)")
            forgetQueued = try db.prepare("DELETE FROM deliveries WHERE run_id = ? AND record = ? AND channel = \(Channel.print.code) AND state = 2")
            insertReject = try db.prepare("INSERT OR REPLACE INTO rejects(run_id, record, code, path, message) VALUES(?, ?, ?, ?, ?)")
        }
    }

    /// Marks the letters of one committed print file delivered (see where it is prepared for the index).
    static let markPrintLettersSQL = "UPDATE deliveries INDEXED BY deliveries_pending SET state = 1 WHERE run_id = ? AND state = 0 AND print_file = ? AND channel = \(Channel.print.code)"

    /// Opens (creating if needed) the ledger database at `path`.
    public init(path: String) throws {
        state = Mutex(try Connection(path: path))
    }

    public func openRun(_ id: RunID, configHash: String, asOf: String?, defaultAsOf: String, rerun: Bool) throws -> RunInfo {
        try state.withLock { c in
            try c.db.transaction {
                var existing: RunInfo?
                try c.selectRun.query(.text(id.rawValue)) { row in
                    existing = RunInfo(id: id, state: RunState(rawValue: row.text(0) ?? "") ?? .failed,
                                       configHash: row.text(1) ?? "", asOf: row.text(2) ?? "",
                                       attempt: row.int(3), generation: row.int(4), isNew: false)
                }
                guard var info = existing else {
                    let a = asOf ?? defaultAsOf
                    try c.insertRun.run(.text(id.rawValue), .text(configHash), .text(a))
                    return RunInfo(id: id, state: .running, configHash: configHash, asOf: a, attempt: 1, generation: 1, isNew: true)
                }
                if rerun {
                    try c.deleteDeliveries.run(.text(id.rawValue))
                    try c.deleteRejects.run(.text(id.rawValue))
                    try c.deletePrintFiles.run(.text(id.rawValue))
                    let a = asOf ?? defaultAsOf
                    try c.updateRunRerun.run(.text(configHash), .text(a), .text(id.rawValue))
                    return RunInfo(id: id, state: .running, configHash: configHash, asOf: a, attempt: 1,
                                   generation: info.generation + 1, isNew: true)
                }
                if info.state == .finished { return info }
                guard info.configHash == configHash else {
                    throw RunError(.conflict, "run '\(id)' was started with a different job configuration; resume it with the same job and options, or pass --rerun to start it again")
                }
                if let asOf, asOf != info.asOf {
                    throw RunError(.conflict, "run '\(id)' was started with --as-of \(info.asOf); a resumed run must keep it (omit --as-of)")
                }
                try c.updateRunResume.run(.text(id.rawValue))
                info.attempt += 1
                info.state = .running
                return info
            }
        }
    }

    public func progress(_ id: RunID) throws -> RecordProgress {
        try state.withLock { c in
            var p = RecordProgress()
            try c.db.prepare("SELECT record, channel, state FROM deliveries WHERE run_id = ? AND state IN (1, 2)").query(.text(id.rawValue)) { row in
                if row.int(2) == 2 {
                    p.markQueued(row.int(0))
                } else if let ch = Channel(code: row.int(1)) {
                    p.markDelivered(row.int(0), ch)
                }
            }
            try c.db.prepare("SELECT record FROM rejects WHERE run_id = ?").query(.text(id.rawValue)) { row in
                p.markRejected(row.int(0))
            }
            return p
        }
    }

    public func pending(_ id: RunID) throws -> PendingWork {
        try state.withLock { c in
            var work = PendingWork()
            try c.db.prepare("SELECT record, channel, sha256, files FROM deliveries WHERE run_id = ? AND state = 0 AND print_file IS NULL ORDER BY record, channel")
                .query(.text(id.rawValue)) { row in
                    guard let ch = Channel(code: row.int(1)) else { return }
                    work.deliveries.append(.init(key: DeliveryKey(record: row.int(0), channel: ch), sha256: row.text(2) ?? "",
                                                 files: (row.text(3) ?? "").split(separator: " ").map(String.init)))
                }
            try c.db.prepare("SELECT seq, sha256, files FROM print_files WHERE run_id = ? AND state = 0 ORDER BY seq")
                .query(.text(id.rawValue)) { row in
                    work.printFiles.append(.init(sequence: row.int(0), sha256: row.text(1) ?? "",
                                                 files: (row.text(2) ?? "").split(separator: " ").map(String.init)))
                }
            return work
        }
    }

    public func commit(_ id: RunID, _ batch: LedgerBatch) throws {
        guard !batch.isEmpty else { return }
        let run = SQLiteDatabase.Statement.Arg.text(id.rawValue)
        try state.withLock { c in
            try c.db.transaction {
                for i in batch.intents {
                    try c.insertIntent.run(run, .int(i.key.record), .int(i.key.channel.code), .text(i.sha256),
                                           .text(i.files.joined(separator: " ")), .text(i.template), .int(i.pages))
                }
                for l in batch.queuedPrint {
                    try c.insertQueued.run(run, .int(l.record), .text(l.template), .int(l.pages))
                }
                for f in batch.printFiles {
                    let files = f.files.joined(separator: " ")
                    try c.insertPrintFile.run(run, .int(f.sequence), .text(f.sha256), .text(files), .int(f.letters.count),
                                              .int(f.pages), .int(f.sheets))
                    for l in f.letters {
                        try c.insertPrintLetter.run(run, .int(l.record), .text(f.sha256), .text(files), .text(l.template),
                                                    .int(l.pages), .int(f.sequence))
                    }
                }
                for k in batch.delivered {
                    try c.markDelivered.run(run, .int(k.record), .int(k.channel.code))
                }
                for seq in batch.deliveredPrintFiles {
                    try c.markPrintFile.run(run, .int(seq))
                    try c.markPrintLetters.run(run, .int(seq))
                }
                for r in batch.rejects {
                    try c.insertReject.run(run, .int(r.record), .text(r.code), r.path.map { .text($0) } ?? .null, .text(r.message))
                    // A record rejected in the print phase no longer waits for a print file.
                    try c.forgetQueued.run(run, .int(r.record))
                }
            }
        }
    }

    public func finishRun(_ id: RunID, state newState: RunState, records: Int) throws {
        try state.withLock { c in
            try c.finishRun.run(.text(newState.rawValue), .int(records), .text(id.rawValue))
        }
    }

    public func summary(_ id: RunID) throws -> LedgerSummary {
        try state.withLock { c in
            var s = LedgerSummary()
            let run = SQLiteDatabase.Statement.Arg.text(id.rawValue)
            try c.db.prepare("SELECT channel, state, COUNT(*) FROM deliveries WHERE run_id = ? GROUP BY channel, state").query(run) { row in
                guard let ch = Channel(code: row.int(0)) else { return }
                switch row.int(1) {
                case 1: s.delivered[ch] = row.int(2)
                case 2: s.queuedForPrint += row.int(2)
                default: s.pending += row.int(2)
                }
            }
            try c.db.prepare("SELECT template, COUNT(DISTINCT record), 0 FROM deliveries WHERE run_id = ? AND state = 1 GROUP BY template").query(run) { row in
                s.perTemplate[row.text(0) ?? ""] = row.int(1)
            }
            try c.db.prepare("SELECT COALESCE(SUM(p), 0) FROM (SELECT MAX(pages) AS p FROM deliveries WHERE run_id = ? AND state = 1 GROUP BY record)").query(run) { row in
                s.documentPages = row.int(0)
            }
            try c.db.prepare("SELECT COUNT(*) FROM rejects WHERE run_id = ?").query(run) { row in s.rejects = row.int(0) }
            try c.db.prepare("SELECT COUNT(*), COALESCE(SUM(pages), 0), COALESCE(SUM(sheets), 0) FROM print_files WHERE run_id = ? AND state = 1").query(run) { row in
                s.printFiles = row.int(0); s.printPages = row.int(1); s.printSheets = row.int(2)
            }
            try c.selectRun.query(run) { row in
                s.attempts = row.int(3); s.generation = row.int(4)
            }
            try c.db.prepare("SELECT records FROM runs WHERE run_id = ?").query(run) { row in s.records = row.int(0) }
            return s
        }
    }

    public func rejects(_ id: RunID) throws -> [RejectEntry] {
        try state.withLock { c in
            var out: [RejectEntry] = []
            try c.db.prepare("SELECT record, code, path, message FROM rejects WHERE run_id = ? ORDER BY record").query(.text(id.rawValue)) { row in
                out.append(RejectEntry(record: row.int(0), code: row.text(1) ?? "", path: row.text(2), message: row.text(3) ?? ""))
            }
            return out
        }
    }

    public func forgetQueuedPrint(_ id: RunID, records: [Int]) throws {
        guard !records.isEmpty else { return }
        try state.withLock { c in
            try c.db.transaction {
                for r in records { try c.forgetQueued.run(.text(id.rawValue), .int(r)) }
            }
        }
    }

    public func nextPrintSequence(_ id: RunID) throws -> Int {
        try state.withLock { c in
            var next = 1
            try c.db.prepare("SELECT COALESCE(MAX(seq), 0) + 1 FROM print_files WHERE run_id = ?").query(.text(id.rawValue)) { row in
                next = row.int(0)
            }
            return next
        }
    }
}
