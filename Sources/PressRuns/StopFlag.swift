import Synchronization

/// Asks a running batch to stop cleanly: no new records are read; documents in hand are finished, committed
/// and published; the run is left `interrupted` and resumes with the same run id. Set from a SIGTERM handler.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func request() { flag.store(true, ordering: .relaxed) }
    public var isRequested: Bool { flag.load(ordering: .relaxed) }
}
