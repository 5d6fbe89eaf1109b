/// Checks an archive spool: the log's hash chain, the head file, and every archived file against its hash.
///
/// `presswork archive verify --spool DIR` prints the problems and exits non-zero when there is any.
public struct ArchiveVerifier: Sendable {
    /// One problem found, naming the file or log line.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable { case chainBroken, hashMismatch, missingFile, untrackedFile, headMismatch, malformedLine }
        public var kind: Kind
        public var message: String
        public var description: String { "\(kind.rawValue): \(message)" }
    }

    /// The outcome: how many log lines and files were checked, and the problems.
    public struct Report: Sendable {
        public var lines: Int
        public var filesChecked: Int
        public var problems: [Problem]
        public var ok: Bool { problems.isEmpty }
    }

    public let spool: Spool
    public init(spool: Spool) { self.spool = spool }

    public func verify() throws -> Report {
        let folder = spool.channelFolder(.archive)
        var problems: [Problem] = []
        var prev = ArchiveLog.genesis
        var expectedSeq = 1
        var tracked = NameDigests()
        var checked = 0
        var number = 0, lineCount = 0
        // Line by line: the log spans every run of the spool, and a million lines must not be held at once.
        try POSIXFile.forEachLine(folder + "/" + ArchiveLog.logName) { bytes in
            number += 1
            if bytes.isEmpty { return }
            lineCount += 1
            guard let line = ArchiveLog.parse(String(decoding: bytes, as: UTF8.self)) else {
                problems.append(Problem(kind: .malformedLine, message: "\(ArchiveLog.logName) line \(number) is not a valid archive log line"))
                return
            }
            if SHA256.hex(Array(line.body.utf8)) != line.hash {
                problems.append(Problem(kind: .chainBroken, message: "\(ArchiveLog.logName) line \(number) (seq \(line.seq)): the line was changed (its hash does not match its content)"))
            }
            if line.prev != prev {
                problems.append(Problem(kind: .chainBroken, message: "\(ArchiveLog.logName) line \(number) (seq \(line.seq)): previous-hash link broken (a line before it was removed, inserted or changed)"))
            }
            if line.seq != expectedSeq {
                problems.append(Problem(kind: .chainBroken, message: "\(ArchiveLog.logName) line \(number): sequence \(line.seq), expected \(expectedSeq) (lines missing or reordered)"))
            }
            expectedSeq = line.seq + 1
            prev = line.hash
            for (name, hash) in [(line.entry.file, line.entry.sha256), (line.entry.index, line.entry.indexSHA256)] {
                tracked.insert(name.rawValue)
                checked += 1
                guard let bytes = try POSIXFile.read(folder + "/" + name.rawValue) else {
                    problems.append(Problem(kind: .missingFile, message: "archive/\(name) (seq \(line.seq)) is missing"))
                    continue
                }
                if SHA256.hex(bytes) != hash {
                    problems.append(Problem(kind: .hashMismatch, message: "archive/\(name) (seq \(line.seq)): SHA-256 differs from the log (the file was changed)"))
                }
            }
        }
        let lastSeq = expectedSeq - 1
        if let head = try POSIXFile.read(folder + "/" + ArchiveLog.headName) {
            if let (hSeq, hHash) = ArchiveLog.parseHead(head) {
                if hSeq != lastSeq || hHash != prev {
                    problems.append(Problem(kind: .headMismatch, message: "\(ArchiveLog.headName) records line \(hSeq) but the log ends at line \(lastSeq) (lines at the end were removed or changed)"))
                }
            } else {
                problems.append(Problem(kind: .headMismatch, message: "\(ArchiveLog.headName) is malformed"))
            }
        } else if lineCount > 0 {
            problems.append(Problem(kind: .headMismatch, message: "\(ArchiveLog.headName) is missing"))
        }
        // Untracked files: each directory entry is looked up in the digests, and only the untracked ones
        // become Strings (sorted, so the report does not depend on directory order).
        tracked.seal()
        var untracked: [String] = []
        POSIXFile.forEachName(folder) { bytes in
            guard bytes.first != UInt8(ascii: "."), !tracked.contains(bytes) else { return }
            let name = String(decoding: bytes, as: UTF8.self)
            if name != ArchiveLog.logName && name != ArchiveLog.headName { untracked.append(name) }
        }
        for name in untracked.sorted() {
            problems.append(Problem(kind: .untrackedFile, message: "archive/\(name) is not in the archive log"))
        }
        return Report(lines: lineCount, filesChecked: checked, problems: problems)
    }
}

/// The names the archive log tracks, as 64-bit digests in a sorted array: 8 bytes a name instead of a
/// `Set<String>`'s ~100, so verifying an archive of a million documents (two million names) holds 16 MB, not
/// 200. The digest is Swift's `Hasher` (SipHash with a random key per process): a file outside the log is
/// missed only if its name's digest equals a tracked name's, which no one can arrange without the key and
/// which happens by chance with a probability of about (tracked names x untracked files) / 2^64.
struct NameDigests {
    private var digests: [UInt64] = []
    private var sorted = true

    mutating func insert(_ name: String) {
        var name = name
        let digest = name.withUTF8 { NameDigests.digest(UnsafeRawBufferPointer($0)) }
        if let last = digests.last, last > digest { sorted = false }
        digests.append(digest)
    }

    /// Sorts the digests; call once all names are in, before `contains`.
    mutating func seal() {
        if !sorted { digests.sort() }
        sorted = true
    }

    func contains(_ bytes: UnsafeRawBufferPointer) -> Bool {
        precondition(sorted, "NameDigests.seal() before contains")
        let digest = NameDigests.digest(bytes)
        var low = 0, high = digests.count
        while low < high {
            let mid = (low + high) / 2
            if digests[mid] < digest { low = mid + 1 } else { high = mid }
        }
        return low < digests.count && digests[low] == digest
    }

    var count: Int { digests.count }

    private static func digest(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return UInt64(bitPattern: Int64(hasher.finalize()))
    }
}
