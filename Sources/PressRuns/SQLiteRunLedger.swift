import Synchronization
internal import PressChannels

/// The embedded run ledger: one SQLite database file (WAL mode, `synchronous=FULL`), raw sqlite3 C API with
/// prepared statements. Safe to share between tasks (the connection sits behind a `Mutex`).
///
/// Durability: every `commit` is one transaction, fsynced before it returns — the delivery protocol relies on
/// an intent being durable before the files are renamed into the channel folder.
///
/// Append-only: deliveries are an event log (`events`: intent, delivered, queued, letter, unqueued), keyed by
/// (run, sequence), so every commit writes at the end of the run's range and never updates or deletes a row.
/// Why: with one row per (record, channel) updated in place, the print phase (which goes in postcode order,
/// not record order) touched a random page of the table and of its state index for every intent and every
/// delivered mark. A 10,000-record run wrote 238 MB and read 435 MB through the ledger's write-ahead log
/// and file for a 4 MB ledger (strace), about as many bytes as the run's documents; at a million records the
/// table no longer fits in the page cache and each of those page writes becomes a disk read too. The state of
/// a run is the replay of its events (`Replay`), done when a run starts and when it reports.
///
/// Print files (`print_files`, one row per file, appended in file order) and rejects keep their tables: their
/// writes are already appends. A ledger written by the earlier schema (`deliveries`, one row per record and
/// channel) is converted on open (`migrateDeliveries`).
public final class SQLiteRunLedger: RunLedger {
    private let state: Mutex<Connection>

    /// Kinds of `events` rows.
    enum EventKind: Int {
        /// An e-mail or archive delivery is about to be published: hash, files, template, pages.
        case intent = 1
        /// The delivery of (record, channel) is published.
        case delivered = 2
        /// The record's print letter waits in the print queue: template, pages.
        case queued = 3
        /// The record's print letter is in print file `print_file` (delivered when that file is).
        case letter = 4
        /// The record's queued print letter is dropped (rejected in the print phase, or its queue entry lost).
        case unqueued = 5
    }

    /// What an event carries besides its kind, record and channel (each kind uses some of it).
    struct EventDetails {
        var sha256: String? = nil
        var files: [String]? = nil
        var template: String? = nil
        var pages = 0
        var printFile: Int? = nil
    }

    /// The statements, prepared once.
    final class Connection {
        let db: SQLiteDatabase
        let selectRun, insertRun, updateRunResume, updateRunRerun, finishRun: SQLiteDatabase.Statement
        let deleteEvents, deleteRejects, deletePrintFiles: SQLiteDatabase.Statement
        let insertEvent, lastEvent, selectEvents, insertPrintFile, markPrintFile: SQLiteDatabase.Statement
        let insertReject: SQLiteDatabase.Statement
        /// The next event sequence number per run (read on first use; advanced only after a commit succeeds).
        var nextEvent: [String: Int] = [:]

