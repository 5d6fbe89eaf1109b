/// Files of one delivery waiting in staging, ready to be recorded in the ledger and published.
///
/// `files` are published in order; the last one is the main file a consumer looks for (sidecars such as the
/// archive index or a print manifest go first, so the main file never appears without them).
public struct StagedDelivery: Sendable, Hashable {
    public var channel: Channel
    public var files: [SpoolFileName]
    /// SHA-256 (hex) of the main file: recorded in the ledger as the delivery's content hash.
    public var sha256: String
    /// For archive deliveries: the log entry to append once the files are published.
    public var archiveEntry: ArchiveLog.Entry?

    public init(channel: Channel, files: [SpoolFileName], sha256: String, archiveEntry: ArchiveLog.Entry? = nil) {
        self.channel = channel; self.files = files; self.sha256 = sha256; self.archiveEntry = archiveEntry
    }

    /// The main file (last in `files`).
    public var mainFile: SpoolFileName { files[files.count - 1] }

    /// Renames every still-staged file into the channel folder. Returns true when at least one file moved.
    @discardableResult
    public func publish(to spool: Spool) throws -> Bool {
        var moved = false
        for f in files where try spool.publish(f, channel: channel) == .published { moved = true }
        return moved
    }
}

/// The archive channel: PDF/A document plus index record, logged in the hash-chained archive log on publish.
public enum ArchiveChannel {
    /// `<base>.json` (index record) and `<base>.pdf`, to be staged. `pdf` must already be PDF/A-2b (the
    /// renderer's `pdfA` option); `index.file`/`sha256` are filled in when staged.
    public static func pending(pdf: [UInt8], baseName: String, index: ArchiveIndexRecord) throws -> PendingDelivery {
        try PendingDelivery(baseName: baseName, content: .archive(pdf: pdf, index: index))
    }
}

/// The e-mail channel: one `.eml` per document.
public enum EmailChannel {
    /// `<base>.eml` with the message, encoded when staged.
    public static func pending(_ message: EmailMessage, baseName: String) throws -> PendingDelivery {
        try PendingDelivery(baseName: baseName, content: .email(message))
    }
}
