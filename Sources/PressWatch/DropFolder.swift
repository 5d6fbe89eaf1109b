import Foundation

/// The four folders of a drop folder root: `inbox/` (upstream systems drop files here), `work/` (claimed, being
/// processed), `done/` and `failed/` (with a `<name>.reason.txt` beside each failed file).
///
/// All moves are `rename(2)` within one file system, so a file is in exactly one folder at any time; a claim
/// is atomic (two watchers on one root never process the same file).
public struct DropFolder: Sendable, Hashable {
    /// The root folder (absolute or relative to the working folder).
    public let root: String
    public var inbox: String { root + "/inbox" }
    public var work: String { root + "/work" }
    public var done: String { root + "/done" }
    public var failed: String { root + "/failed" }

    public init(root: String) {
        var r = root
        while r.count > 1, r.hasSuffix("/") { r.removeLast() }
        self.root = r
    }

    /// Creates the four folders if missing.
    public func prepare() throws(WatchError) {
        for path in [inbox, work, done, failed] {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw WatchError(.folder, "cannot create \(path)", cause: "\(error)")
            }
        }
    }

    /// Whether a file name is a finished data file: not hidden (`.name`), not a temporary name
    /// (`*.part`, `*.partial`, `*.tmp`, `*.temp`, `*.swp`, `*~`, `*.crdownload`, `*.filepart`).
    public static func isCandidate(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") || name.contains("/") { return false }
        let lower = name.lowercased()
        for suffix in [".part", ".partial", ".tmp", ".temp", ".swp", ".crdownload", ".filepart", ".reason.txt"]
        where lower.hasSuffix(suffix) { return false }
        return true
    }

    /// Candidate regular files in `folder`, sorted by name (deterministic processing order).
    public func candidates(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { DropFolder.isCandidate($0) && isRegularFile(folder + "/" + $0) }.sorted()
    }

    func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// `rename(from, to)`; false when `from` no longer exists (claimed by someone else, or deleted).
    func move(_ from: String, _ to: String) throws(WatchError) -> Bool {
        if rename(from, to) == 0 { return true }
        let code = errno
        if code == ENOENT { return false }
        throw WatchError(.folder, "cannot move \(from) to \(to)", cause: String(cString: strerror(code)))
    }

    /// A free name for `name` in `folder`: `name`, else `stem-2.ext`, `stem-3.ext`, … (a daily
    /// `invoices.jsonl` never overwrites yesterday's in `done/`).
    func freeName(for name: String, in folder: String) -> String {
        let fm = FileManager.default
        if !fm.fileExists(atPath: folder + "/" + name) && !fm.fileExists(atPath: folder + "/" + name + ".reason.txt") {
            return name
        }
        let (stem, ext) = DropFolder.split(name)
        var n = 2
        while true {
            let candidate = stem + "-\(n)" + ext
            if !fm.fileExists(atPath: folder + "/" + candidate)
                && !fm.fileExists(atPath: folder + "/" + candidate + ".reason.txt") { return candidate }
            n += 1
        }
    }

    /// `invoices.jsonl` -> (`invoices`, `.jsonl`); no extension -> (name, "").
    static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }
}
