/// An error of the batch pipeline: a code, a message, and the cause (another module's error, if any).
public struct RunError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The job file or command line is invalid.
        case invalidJob
        /// The run ledger (database) failed.
        case ledger
        /// The input could not be opened or read at all (per-record problems are rejects, not errors).
        case input
        /// A spool problem that stops the run (disk full, not writable).
        case spool
        /// The run id exists with a different configuration, or another process holds the spool lock.
        case conflict
        /// The run was stopped by a signal before finishing (resumable).
        case interrupted
        /// A stage failed for a reason that is not the record's fault (e.g. font missing).
        case stage
    }

    public let code: Code
    public let message: String
    public let cause: String?

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        cause.map { "\(message) (\($0))" } ?? message
    }
}