        init(path: String, autocheckpoint: Int?) throws {
            db = try SQLiteDatabase(path: path)
            try db.exec("PRAGMA journal_mode=WAL")
            try db.exec("PRAGMA synchronous=FULL")
            // 256 KiB of page cache instead of 2 MiB: a run appends at the right edge of its tables and reads
            // its events once at start and once at the end, so a small cache misses little.
            try db.exec("PRAGMA cache_size=-256")
            if let autocheckpoint { try db.exec("PRAGMA wal_autocheckpoint=\(autocheckpoint)") }
            try db.exec("""
                CREATE TABLE IF NOT EXISTS runs(
                  run_id TEXT PRIMARY KEY, state TEXT NOT NULL, config_hash TEXT NOT NULL, as_of TEXT NOT NULL,
                  attempt INTEGER NOT NULL, generation INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE IF NOT EXISTS events(
                  run_id TEXT NOT NULL, seq INTEGER NOT NULL, kind INTEGER NOT NULL, record INTEGER NOT NULL,
                  channel INTEGER NOT NULL, sha256 TEXT, files TEXT, template TEXT, pages INTEGER NOT NULL DEFAULT 0,
                  print_file INTEGER, PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS print_files(
                  run_id TEXT NOT NULL, seq INTEGER NOT NULL, state INTEGER NOT NULL, sha256 TEXT NOT NULL,
                  files TEXT NOT NULL, letters INTEGER NOT NULL, pages INTEGER NOT NULL, sheets INTEGER NOT NULL,
                  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS rejects(
                  run_id TEXT NOT NULL, record INTEGER NOT NULL, code TEXT NOT NULL, path TEXT, message TEXT NOT NULL,
                  PRIMARY KEY(run_id, record)) WITHOUT ROWID;
                """)
            try SQLiteRunLedger.migrateDeliveries(db)
            selectRun = try db.prepare("SELECT state, config_hash, as_of, attempt, generation, records FROM runs WHERE run_id = ?")
            insertRun = try db.prepare("INSERT INTO runs(run_id, state, config_hash, as_of, attempt, generation) VALUES(?, 'running', ?, ?, 1, 1)")
            updateRunResume = try db.prepare("UPDATE runs SET state = 'running', attempt = attempt + 1 WHERE run_id = ?")
            updateRunRerun = try db.prepare("UPDATE runs SET state = 'running', attempt = 1, generation = generation + 1, config_hash = ?, as_of = ?, records = 0 WHERE run_id = ?")
            finishRun = try db.prepare("UPDATE runs SET state = ?, records = MAX(records, ?) WHERE run_id = ?")
            deleteEvents = try db.prepare("DELETE FROM events WHERE run_id = ?")
            deleteRejects = try db.prepare("DELETE FROM rejects WHERE run_id = ?")
            deletePrintFiles = try db.prepare("DELETE FROM print_files WHERE run_id = ?")
            insertEvent = try db.prepare("INSERT INTO events(run_id, seq, kind, record, channel, sha256, files, template, pages, print_file) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            lastEvent = try db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events WHERE run_id = ?")
            selectEvents = try db.prepare("SELECT kind, record, channel, sha256, files, template, pages, print_file FROM events WHERE run_id = ? ORDER BY seq")
            insertPrintFile = try db.prepare("INSERT OR REPLACE INTO print_files(run_id, seq, state, sha256, files, letters, pages, sheets) VALUES(?, ?, 0, ?, ?, ?, ?, ?)")
            markPrintFile = try db.prepare("UPDATE print_files SET state = 1 WHERE run_id = ? AND seq = ?")
            insertReject = try db.prepare("INSERT OR REPLACE INTO rejects(run_id, record, code, path, message) VALUES(?, ?, ?, ?, ?)")
        }

        /// Runs `body` in one transaction; the `event` it is given appends the run's next event. The run's
        /// sequence advances only once the transaction has committed (a failed one leaves no gap or reuse).
        func appendingEvents(_ run: String,
                             _ body: ((EventKind, Int, Channel, EventDetails) throws -> Void) throws -> Void) throws {
            var seq: Int
            if let n = nextEvent[run] { seq = n } else {
                var last = 0
                try lastEvent.query(.text(run)) { row in last = row.int(0) }
                seq = last + 1
            }
            let runArg = SQLiteDatabase.Statement.Arg.text(run)
            try db.transaction {
                try body { kind, record, channel, d in
                    try insertEvent.run(runArg, .int(seq), .int(kind.rawValue), .int(record), .int(channel.code),
                                        d.sha256.map { .text($0) } ?? .null, d.files.map { .text($0.joined(separator: " ")) } ?? .null,
                                        d.template.map { .text($0) } ?? .null, .int(d.pages), d.printFile.map { .int($0) } ?? .null)
                    seq += 1
                }
            }
            nextEvent[run] = seq
        }
    }

    /// Opens (creating if needed) the ledger database at `path`. `autocheckpoint`: SQLite's WAL auto-checkpoint
    /// in pages (nil: SQLite's default); tests set 0 to count the pages a commit writes.
    public init(path: String, autocheckpoint: Int? = nil) throws {
        state = Mutex(try Connection(path: path, autocheckpoint: autocheckpoint))
    }

