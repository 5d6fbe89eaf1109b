public import PressChannels

/// The run ledger: which record went to which channel, so a killed run resumes with every record delivered
/// to each of its channels exactly once.
///
/// It holds ids, counts, states and content hashes only — never names, addresses or amounts. The embedded
/// implementation is `SQLiteRunLedger`; a PostgreSQL one can implement the same protocol.
///
/// The delivery protocol, per batch of documents (`CommitJob`):
/// 1. workers write each document's files to `<spool>/.staging/<channel>/` under their final, deterministic
///    names (`<run>-r<record>-<number>.pdf|.json|.eml`, `<run>-print-<seq>.pdf|.csv|.json`);
/// 2. the staged files are made durable (fsync per file, or one `syncfs` per batch);
/// 3. the batch's *intents* (pending + content hash + file names) are committed, together with the previous
///    batch's *delivered* marks and the rejects, in one fsynced transaction;
/// 4. the files are renamed into `<spool>/<channel>/` (atomic), archive documents appended to the archive log;
/// 5. the next batch's commit marks them delivered.
/// Recovery (`ResumeReconciler`): a pending delivery whose files are still staged is published now; one whose
/// files left staging was published before the crash (and may already be consumed) — both are marked
/// delivered; staged files without an intent are deleted; temporary files are deleted. A rename is atomic, so
/// a file is in exactly one of the two places: no document is lost or published twice.
public protocol RunLedger: Sendable {
    /// Starts or resumes a run. A new id is created in state `running`; an interrupted run with the same
    /// configuration hash is resumed (attempt + 1); a finished one is returned as is unless `rerun`, which
    /// clears its rows and starts generation + 1. A different configuration for a running id is a conflict.
    /// `asOf`: the clock asked for explicitly (a resumed run must keep its own); `defaultAsOf`: the clock of a
    /// new run when none is asked for.
    func openRun(_ id: RunID, configHash: String, asOf: String?, defaultAsOf: String, rerun: Bool) throws -> RunInfo
    /// Per record: which channels are delivered, and whether it was rejected.
    func progress(_ id: RunID) throws -> RecordProgress
    /// Intents recorded but not yet marked delivered (after a crash).
    func pending(_ id: RunID) throws -> PendingWork
    /// Records intents, queued print letters, print files, deliveries and rejects in one durable transaction
    /// (a rejected record's queued print letter is dropped).
    func commit(_ id: RunID, _ batch: LedgerBatch) throws
    /// Marks the run finished (or failed/interrupted) with the total number of input records seen.
    func finishRun(_ id: RunID, state: RunState, records: Int) throws
    /// Counts for the report.
    func summary(_ id: RunID) throws -> LedgerSummary
    /// Rejected records, by record number.
    func rejects(_ id: RunID) throws -> [RejectEntry]
    /// The next unused print file sequence number of the run (1-based).
    func nextPrintSequence(_ id: RunID) throws -> Int
    /// Forgets that these records' print letters are queued (their queue entries were lost), so that the run
    /// produces them again.
    func forgetQueuedPrint(_ id: RunID, records: [Int]) throws
}

/// The state of a run in the ledger.
public enum RunState: String, Sendable, Codable {
    case running, finished, failed, interrupted
}

/// What `openRun` found or created.
public struct RunInfo: Sendable, Hashable {
    public var id: RunID
    public var state: RunState
    public var configHash: String
    /// The run's clock (ISO 8601), fixed at the first start so that a resumed run writes the same bytes.
    public var asOf: String
    /// 1 for the first start, +1 per resume.
    public var attempt: Int
    /// 1, +1 per `--rerun` of a finished run (file names of later generations carry `.g<n>`).
    public var generation: Int
    /// True when this call created the run (or started a new generation).
    public var isNew: Bool

    public init(id: RunID, state: RunState, configHash: String, asOf: String, attempt: Int, generation: Int, isNew: Bool) {
        self.id = id; self.state = state; self.configHash = configHash; self.asOf = asOf
        self.attempt = attempt; self.generation = generation; self.isNew = isNew
    }
}

