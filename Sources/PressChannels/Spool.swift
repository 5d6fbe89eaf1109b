#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A spool root with one folder per channel, and the write protocol that makes every file appear atomically.
///
/// Layout: `<root>/print/`, `<root>/email/`, `<root>/archive/` (what consumers pick up) and
/// `<root>/.staging/<channel>/` (private, same file system). A file is first written to a temporary name
/// in staging, fsynced and renamed to its final name *in staging* (`stage`), later renamed into the channel
/// folder (`publish`). Because `rename(2)` is atomic, a staged file is in exactly one of the two places: the
/// run ledger uses that to resume after `kill -9` without sending anything twice (protocol: `RunLedger` in PressRuns).
/// Nothing is ever written outside `root`: every name is a validated `SpoolFileName`.
public final class Spool: Sendable {
    /// When staged files become durable.
    public enum Durability: Sendable, Hashable {
        /// fsync every file after writing it, fsync folders after renames (classic; ~9 ms per fsync measured
        /// on this project's machines, so it caps a worker at ~100 files per second).
        case perFile
        /// Write staged files without fsync; `syncStaging` flushes the whole file system once per batch
        /// (`syncfs(2)`), before the batch's intents are committed. Same guarantee for the delivery protocol
        /// (nothing is promised in the ledger before it is durable), one flush per batch instead of per file.
        case perBatch
    }

    /// The spool root as given (made absolute against the current directory).
    public let root: String
    public let durability: Durability
    private let counter = Atomic<Int>(0)
    private let pid = Int(getpid())