    /// Converts a ledger of the earlier schema (one `deliveries` row per record and channel, updated in place) to
    /// events, in one transaction: state 2 = queued, a row in a print file = letter, state 0 = intent, state 1 =
    /// intent + delivered. Runs once: the old table is dropped.
    static func migrateDeliveries(_ db: SQLiteDatabase) throws {
        var exists = false
        try db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'deliveries'").query { _ in exists = true }
        guard exists else { return }
        try db.transaction {
            try db.exec("""
                INSERT INTO events(run_id, seq, kind, record, channel, sha256, files, template, pages, print_file)
                SELECT run_id, ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY record, channel, kind), kind, record, channel,
                       sha256, files, template, pages, print_file
                FROM (
                  SELECT run_id, record, channel, CASE WHEN print_file IS NOT NULL THEN 4 WHEN state = 2 THEN 3 ELSE 1 END AS kind,
                         sha256, files, template, pages, print_file
                    FROM deliveries
                  UNION ALL
                  SELECT run_id, record, channel, 2, NULL, NULL, NULL, 0, NULL
                    FROM deliveries WHERE state = 1 AND print_file IS NULL);
                DROP TABLE deliveries;
                """)
        }
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
                    try c.deleteEvents.run(.text(id.rawValue))
                    c.nextEvent[id.rawValue] = nil
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
        try state.withLock { c in try Replay(c, id).progress }
    }

    public func pending(_ id: RunID) throws -> PendingWork {
        try state.withLock { c in
            let replay = try Replay(c, id)
            var work = PendingWork()
            work.deliveries = replay.pendingIntents.keys.sorted().map { key in
                let intent = replay.pendingIntents[key]!
                return .init(key: key, sha256: intent.sha256, files: intent.files)
            }
            work.printFiles = replay.printFiles.filter { !$0.delivered }.map {
                .init(sequence: $0.sequence, sha256: $0.sha256, files: $0.files)
            }
            return work
        }
    }

