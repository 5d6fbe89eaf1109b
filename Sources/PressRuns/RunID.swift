internal import PressChannels

/// A run identifier: safe as a file-name component (`A-Z a-z 0-9 . _ -`, 1...64 bytes).
public struct RunID: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(_ raw: String) throws {
        guard raw.utf8.count <= 64, SpoolFileName.isSafe(raw) else {
            throw RunError(.invalidJob, "run id '\(raw)' must be 1-64 characters of A-Z a-z 0-9 . _ - and not start with '.'")
        }
        rawValue = raw
    }

    public var description: String { rawValue }
}