    /// Opens (creating if needed) the spool root and its channel and staging folders, and checks they are
    /// writable. Throws `ChannelError` `.notWritable` / `.diskFull` with the folder named.
    public init(root: String, durability: Durability = .perFile) throws {
        self.durability = durability
        var r = root
        if !r.hasPrefix("/") {
            var buf = [CChar](repeating: 0, count: 4096)
            if getcwd(&buf, buf.count) != nil {
                r = String(decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + r
            }
        }
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        self.root = r
        try POSIXFile.makeDirectories(r)
        try POSIXFile.makeDirectory(r + "/.staging")
        for c in Channel.allCases {
            try POSIXFile.makeDirectory(channelFolder(c))
            try POSIXFile.makeDirectory(stagingFolder(c))
        }
        // A probe: mkdir on an existing folder succeeds even when the folder is read-only.
        let probe = stagingFolder(.archive) + "/.probe-\(pid)"
        try [UInt8]("probe".utf8).withUnsafeBytes { b in try POSIXFile.createAndSync(probe, bytes: b) }
        POSIXFile.remove(probe)
    }

    /// Opens an existing spool without creating or writing anything (for `archive verify` on a read-only copy).
    public init(readOnlyRoot root: String) {
        durability = .perFile
        var r = root
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    /// `<root>/<channel>`: the folder consumers read.
    public func channelFolder(_ channel: Channel) -> String { root + "/" + channel.rawValue }
    /// `<root>/.staging/<channel>`: private staging folder on the same file system.
    public func stagingFolder(_ channel: Channel) -> String { root + "/.staging/" + channel.rawValue }

    private func temporaryName(for name: SpoolFileName) -> String {
        let n = counter.add(1, ordering: .relaxed).newValue
        return ".tmp-\(pid)-\(n)-" + name.rawValue
    }

    /// Writes `bytes` under `name` into the channel's staging folder. The staging folder itself is made
    /// durable by `syncStaging` (once per batch, not per file).
    ///
    /// Per-file durability: temporary name, write, fsync, rename, so that a staged name always holds a whole
    /// file. Per-batch durability writes the staged name directly: a file only counts as staged once a
    /// `syncStaging` after its write has returned (the ledger's intent comes after that flush), and a
    /// resumed run discards every staged file without an intent, torn ones included. That saves a rename
    /// (two directory lookups and updates) per file on the writer's critical path.
    public func stage(_ bytes: [UInt8], name: SpoolFileName, channel: Channel) throws {
        let folder = stagingFolder(channel)
        if durability == .perBatch {
            try bytes.withUnsafeBytes { b in try POSIXFile.createAndSync(folder + "/" + name.rawValue, bytes: b, sync: false, replacing: true) }
            return
        }
        let tmp = folder + "/" + temporaryName(for: name)
        try bytes.withUnsafeBytes { b in try POSIXFile.createAndSync(tmp, bytes: b, sync: durability == .perFile) }
        do {
            try POSIXFile.rename(tmp, folder + "/" + name.rawValue)
        } catch {
            POSIXFile.remove(tmp)
            throw error
        }
    }

    /// Makes staged files (and earlier renames) durable: fsyncs the staging folders of `channels` (per-file
    /// durability) or flushes the spool's file system once (per-batch durability).
    public func syncStaging(_ channels: some Sequence<Channel> = Channel.allCases) throws {
        if durability == .perBatch { return try POSIXFile.syncFileSystem(root) }
        for c in channels { try POSIXFile.syncDirectory(stagingFolder(c)) }
    }

    /// Makes published renames durable: fsyncs the channel folders (per-file durability). With per-batch
    /// durability this is left to the next `syncStaging` (before anything is marked delivered).
    public func syncPublished(_ channels: some Sequence<Channel> = Channel.allCases) throws {
        if durability == .perBatch { return }
        for c in channels { try POSIXFile.syncDirectory(channelFolder(c)) }
    }

    /// The outcome of `publish`.
    public enum PublishResult: Sendable, Equatable {
        /// The staged file was renamed into the channel folder now.
        case published
        /// Nothing was staged: it was published earlier (and maybe already picked up by a consumer).
        case notStaged
    }

    /// Moves a staged file into the channel folder (atomic rename, replacing nothing else).
    public func publish(_ name: SpoolFileName, channel: Channel) throws -> PublishResult {
        // One rename, no stat first: ENOENT says "not staged" (a directory lookup fewer per file).
        try POSIXFile.renameIfPresent(stagingFolder(channel) + "/" + name.rawValue,
                                      channelFolder(channel) + "/" + name.rawValue) ? .published : .notStaged
    }

    /// True when `name` is waiting in the channel's staging folder.
    public func isStaged(_ name: SpoolFileName, channel: Channel) -> Bool {
        POSIXFile.exists(stagingFolder(channel) + "/" + name.rawValue)
    }

    /// True when `name` is in the channel folder.
    public func isPublished(_ name: SpoolFileName, channel: Channel) -> Bool {
        POSIXFile.exists(channelFolder(channel) + "/" + name.rawValue)
    }

    /// Deletes a staged file (its ledger intent was never recorded, so it must not be published).
    public func discardStaged(_ name: SpoolFileName, channel: Channel) {
        POSIXFile.remove(stagingFolder(channel) + "/" + name.rawValue)
    }

    /// Names currently staged for `channel`.
    public func stagedNames(_ channel: Channel) -> [SpoolFileName] {
        POSIXFile.list(stagingFolder(channel)).filter { !$0.hasPrefix(".") }.map { SpoolFileName(unchecked: $0) }
    }

    /// Removes temporary files (`.tmp-*`) left in the staging and spool folders by a killed process.
    /// Returns how many were removed.
    @discardableResult
    public func removeTemporaries() -> Int {
        var removed = 0
        var folders = Channel.allCases.flatMap { [stagingFolder($0), channelFolder($0)] }
        folders.append(root)
        for sub in POSIXFile.list(root) where !sub.hasPrefix(".") && Channel(rawValue: sub) == nil {
            folders.append(root + "/" + sub)
        }
        for folder in folders {
            for name in POSIXFile.list(folder, prefix: ".tmp-") {
                POSIXFile.remove(folder + "/" + name)
                removed += 1
            }
        }
        return removed
    }

    /// Writes a file directly into `<root>/<folder>/<name>` atomically (temporary name, fsync, rename,
    /// fsync folder): for reports, rejects and manifests that need no ledger intent. `folder` nil = root.
    public func writeAtomically(_ bytes: [UInt8], folder: SpoolFileName?, name: SpoolFileName) throws {
        let dir = folder.map { root + "/" + $0.rawValue } ?? root
        try POSIXFile.makeDirectory(dir)
        let tmp = dir + "/" + temporaryName(for: name)
        try bytes.withUnsafeBytes { b in try POSIXFile.createAndSync(tmp, bytes: b) }
        do {
            try POSIXFile.rename(tmp, dir + "/" + name.rawValue)
            try POSIXFile.syncDirectory(dir)
        } catch {
            POSIXFile.remove(tmp)
            throw error
        }
    }

    /// Reads a published file of a channel (nil when absent).
    public func readPublished(_ name: SpoolFileName, channel: Channel) throws -> [UInt8]? {
        try POSIXFile.read(channelFolder(channel) + "/" + name.rawValue)
    }
}
