#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin, errno-mapping wrappers over the POSIX calls the spool needs (open/write/fsync/rename).
///
/// Foundation's `Data.write(options: .atomic)` neither fsyncs the file nor the folder, so a power loss can
/// leave an empty file under the final name; these helpers do the full sequence.
enum POSIXFile {
    /// Maps an errno of operation `what` on `path` to a `ChannelError`.
    static func error(_ err: Int32, _ what: String, _ path: String) -> ChannelError {
        let reason = String(cString: strerror(err))
        switch err {
        case ENOSPC, EDQUOT:
            return ChannelError(.diskFull, "no space left while trying to \(what) \(path)", cause: reason)
        case EACCES, EPERM, EROFS, ENOTDIR, EISDIR:
            return ChannelError(.notWritable, "cannot \(what) \(path): the spool is not writable", cause: reason)
        default:
            return ChannelError(.io, "cannot \(what) \(path)", cause: reason)
        }
    }

    /// Creates `path` exclusively (or, `replacing`, truncates what is there), writes all bytes and fsyncs it
    /// (unless `sync` is false). Removes the file again on failure.
    static func createAndSync(_ path: String, bytes: UnsafeRawBufferPointer, mode: mode_t = 0o640, sync: Bool = true,
                              replacing: Bool = false) throws {
        let fd = open(path, O_WRONLY | O_CREAT | (replacing ? O_TRUNC : O_EXCL) | O_CLOEXEC, mode)
        guard fd >= 0 else { throw error(errno, "create", path) }
        var failure: ChannelError?
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = error(errno, "write", path)
                break
            }
            offset += n
        }
        if sync, failure == nil, fsync(fd) != 0 { failure = error(errno, "fsync", path) }
        if close(fd) != 0, failure == nil { failure = error(errno, "close", path) }
        if let failure {
            unlink(path)
            throw failure
        }
    }

    /// Appends bytes to `path` (created if missing) with `O_APPEND`, then fsyncs.
    static func appendAndSync(_ path: String, bytes: [UInt8]) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw error(errno, "open", path) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, "append to", path)
            }
            offset += n
        }
        guard fsync(fd) == 0 else { throw error(errno, "fsync", path) }
    }

    /// Truncates `path` to `length` bytes and fsyncs (used to drop a torn last log line).
    static func truncate(_ path: String, to length: Int) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, "open", path) }
        defer { close(fd) }
        guard ftruncate(fd, off_t(length)) == 0, fsync(fd) == 0 else { throw error(errno, "truncate", path) }
    }

    /// `rename(2)`: atomic within one file system.
    static func rename(_ from: String, _ to: String) throws {
        guard Glibc.rename(from, to) == 0 else { throw error(errno, "rename into", to) }
    }

    /// `rename(2)`; false when `from` does not exist. (ENOENT also means a missing target folder: then `from`
    /// is still there, and that is an error.)
    static func renameIfPresent(_ from: String, _ to: String) throws -> Bool {
        if Glibc.rename(from, to) == 0 { return true }
        let err = errno
        if err == ENOENT && !exists(from) { return false }
        throw error(err, "rename into", to)
    }

    /// fsyncs a directory so that renames and creations in it are durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, "open folder", path) }
        defer { close(fd) }
        // Some file systems refuse fsync on directories with EINVAL; the rename is still atomic there.
        if fsync(fd) != 0, errno != EINVAL { throw error(errno, "fsync folder", path) }
    }

    /// Flushes the whole file system holding `path` (`syncfs(2)`; `sync(2)` where it is missing).
    static func syncFileSystem(_ path: String) throws {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, "open folder", path) }
        defer { close(fd) }
        guard presswork_syncfs(fd) == 0 else { throw error(errno, "sync the file system of", path) }
        #else
        sync()
        #endif
    }

    /// `mkdir -p` for one level; an existing directory is fine.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o750) == 0 { return }
        let err = errno
        var st = stat()
        if err == EEXIST, stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return }
        throw error(err == EEXIST ? ENOTDIR : err, "create folder", path)
    }

    /// `mkdir -p`: the folder and every missing parent (a spool root such as `out/spool` on a fresh checkout).
    static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            try makeDirectory(prefix)
        }
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// A descriptor open for reading, or nil when the file does not exist.
    private static func openForReading(_ path: String) throws -> Int32? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw error(errno, "read", path)
        }
        return fd
    }

    /// Reads `fd` to its end in chunks of `chunkSize` bytes, retrying interrupted reads.
    private static func readChunks(_ fd: Int32, path: String, chunkSize: Int,
                                   _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, "read", path)
            }
            if n == 0 { return }
            try body(chunk[0..<n])
        }
    }

    /// Whole file contents, or nil when it does not exist.
    static func read(_ path: String) throws -> [UInt8]? {
        guard let fd = try openForReading(path) else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var st = stat()
        if fstat(fd, &st) == 0 { out.reserveCapacity(Int(st.st_size)) }
        try readChunks(fd, path: path, chunkSize: 1 << 16) { out.append(contentsOf: $0) }
        return out
    }

    /// The last `maxBytes` bytes of a file and the file's size; nil when it does not exist.
    static func readTail(_ path: String, maxBytes: Int) throws -> (bytes: [UInt8], size: Int)? {
        guard let fd = try openForReading(path) else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw error(errno, "stat", path) }
        let size = Int(st.st_size)
        let count = min(size, maxBytes)
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(size - count + done)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw error(errno, "read", path)
            }
            if n == 0 { break }
            done += n
        }
        return (Array(out[0..<done]), size)
    }

    /// Calls `body` with each line of a file (without its newline), reading 1 MiB at a time: memory does not
    /// grow with the file. A last line without a newline is passed too. Nothing happens when the file does not
    /// exist.
    static func forEachLine(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        guard let fd = try openForReading(path) else { return }
        defer { close(fd) }
        var carry: [UInt8] = []
        try readChunks(fd, path: path, chunkSize: 1 << 20) { chunk in
            var start = chunk.startIndex
            for i in chunk.indices where chunk[i] == 10 {
                if carry.isEmpty {
                    try body(chunk[start..<i])
                } else {
                    carry.append(contentsOf: chunk[start..<i])
                    try body(carry[...])
                    carry.removeAll(keepingCapacity: true)
                }
                start = i + 1
            }
            carry.append(contentsOf: chunk[start...])
        }
        if !carry.isEmpty { try body(carry[...]) }
    }

    /// Names in a directory (no `.`/`..`), sorted; empty when it does not exist.
    static func list(_ path: String) -> [String] { list(path, prefix: "") }

    /// Calls `body` with each name's bytes in `path` (no `.`/`..`, directory order, nothing kept); does nothing
    /// when the folder does not exist. For folders too large to list: an archive of a million documents has
    /// two million names, ~100 bytes each as a sorted `[String]`.
    static func forEachName(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        guard let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            try withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let length = raw.firstIndex(of: 0) ?? raw.count
                let bytes = UnsafeRawBufferPointer(rebasing: raw[..<length])
                if bytes.count <= 2 && bytes.allSatisfy({ $0 == 46 }) { return }   // "." and ".."
                try body(bytes)
            }
        }
    }

    /// The names in `path` that start with `prefix`, sorted. The prefix is checked on the directory entry's
    /// bytes, so a folder of a million documents searched for a few temporary files costs no String per
    /// entry (a resumed 1,000,000-record run peaked at 123 MB listing its archive folder whole).
    static func list(_ path: String, prefix: String) -> [String] {
        let want = Array(prefix.utf8)
        var names: [String] = []
        forEachName(path) { bytes in
            if bytes.starts(with: want) { names.append(String(decoding: bytes, as: UTF8.self)) }
        }
        return names.sorted()
    }

    static func remove(_ path: String) { unlink(path) }
}

#if os(Linux)
/// glibc's `syncfs(2)`: declared only under `_GNU_SOURCE`, which Swift's Glibc module does not set.
@_silgen_name("syncfs")
private func presswork_syncfs(_ fd: Int32) -> Int32
#endif
