/// An error of the drop-folder watcher: a code, a message, and the cause (errno text or another module's error).
public struct WatchError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A folder of the drop root cannot be created, read or written.
        case folder
        /// inotify could not be set up (limits, permissions).
        case inotify
        /// A claimed file cannot be read (for hashing).
        case read
    }

    public let code: Code
    public let message: String
    public let cause: String?

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { cause.map { "\(message): \($0)" } ?? message }
}
