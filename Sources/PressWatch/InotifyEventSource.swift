import Dispatch
import Foundation
import Glibc
import Synchronization

/// Inbox events from Linux inotify: `IN_CLOSE_WRITE` (written in place) and `IN_MOVED_TO` (renamed in) become
/// `.fileReady(name)`, `IN_Q_OVERFLOW` becomes `.overflow`. `IN_CREATE` is ignored on purpose: a created file
/// is not finished yet. (DispatchSource file-system sources do not exist on Linux; the inotify descriptor is
/// read from an epoll-backed Dispatch read source.)
public final class InotifyEventSource: DropEventSource {
    public let events: AsyncStream<DropEvent>
    private let continuation: AsyncStream<DropEvent>.Continuation
    private let source: Mutex<(any DispatchSourceRead)?>
    private let lost = LostFlag()

    /// True when the kernel dropped the watch (the inbox was deleted, moved away or unmounted); the stream has
    /// ended then.
    public var watchLost: Bool { lost.value.load(ordering: .relaxed) }

    /// Starts watching `directory` (not recursive).
    public init(directory: String) throws(WatchError) {
        (events, continuation) = AsyncStream.makeStream(of: DropEvent.self, bufferingPolicy: .unbounded)
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw WatchError(.inotify, "inotify_init1 failed", cause: String(cString: strerror(errno))) }
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_ONLYDIR)
        guard inotify_add_watch(fd, directory, mask) >= 0 else {
            let cause = String(cString: strerror(errno))
            Glibc.close(fd)
            throw WatchError(.inotify, "cannot watch \(directory)", cause: cause)
        }
        let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: DispatchQueue(label: "presswork.inotify"))
        let continuation = self.continuation, lost = self.lost
        read.setEventHandler {
            if InotifyEventSource.drain(fd: fd, into: continuation) {
                lost.value.store(true, ordering: .relaxed)
                continuation.finish()
            }
        }
        read.setCancelHandler { Glibc.close(fd) }
        read.resume()
        source = Mutex(read)
    }

    public func close() {
        let s = source.withLock { s -> (any DispatchSourceRead)? in defer { s = nil }; return s }
        s?.cancel()
        continuation.finish()
    }

    deinit { close() }

    /// Reads every pending event (non-blocking descriptor) and yields the ones the watcher cares about;
    /// returns true when the watch was removed by the kernel (`IN_IGNORED`).
    private static func drain(fd: Int32, into continuation: AsyncStream<DropEvent>.Continuation) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var removed = false
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { return removed }   // EAGAIN: drained
            for event in parse(buffer, count: n, removed: &removed) { continuation.yield(event) }
        }
    }

    /// Parses `struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }` records.
    static func parse(_ buffer: [UInt8], count: Int, removed: inout Bool) -> [DropEvent] {
        var out: [DropEvent] = []
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset + 16 <= count {
                let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                let len = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                let nameBytes = raw[(offset + 16)..<min(count, offset + 16 + len)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += 16 + len
                if mask & UInt32(IN_IGNORED) != 0 { removed = true }
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    out.append(.overflow)
                } else if mask & (UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO)) != 0, mask & UInt32(IN_ISDIR) == 0, !name.isEmpty {
                    out.append(.fileReady(name))
                }
            }
        }
        return out
    }
}

/// Set by the read source's handler when the watch is gone.
private final class LostFlag: Sendable {
    let value = Atomic<Bool>(false)
}
