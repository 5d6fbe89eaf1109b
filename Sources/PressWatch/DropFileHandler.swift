/// A file claimed into `work/`, handed to a `DropFileHandler`.
public struct ClaimedFile: Sendable, Hashable {
    /// The file name as dropped (also its name in `work/`).
    public let name: String
    /// The path in `work/`.
    public let path: String
    /// Hex SHA-256 of the content.
    public let sha256: String
    /// The batch run id for this file: derived from the name and the content hash, so a file re-processed after
    /// a crash resumes its run in the ledger (each record delivered exactly once) — see `DropRunID`.
    public let runID: String
    /// True when the file was found in `work/` at start (left over by a killed run).
    public let isLeftover: Bool
}

/// What happened to one file.
public enum DropOutcome: Sendable, Hashable {
    /// Processed completely: the file moves to `done/`.
    case done
    /// The file (or some of its records) failed: it moves to `failed/` with `reason` written beside it.
    /// The reason names record numbers and reasons or the file-level error, never data beyond the file's own.
    case failed(reason: String)
    /// Stopped before finishing (signal): the file stays in `work/` and is resumed at the next start.
    case interrupted
}

/// Processes one claimed file; the CLI's handler runs the batch pipeline on it. A thrown error counts as
/// `.failed` with the error's description as the reason.
public protocol DropFileHandler: Sendable {
    func process(_ file: ClaimedFile) async throws -> DropOutcome
}
