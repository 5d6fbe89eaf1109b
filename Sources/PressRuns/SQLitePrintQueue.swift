import Foundation
import Synchronization

/// The print queue in its own SQLite file beside the ledger (`<spool>/.presswork/print-queue-<run>.sqlite`), with
/// the records themselves in an append-only data file beside it (`QueueDataFile`, `<queue>.data`).
///
/// Separate files, not tables of the ledger, because they hold personal data: they are deleted as a whole when
/// the run finishes, and a letter that leaves the queue earlier is zeroed in both (`secure_delete` for its row,
/// zeros over its payload). An index on (country, postcode, record) gives the run-wide order with bounded memory
/// (keyset paging, never a sort of everything in RAM). A row holds the sort keys and where its payload is, so the
/// database stays small and its pages few. Safe to share between tasks (the connection sits behind a `Mutex`).
///
/// Durability: `add` makes the payloads durable before it commits their rows, so a committed row always points
/// at a complete payload. Queues written before the data file (payloads in the `payload` column) still read.
public final class SQLitePrintQueue: PrintQueue {
    /// Used only under `state`'s lock (hence unchecked).
    final class Connection: @unchecked Sendable {
        let db: SQLiteDatabase
        let data: QueueDataFile
        let insert, first, after, location, delete, exists, count: SQLiteDatabase.Statement

        init(path: String) throws {
            db = try SQLiteDatabase(path: path)
            try db.exec("PRAGMA journal_mode=WAL")
            try db.exec("PRAGMA synchronous=FULL")
            try db.exec("PRAGMA secure_delete=ON")
            // 256 KiB of page cache instead of 2 MiB: rows are small and added by record number, and read once in
            // index order; with the ledger's, 3 MB less peak RSS per run.
            try db.exec("PRAGMA cache_size=-256")
            try db.exec("""
                CREATE TABLE IF NOT EXISTS letters(
                  record INTEGER PRIMARY KEY, country TEXT NOT NULL, postcode TEXT NOT NULL, payload BLOB NOT NULL);
                CREATE INDEX IF NOT EXISTS letters_order ON letters(country, postcode, record);
                """)
            var columns: Set<String> = []
            try db.prepare("PRAGMA table_info(letters)").query { row in columns.insert(row.text(1) ?? "") }
            if !columns.contains("data_offset") {
                try db.exec("ALTER TABLE letters ADD COLUMN data_offset INTEGER; ALTER TABLE letters ADD COLUMN data_length INTEGER")
            }
            data = try QueueDataFile(path: path + ".data")
            // Rows whose payload the data file no longer holds (it was deleted or cut short outside the run) are
            // lost letters: drop them, so the run sees them missing and produces them again, as when the whole
            // queue is lost, instead of failing on every resume.
            try db.prepare("DELETE FROM letters WHERE data_offset IS NOT NULL AND data_offset + data_length > ?").run(.int(data.end))
            let columnsOut = "record, country, postcode, payload, data_offset, data_length"
            insert = try db.prepare("INSERT OR REPLACE INTO letters(record, country, postcode, payload, data_offset, data_length) VALUES(?, ?, ?, X'', ?, ?)")
            first = try db.prepare("SELECT \(columnsOut) FROM letters ORDER BY country, postcode, record LIMIT ?")
            after = try db.prepare("SELECT \(columnsOut) FROM letters WHERE (country, postcode, record) > (?, ?, ?) ORDER BY country, postcode, record LIMIT ?")
            location = try db.prepare("SELECT data_offset, data_length FROM letters WHERE record = ? AND data_offset IS NOT NULL")
            // Returns where the payload was, to zero it once the row is gone.
            delete = try db.prepare("DELETE FROM letters WHERE record = ? RETURNING data_offset, data_length")
            exists = try db.prepare("SELECT 1 FROM letters WHERE record = ?")
            count = try db.prepare("SELECT COUNT(*) FROM letters")
        }

        /// Where a record's payload is in the data file (nil: not queued, or an old row with its payload inline).
        /// Asked before a record is added: a record queued again replaces its row, and its old payload is zeroed.
        func payloadRange(_ record: Int) throws -> (offset: Int, length: Int)? {
            var range: (offset: Int, length: Int)?
            try location.query(.int(record)) { row in range = (row.int(0), row.int(1)) }
            return range
        }
    }

    public let path: String
    private let state: Mutex<Connection?>

    /// Opens (or creates) the queue file at `path` and its data file `<path>.data`.
    public init(path: String) throws {
        self.path = path
        state = Mutex(try Connection(path: path))
    }

    /// Whether a queue file exists at `path` (a resumed run expects the one its first attempt left).
    public static func exists(at path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    private func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try state.withLock { c in
            guard let c else { throw RunError(.ledger, "the print queue \(path) was already destroyed") }
            return try body(c)
        }
    }

    public func add(_ letters: [QueuedPrintLetter]) throws {
        guard !letters.isEmpty else { return }
        try withConnection { c in
            // A record added again (a resumed run re-queues what its ledger did not record) replaces its row; the
            // payload it pointed at is zeroed, so no second copy of the record stays behind.
            var replaced: [(offset: Int, length: Int)] = []
            for l in letters { if let r = try c.payloadRange(l.record) { replaced.append(r) } }
            let offsets = try c.data.append(letters.map(\.payload))
            try c.db.transaction {
                for (l, offset) in zip(letters, offsets) {
                    try c.insert.run(.int(l.record), .text(l.country), .text(l.postcode), .int(offset), .int(l.payload.count))
                }
            }
            try c.data.zero(replaced)
        }
    }

    public func letters(after key: PrintQueueKey?, limit: Int) throws -> [QueuedPrintLetter] {
        try withConnection { c in
            var out: [QueuedPrintLetter] = []
            let read: (SQLiteDatabase.Row) throws -> Void = { row in
                // Rows of queues written before the data file carry their payload inline.
                let payload = row.isNull(4) ? row.blob(3) : try c.data.read(offset: row.int(4), length: row.int(5))
                out.append(QueuedPrintLetter(record: row.int(0), country: row.text(1) ?? "", postcode: row.text(2) ?? "",
                                             payload: payload))
            }
            if let key {
                try c.after.query(.text(key.country), .text(key.postcode), .int(key.record), .int(limit), row: read)
            } else {
                try c.first.query(.int(limit), row: read)
            }
            return out
        }
    }

    public func remove(_ records: [Int]) throws {
        guard !records.isEmpty else { return }
        try withConnection { c in
            var ranges: [(offset: Int, length: Int)] = []
            try c.db.transaction {
                for r in records {
                    try c.delete.query(.int(r)) { row in
                        if !row.isNull(0) { ranges.append((row.int(0), row.int(1))) }
                    }
                }
            }
            try c.data.zero(ranges)
        }
    }

    public func contains(_ record: Int) throws -> Bool {
        try withConnection { c in
            var found = false
            try c.exists.query(.int(record)) { _ in found = true }
            return found
        }
    }

    public func count() throws -> Int {
        try withConnection { c in
            var n = 0
            try c.count.query { row in n = row.int(0) }
            return n
        }
    }

    public func destroy() throws {
        // Close first (statements and connection), then remove the database and its WAL/SHM side files.
        state.withLock { $0 = nil }
        for suffix in ["", "-wal", "-shm", "-journal", ".data"] {
            let p = path + suffix
            if FileManager.default.fileExists(atPath: p) {
                do { try FileManager.default.removeItem(atPath: p) } catch {
                    throw RunError(.spool, "cannot delete the print queue \(p)", cause: "\(error)")
                }
            }
        }
    }
}
