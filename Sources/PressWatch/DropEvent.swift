/// What an event source reports about the inbox.
public enum DropEvent: Sendable, Hashable {
    /// A file was finished in the inbox (written in place and closed, or renamed in).
    case fileReady(String)
    /// Events were lost (inotify queue overflow): the inbox must be rescanned.
    case overflow
}

/// A source of inbox events. The processing loop awaits `events`; `close()` ends the stream (the loop then
/// finishes the file in hand and returns). Separate from the processor so the state machine is tested with
/// a manual source and no file-system timing.
public protocol DropEventSource: Sendable {
    /// The events, buffered (events arriving while a file is processed queue up here).
    var events: AsyncStream<DropEvent> { get }
    /// Ends the stream; idempotent.
    func close()
}

/// An event source fed by hand: tests, and `--once` (closed immediately, so only the initial scan runs).
public final class ManualEventSource: DropEventSource {
    public let events: AsyncStream<DropEvent>
    private let continuation: AsyncStream<DropEvent>.Continuation

    public init() {
        (events, continuation) = AsyncStream.makeStream(of: DropEvent.self, bufferingPolicy: .unbounded)
    }

    /// Delivers one event.
    public func send(_ event: DropEvent) { continuation.yield(event) }

    public func close() { continuation.finish() }
}
