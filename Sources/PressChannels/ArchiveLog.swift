import Synchronization

/// The append-only, hash-chained archive log `archive/archive.log` and its head file `archive/archive.head`.
///
/// Each line is a JSON object `{"seq":n,"file":…,"sha256":…,"index":…,"index_sha256":…,"prev":…,"hash":…}`
/// where `hash` is the SHA-256 of the line's text before `,"hash":` (which includes `prev`, the previous line's
/// hash; 64 zeros for the first line). Changing, inserting or removing a line breaks the chain; removing the
/// last lines is caught by the head file, rewritten atomically after every append with the last seq and hash.
/// One writer at a time (the run's committer); appends are serialised by a lock.
public final class ArchiveLog: Sendable {
    public struct Entry: Sendable, Hashable {
        public var file: SpoolFileName
        public var sha256: String
        public var index: SpoolFileName
        public var indexSHA256: String
        public init(file: SpoolFileName, sha256: String, index: SpoolFileName, indexSHA256: String) {
            self.file = file; self.sha256 = sha256; self.index = index; self.indexSHA256 = indexSHA256
        }
    }

    /// A parsed log line.
    public struct Line: Sendable, Hashable {
        public var seq: Int
        public var entry: Entry
        public var prev: String
        public var hash: String
        /// Text before `,"hash":`, the hashed part.
        public var body: String
    }

    public static let logName = "archive.log"
    public static let headName = "archive.head"
    public static let genesis = String(repeating: "0", count: 64)

    private let spool: Spool
    private let logPath: String
    private let tail: Mutex<(seq: Int, hash: String)>
    /// Sequence number of the last line (0: empty log).
    public var lastSeq: Int { tail.withLock { $0.seq } }
    /// Hash of the last line (64 zeros: empty log).
    public var lastHash: String { tail.withLock { $0.hash } }

    /// Opens the log: drops a torn last line (a crash mid-append), checks the log against the head file and
    /// refuses to append when lines are missing (tampering: run `presswork archive verify`).
    public init(spool: Spool) throws {
        self.spool = spool
        logPath = spool.channelFolder(.archive) + "/" + ArchiveLog.logName
        // Only the end of the log is read: it spans every run of the spool (a million lines are ~400 MB), and
        // opening it must not cost memory or time in proportion to that.
        var seq = 0, hash = ArchiveLog.genesis
        var window = 1 << 16
        while let (data, size) = try POSIXFile.readTail(logPath, maxBytes: window) {
            let offset = size - data.count
            guard let lastNewline = data.lastIndex(of: 10) else {
                if data.count < size { window *= 4; continue }
                // No complete line at all: a torn first line.
                if size > 0 { try POSIXFile.truncate(logPath, to: 0) }
                break
            }
            let start = data[..<lastNewline].lastIndex(of: 10).map { $0 + 1 }
            if start == nil && offset > 0 { window *= 4; continue }
            // A torn last line (a crash mid-append) is dropped.
            if lastNewline + 1 < data.count { try POSIXFile.truncate(logPath, to: offset + lastNewline + 1) }
            let text = String(decoding: data[(start ?? 0)..<lastNewline], as: UTF8.self)
            guard let line = ArchiveLog.parse(text) else {
                throw ChannelError(.verifyFailed, "the last line of \(logPath) is not a valid archive log line")
            }
            seq = line.seq; hash = line.hash
            break
        }
        let headPath = spool.channelFolder(.archive) + "/" + ArchiveLog.headName
        if let head = try POSIXFile.read(headPath), let (hSeq, hHash) = ArchiveLog.parseHead(head) {
            if hSeq > seq || (hSeq == seq && hHash != hash) {
                throw ChannelError(.verifyFailed, "\(logPath) ends at line \(seq) but \(ArchiveLog.headName) records line \(hSeq): the log was truncated or changed; run 'presswork archive verify'")
            }
        }
        tail = Mutex((seq, hash))
        if seq > 0 { try writeHead(seq: seq, hash: hash) }
    }