    public func commit(_ id: RunID, _ batch: LedgerBatch) throws {
        guard !batch.isEmpty else { return }
        let run = SQLiteDatabase.Statement.Arg.text(id.rawValue)
        try state.withLock { c in
            try c.appendingEvents(id.rawValue) { event in
                for i in batch.intents {
                    try event(.intent, i.key.record, i.key.channel,
                              EventDetails(sha256: i.sha256, files: i.files, template: i.template, pages: i.pages))
                }
                for l in batch.queuedPrint {
                    try event(.queued, l.record, .print, EventDetails(template: l.template, pages: l.pages))
                }
                for f in batch.printFiles {
                    try c.insertPrintFile.run(run, .int(f.sequence), .text(f.sha256), .text(f.files.joined(separator: " ")),
                                              .int(f.letters.count), .int(f.pages), .int(f.sheets))
                    for l in f.letters {
                        try event(.letter, l.record, .print, EventDetails(template: l.template, pages: l.pages, printFile: f.sequence))
                    }
                }
                for k in batch.delivered {
                    try event(.delivered, k.record, k.channel, EventDetails())
                }
                for seq in batch.deliveredPrintFiles {
                    try c.markPrintFile.run(run, .int(seq))
                }
                for r in batch.rejects {
                    try c.insertReject.run(run, .int(r.record), .text(r.code), r.path.map { .text($0) } ?? .null, .text(r.message))
                    // A record rejected in the print phase no longer waits for a print file.
                    try event(.unqueued, r.record, .print, EventDetails())
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
            let replay = try Replay(c, id)
            var s = replay.summary
            let run = SQLiteDatabase.Statement.Arg.text(id.rawValue)
            try c.db.prepare("SELECT COUNT(*) FROM rejects WHERE run_id = ?").query(run) { row in s.rejects = row.int(0) }
            try c.selectRun.query(run) { row in
                s.attempts = row.int(3); s.generation = row.int(4); s.records = row.int(5)
            }
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
            try c.appendingEvents(id.rawValue) { event in
                for r in records { try event(.unqueued, r, .print, EventDetails()) }
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

/// A run's state, replayed from its events in order (and its print files): which deliveries are done, pending or
/// queued, and the counts of the report.
///
/// Memory: a byte per record (the progress bits and this replay's own), plus the intents not yet delivered (a
/// batch or two; after a crash, what the crash left pending). Semantics of the earlier row-per-delivery ledger:
/// the last intent for a key is the one pending; a delivered mark applies to a pending intent and is final; a
/// queued letter counts until the record's letter is put in a print file or it is unqueued, and a queued mark
/// after its letter is ignored.
struct Replay {
    struct Intent { var sha256: String; var files: [String]; var template: String; var pages: Int }
    struct PrintFile { var sequence: Int; var sha256: String; var files: [String]; var delivered: Bool; var pages: Int; var sheets: Int }

    private(set) var progress = RecordProgress()
    private(set) var pendingIntents: [DeliveryKey: Intent] = [:]
    private(set) var printFiles: [PrintFile] = []
    private(set) var summary = LedgerSummary()

    private static let queuedFlag: UInt8 = 1, letterFlag: UInt8 = 2, countedFlag: UInt8 = 4

    init(_ c: SQLiteRunLedger.Connection, _ id: RunID) throws {
        let run = SQLiteDatabase.Statement.Arg.text(id.rawValue)
        try c.db.prepare("SELECT seq, state, sha256, files, pages, sheets FROM print_files WHERE run_id = ? ORDER BY seq").query(run) { row in
            printFiles.append(PrintFile(sequence: row.int(0), sha256: row.text(2) ?? "", files: Replay.split(row.text(3)),
                                        delivered: row.int(1) == 1, pages: row.int(4), sheets: row.int(5)))
        }
        var fileDelivered: [Int: Bool] = [:]
        for f in printFiles { fileDelivered[f.sequence] = f.delivered }
        // Letters of files not yet delivered, counted as pending like an intent.
        var pendingLetters = 0
        var flags = RecordBits()
        var summary = LedgerSummary()
        var progress = RecordProgress()
        func deliver(_ r: Int, _ channel: Channel, template: String, pages: Int) {
            guard !progress.isDelivered(r, channel) else { return }
            progress.markDelivered(r, channel)
            summary.delivered[channel, default: 0] += 1
            // A record counts once per template and its pages once, whatever its channels.
            if !flags.has(r, Replay.countedFlag) {
                flags.set(r, Replay.countedFlag)
                summary.perTemplate[template, default: 0] += 1
                summary.documentPages += pages
            }
        }
        try c.selectEvents.query(run) { row in
            let record = row.int(1)
            guard let kind = SQLiteRunLedger.EventKind(rawValue: row.int(0)), let channel = Channel(code: row.int(2)) else { return }
            let key = DeliveryKey(record: record, channel: channel)
            switch kind {
            case .intent:
                if !progress.isDelivered(record, channel) {
                    pendingIntents[key] = Intent(sha256: row.text(3) ?? "", files: Replay.split(row.text(4)),
                                                 template: row.text(5) ?? "", pages: row.int(6))
                }
            case .delivered:
                // A mark without an intent marks nothing (as an UPDATE of no row did).
                if let intent = pendingIntents.removeValue(forKey: key) {
                    deliver(record, channel, template: intent.template, pages: intent.pages)
                }
            case .queued:
                if !flags.has(record, Replay.letterFlag) { flags.set(record, Replay.queuedFlag) }
            case .unqueued:
                flags.set(record, Replay.queuedFlag, false)
            case .letter:
                flags.set(record, Replay.queuedFlag, false)
                flags.set(record, Replay.letterFlag)
                if fileDelivered[row.isNull(7) ? -1 : row.int(7)] == true {
                    deliver(record, .print, template: row.text(5) ?? "", pages: row.int(6))
                } else {
                    pendingLetters += 1
                }
            }
        }
        for r in flags.records(with: Replay.queuedFlag) {
            progress.markQueued(r)
            summary.queuedForPrint += 1
        }
        try c.db.prepare("SELECT record FROM rejects WHERE run_id = ?").query(run) { row in progress.markRejected(row.int(0)) }
        summary.pending = pendingIntents.count + pendingLetters
        for f in printFiles where f.delivered {
            summary.printFiles += 1; summary.printPages += f.pages; summary.printSheets += f.sheets
        }
        self.summary = summary
        self.progress = progress
    }

    private static func split(_ files: String?) -> [String] {
        (files ?? "").split(separator: " ").map(String.init)
    }
}