/// A delivery's identity: record number and channel.
public struct DeliveryKey: Sendable, Hashable, Comparable {
    public var record: Int
    public var channel: Channel
    public init(record: Int, channel: Channel) { self.record = record; self.channel = channel }
    public static func < (a: DeliveryKey, b: DeliveryKey) -> Bool { (a.record, a.channel.code) < (b.record, b.channel.code) }
}

/// A document about to be published to an e-mail or archive channel.
public struct DeliveryIntent: Sendable, Hashable {
    public var key: DeliveryKey
    /// SHA-256 of the main file.
    public var sha256: String
    /// The spool file names (publish order).
    public var files: [String]
    public var template: String
    public var pages: Int
    public init(key: DeliveryKey, sha256: String, files: [String], template: String, pages: Int) {
        self.key = key; self.sha256 = sha256; self.files = files; self.template = template; self.pages = pages
    }
}

/// One letter inside a print file.
public struct PrintLetterEntry: Sendable, Hashable {
    public var record: Int
    public var template: String
    public var pages: Int
    public init(record: Int, template: String, pages: Int) { self.record = record; self.template = template; self.pages = pages }
}

/// A print file about to be published, with the letters it holds.
public struct PrintFileIntent: Sendable, Hashable {
    public var sequence: Int
    public var sha256: String
    public var files: [String]
    public var letters: [PrintLetterEntry]
    /// Physical pages in the file, including inserted blank back pages.
    public var pages: Int
    public var sheets: Int
    public init(sequence: Int, sha256: String, files: [String], letters: [PrintLetterEntry], pages: Int, sheets: Int) {
        self.sequence = sequence; self.sha256 = sha256; self.files = files; self.letters = letters
        self.pages = pages; self.sheets = sheets
    }
}

/// A rejected record: number, a stable reason code, the field path, and a value-free message.
public struct RejectEntry: Sendable, Hashable {
    public var record: Int
    public var code: String
    public var path: String?
    public var message: String
    public init(record: Int, code: String, path: String?, message: String) {
        self.record = record; self.code = code; self.path = path; self.message = RejectEntry.scrub(message)
    }

    /// Drops quoted fragments of 4+ characters ('…', "…") and truncates: error texts of other stages may
    /// echo data values, and the ledger must not hold personal data. Short quoted tokens (`','`) are kept.
    public static func scrub(_ text: String) -> String {
        var out = ""
        var quote: Character?
        var quoted = ""
        for c in text {
            if let q = quote {
                if c == q {
                    out += quoted.count >= 4 ? "…" : quoted
                    out.append(c)
                    quote = nil
                    quoted = ""
                } else {
                    quoted.append(c)
                }
                continue
            }
            if c == "'" || c == "\"" || c == "‘" || c == "“" {
                quote = c == "‘" ? "’" : (c == "“" ? "”" : c)
                out.append(c)
                continue
            }
            out.append(c == "\n" || c == "\r" ? " " : c)
        }
        if quote != nil { out += quoted.count >= 4 ? "…" : quoted }
        return out.count > 240 ? String(out.prefix(240)) + "…" : out
    }
}

/// One durable ledger transaction.
public struct LedgerBatch: Sendable {
    public var intents: [DeliveryIntent] = []
    /// Print letters now waiting in the print queue (their queue entries are durable before this commit).
    public var queuedPrint: [PrintLetterEntry] = []
    public var printFiles: [PrintFileIntent] = []
    public var delivered: [DeliveryKey] = []
    public var deliveredPrintFiles: [Int] = []
    public var rejects: [RejectEntry] = []
    public init() {}
    public var isEmpty: Bool {
        intents.isEmpty && queuedPrint.isEmpty && printFiles.isEmpty && delivered.isEmpty && deliveredPrintFiles.isEmpty && rejects.isEmpty
    }
}

