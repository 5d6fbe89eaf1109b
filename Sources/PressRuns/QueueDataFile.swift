import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The print queue's payloads: one append-only file beside the queue's database (`<queue>.data`), read by
/// offset and length, zeroed in place when a letter leaves the queue.
///
/// Why not a BLOB column: a payload (~3 KB) fills most of a database page, so SQLite wrote each one to its
/// write-ahead log, again into the database at checkpoint, and, with `secure_delete`, a third time to zero the
/// page when the letter left the queue in postcode order (a random page each). A 10,000-record run wrote
/// 220 MB and read 263 MB through the queue for 20 MB of payloads. Here a payload is written once, read once
/// and zeroed once. Not thread-safe: `SQLitePrintQueue` uses it under its lock.
final class QueueDataFile {
    let path: String
    private let fd: Int32
    /// Where the next payload goes: the file's size when opened (bytes a crash left after the last committed
    /// payload are never referenced and go with the file).
    private(set) var end: Int

    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw QueueDataFile.error(errno, "open", path) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw QueueDataFile.error(e, "stat", path)
        }
        end = Int(st.st_size)
    }

    deinit { close(fd) }

    /// Appends `payloads` and makes them durable; returns each one's offset.
    func append(_ payloads: [[UInt8]]) throws -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(payloads.count)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(payloads.reduce(0) { $0 + $1.count })
        for p in payloads {
            offsets.append(end + buffer.count)
            buffer.append(contentsOf: p)
        }
        try write(buffer, at: end)
        guard fdatasync(fd) == 0 else { throw QueueDataFile.error(errno, "sync", path) }
        end += buffer.count
        return offsets
    }

    /// The payload at `offset`, `length` bytes long.
    func read(offset: Int, length: Int) throws -> [UInt8] {
        guard offset >= 0, length >= 0, offset + length <= end else {
            throw RunError(.ledger, "the print queue's data file \(path) is shorter than its index (\(end) bytes, a letter at \(offset)+\(length))")
        }
        return try [UInt8](unsafeUninitializedCapacity: length) { buf, count in
            var done = 0
            while done < length {
                let n = pread(fd, buf.baseAddress! + done, length - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw QueueDataFile.error(n < 0 ? errno : EIO, "read", path) }
                done += n
            }
            count = length
        }
    }

    /// Overwrites these ranges with zeros and makes that durable: a letter that left the queue leaves no personal
    /// data behind in the file, as `secure_delete` does for the database.
    func zero(_ ranges: [(offset: Int, length: Int)]) throws {
        guard !ranges.isEmpty else { return }
        for r in ranges where r.length > 0 && r.offset + r.length <= end {
            try write([UInt8](repeating: 0, count: r.length), at: r.offset)
        }
        guard fdatasync(fd) == 0 else { throw QueueDataFile.error(errno, "sync", path) }
    }

    private func write(_ bytes: [UInt8], at offset: Int) throws {
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw QueueDataFile.error(n < 0 ? errno : EIO, "write", path) }
                done += n
            }
        }
    }

    static func error(_ err: Int32, _ what: String, _ path: String) -> RunError {
        RunError(.spool, "cannot \(what) the print queue's data file \(path)", cause: String(cString: strerror(err)))
    }
}