    /// Appends entries (one line each), fsyncs the log, then rewrites the head file atomically.
    public func append(_ entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        try tail.withLock { tail in
            var out: [UInt8] = []
            out.reserveCapacity(entries.count * 400)
            var seq = tail.seq, prev = tail.hash
            for e in entries {
                seq += 1
                let (line, hash) = ArchiveLog.format(seq: seq, entry: e, prev: prev)
                out.append(contentsOf: line)
                prev = hash
            }
            try POSIXFile.appendAndSync(logPath, bytes: out)
            tail = (seq, prev)
            try writeHead(seq: seq, hash: prev)
        }
    }

    private func writeHead(seq: Int, hash: String) throws {
        try spool.writeAtomically(Array("\(seq) \(hash)\n".utf8), folder: try SpoolFileName("archive"),
                                  name: try SpoolFileName(ArchiveLog.headName))
    }

    /// Which of `files` (PDF names) the log holds (for resume reconciliation: was this document logged?).
    /// Reads the log a chunk at a time and keeps only matches: memory is that of `files`, not of the log.
    public func loggedFiles(among files: Set<String>) throws -> Set<String> {
        var found = Set<String>()
        guard !files.isEmpty else { return found }
        try POSIXFile.forEachLine(logPath) { bytes in
            guard let name = ArchiveLog.fileField(bytes), files.contains(name) else { return }
            found.insert(name)
        }
        return found
    }

    private static let fileKey = Array(",\"file\":\"".utf8)

    /// The `"file"` value of a log line, without parsing the rest.
    static func fileField(_ line: ArraySlice<UInt8>) -> String? {
        let key = fileKey
        guard line.count > key.count,
              let at = line.indices.first(where: { i in i + key.count <= line.endIndex && line[i..<(i + key.count)].elementsEqual(key) })
        else { return nil }
        let from = at + key.count
        guard let to = line[from...].firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        return String(decoding: line[from..<to], as: UTF8.self)
    }

    /// One line of the log text as written: bytes (with newline) and its hash.
    static func format(seq: Int, entry e: Entry, prev: String) -> ([UInt8], String) {
        var w = JSONWriter()
        w.add("seq", seq)
        w.add("file", e.file.rawValue)
        w.add("sha256", e.sha256)
        w.add("index", e.index.rawValue)
        w.add("index_sha256", e.indexSHA256)
        w.add("prev", prev)
        let body = w.bytes
        let hash = SHA256.hex(body)
        w.add("hash", hash)
        return (w.finished() + [10], hash)
    }

    /// Parses one line (without newline); nil when it is not a well-formed log line.
    public static func parse(_ text: String) -> Line? {
        guard let r = text.range(of: ",\"hash\":\"", options: .backwards), text.hasSuffix("\"}") else { return nil }
        let body = String(text[..<r.lowerBound])
        let hash = String(text[r.upperBound..<text.index(text.endIndex, offsetBy: -2)])
        func field(_ name: String) -> String? {
            guard let fr = body.range(of: "\"\(name)\":") else { return nil }
            var rest = body[fr.upperBound...]
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let q = rest.firstIndex(of: "\"") else { return nil }
                return String(rest[..<q])
            }
            return String(rest.prefix(while: { $0.isNumber }))
        }
        guard let seqText = field("seq"), let seq = Int(seqText), let file = field("file"), let sha = field("sha256"),
              let index = field("index"), let isha = field("index_sha256"), let prev = field("prev"),
              let f = try? SpoolFileName(file), let i = try? SpoolFileName(index)
        else { return nil }
        return Line(seq: seq, entry: Entry(file: f, sha256: sha, index: i, indexSHA256: isha), prev: prev, hash: hash, body: body)
    }

    static func parseHead(_ bytes: [UInt8]) -> (Int, String)? {
        let parts = String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count == 2, let seq = Int(parts[0]) else { return nil }
        return (seq, String(parts[1]))
    }
}
