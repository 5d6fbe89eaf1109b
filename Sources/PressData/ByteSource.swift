import Foundation

/// Where a streaming reader gets its bytes from: a file (read in chunks, never whole) or memory.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int
    /// A name for messages (the file path, or `<memory>`).
    var name: String { get }
}

/// A file read with `read(2)`; the descriptor is closed when the source is released.
public final class FileByteSource: ByteSource {
    public let name: String
    private let descriptor: Int32

    /// Opens `path` for reading.
    public init(path: String) throws(DataError) {
        name = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            let reason = String(cString: strerror(errno))
            throw DataError(.io, "cannot open file: \(reason)", file: path)
        }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw DataError(.io, "is a directory, not a data file", file: path)
        }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw DataError(.io, "read failed: \(String(cString: strerror(errno)))", file: name)
        }
    }
}

/// Bytes already in memory, handed out at most `piece` bytes at a time (tests use small pieces
/// to exercise chunk boundaries).
public struct MemoryByteSource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private let piece: Int
    private var offset = 0

    public init(_ bytes: [UInt8], name: String = "<memory>", piece: Int = 1 << 16) {
        self.bytes = bytes
        self.name = name
        self.piece = max(1, piece)
    }

    public init(_ text: String, name: String = "<memory>", piece: Int = 1 << 16) {
        self.init(Array(text.utf8), name: name, piece: piece)
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DataError) -> Int {
        let count = min(buffer.count, piece, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// A sliding window over a byte source: bytes `[head, tail)` are unread; readers address them
/// relative to `head`, so offsets stay valid when the window is compacted or grown.
///
/// Memory is bounded: the window grows only as far as one record needs, up to `limit` bytes
/// (the reader's maximum record size plus one chunk); ``peakCapacity`` reports the largest size.
final class ChunkBuffer {
    private(set) var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var head = 0
    private(set) var tail = 0
    private(set) var isAtEnd = false
    /// The largest capacity the window ever had.
    private(set) var peakCapacity: Int
    /// Bytes read from the source so far.
    private(set) var bytesRead = 0
    let chunkSize: Int
    let limit: Int
    var source: any ByteSource

    init(source: any ByteSource, chunkSize: Int, limit: Int) {
        self.source = source
        self.chunkSize = max(16, chunkSize)
        self.limit = max(limit, self.chunkSize)
        capacity = self.chunkSize
        peakCapacity = capacity
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Unread byte count.
    var count: Int { tail - head }
    /// Pointer to the first unread byte (valid until the next `fill`).
    var start: UnsafePointer<UInt8> { UnsafePointer(storage + head) }

    /// The unread byte at `offset` (relative to head).
    @inline(__always) subscript(offset: Int) -> UInt8 { storage[head + offset] }

    /// Marks `n` bytes as read.
    func consume(_ n: Int) {
        head += n
        if head == tail {
            head = 0
            tail = 0
        }
    }

    /// Reads more bytes, compacting first and growing (up to `limit`) when the window is full.
    /// Returns false when nothing more could be read: end of input, or the window is at `limit`.
    func fill() throws(DataError) -> Bool {
        if isAtEnd { return false }
        if head > 0 && (tail == capacity || head >= capacity / 2) {
            // The ranges may overlap: memmove, not a copy.
            memmove(storage, storage + head, tail - head)
            tail -= head
            head = 0
        }
        if tail == capacity {
            guard capacity < limit else { return false }
            let newCapacity = min(limit, capacity * 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: storage + head, count: tail - head)
            storage.deallocate()
            storage = grown
            tail -= head
            head = 0
            capacity = newCapacity
            peakCapacity = max(peakCapacity, capacity)
        }
        let want = min(capacity - tail, max(chunkSize, 4096))
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: storage + tail, count: want))
        if n == 0 {
            isAtEnd = true
            return false
        }
        tail += n
        bytesRead += n
        return true
    }

    /// Drops all unread bytes (used when skipping an oversized record).
    func discardAll() {
        head = 0
        tail = 0
    }

    /// Shrinks the window back to one chunk after an unusually large record, so memory returns.
    func shrinkIfIdle() {
        guard capacity > chunkSize * 4, count <= chunkSize else { return }
        let smaller = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        smaller.update(from: storage + head, count: count)
        storage.deallocate()
        storage = smaller
        tail = count
        head = 0
        capacity = chunkSize
    }
}