/// Deliveries recorded as intents and not yet marked delivered.
public struct PendingWork: Sendable {
    public struct Delivery: Sendable, Hashable {
        public var key: DeliveryKey
        public var sha256: String
        public var files: [String]
    }
    public struct PrintFile: Sendable, Hashable {
        public var sequence: Int
        public var sha256: String
        public var files: [String]
    }
    public var deliveries: [Delivery] = []
    public var printFiles: [PrintFile] = []
    public init(deliveries: [Delivery] = [], printFiles: [PrintFile] = []) {
        self.deliveries = deliveries; self.printFiles = printFiles
    }
}

/// Per record (by number): delivered channels as bits (`1 << channel.code`), a bit for a print letter waiting
/// in the print queue, and a rejected bit.
public struct RecordProgress: Sendable {
    public static let rejectedBit: UInt8 = 0x80
    public static let queuedBit: UInt8 = 0x40
    private var bits = RecordBits()
    public init() {}

    public mutating func markDelivered(_ record: Int, _ channel: Channel) { bits.set(record, UInt8(1 << channel.code)) }
    public mutating func markRejected(_ record: Int) { bits.set(record, RecordProgress.rejectedBit) }
    public mutating func markQueued(_ record: Int) { bits.set(record, RecordProgress.queuedBit) }
    public func isDelivered(_ record: Int, _ channel: Channel) -> Bool { bits.has(record, UInt8(1 << channel.code)) }
    public func isRejected(_ record: Int) -> Bool { bits.has(record, RecordProgress.rejectedBit) }
    /// The record's print letter waits in the print queue (produced; its print file comes at the end of the run).
    public func isQueued(_ record: Int) -> Bool { bits.has(record, RecordProgress.queuedBit) }
    /// Whether the record still needs work for `channel`: neither delivered nor (print) queued.
    public func needs(_ record: Int, _ channel: Channel) -> Bool {
        !isDelivered(record, channel) && !(channel == .print && isQueued(record))
    }
    /// The records whose print letters are queued, ascending.
    public var queuedRecords: [Int] { bits.records(with: RecordProgress.queuedBit) }
    /// Count of records with any mark.
    public var touchedRecords: Int { bits.touched }
}

/// A byte of flags per record number, grown as records come (a million records: 1 MB). Negative numbers are
/// ignored.
struct RecordBits: Sendable {
    private var bytes: [UInt8] = []

    mutating func set(_ record: Int, _ bit: UInt8, _ on: Bool = true) {
        guard record >= 0 else { return }
        if record >= bytes.count {
            guard on else { return }
            bytes.append(contentsOf: repeatElement(0, count: record - bytes.count + 1))
        }
        if on { bytes[record] |= bit } else { bytes[record] &= ~bit }
    }

    func has(_ record: Int, _ bit: UInt8) -> Bool {
        record >= 0 && record < bytes.count && bytes[record] & bit != 0
    }

    /// The records with `bit` set, ascending.
    func records(with bit: UInt8) -> [Int] { bytes.indices.filter { bytes[$0] & bit != 0 } }

    /// Count of records with any bit set.
    var touched: Int { bytes.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }
}

/// Counts for a run's report (all from the ledger, so a resumed run reports its whole work).
public struct LedgerSummary: Sendable, Hashable {
    public var delivered: [Channel: Int] = [:]
    public var pending: Int = 0
    /// Print letters produced and waiting for the run's print files (non-zero only while a run is unfinished).
    public var queuedForPrint: Int = 0
    /// Records delivered per template (a record counts once, whatever its channels).
    public var perTemplate: [String: Int] = [:]
    public var documentPages: Int = 0
    public var rejects: Int = 0
    public var printFiles: Int = 0
    public var printPages: Int = 0
    public var printSheets: Int = 0
    public var attempts: Int = 0
    public var generation: Int = 1
    public var records: Int = 0
    public init() {}
}
