/// An error of the output channels: a code, a message naming the file or field, and the underlying cause.
///
/// `diskFull` and `notWritable` stop a run (the run can be resumed once the problem is fixed); `unsafeName`
/// is a problem of one record's data and rejects that record only.
public struct ChannelError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, stable for programs (exit codes, reports).
    public enum Code: String, Sendable {
        /// The file system has no space left (`ENOSPC`, `EDQUOT`).
        case diskFull
        /// The spool (or a folder in it) cannot be written (`EACCES`, `EPERM`, `EROFS`, not a directory).
        case notWritable
        /// A file name built from data is not a safe single path component.
        case unsafeName
        /// Any other I/O failure (the errno is in `cause`).
        case io
        /// An archive verification found a mismatch.
        case verifyFailed
        /// A document could not be encoded for a channel (e.g. no pages).
        case invalidDocument
    }

    public let code: Code
    public let message: String
    /// The errno (or another error's description) behind it, if any.
    public let cause: String?

    public init(_ code: Code, _ message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// True when the error is about the spool itself (disk, permissions): the run must stop, not the record.
    public var stopsRun: Bool { code == .diskFull || code == .notWritable || code == .io }

    public var description: String {
        cause.map { "\(code.rawValue): \(message) (\($0))" } ?? "\(code.rawValue): \(message)"
    }
}
