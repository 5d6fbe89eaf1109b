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
    /// Stages `<base>.json` (index record) and `<base>.pdf`. `pdf` must already be PDF/A-2b (the renderer's
    /// `pdfA` option); `index.file`/`sha256` are filled in here.
    public static func stage(pdf: [UInt8], baseName: String, index: ArchiveIndexRecord, spool: Spool) throws -> StagedDelivery {
        let pdfName = try SpoolFileName(baseName + ".pdf")
        let indexName = try SpoolFileName(baseName + ".json")
        var record = index
        record.file = pdfName
        record.sha256 = SHA256.hex(pdf)
        let json = record.encoded()
        try spool.stage(json, name: indexName, channel: .archive)
        try spool.stage(pdf, name: pdfName, channel: .archive)
        let entry = ArchiveLog.Entry(file: pdfName, sha256: record.sha256, index: indexName, indexSHA256: SHA256.hex(json))
        return StagedDelivery(channel: .archive, files: [indexName, pdfName], sha256: record.sha256, archiveEntry: entry)
    }
}

/// The e-mail channel: one `.eml` per document.
public enum EmailChannel {
    /// Stages `<base>.eml` with the encoded message.
    public static func stage(_ message: EmailMessage, baseName: String, spool: Spool) throws -> StagedDelivery {
        let name = try SpoolFileName(baseName + ".eml")
        let bytes = message.encoded()
        try spool.stage(bytes, name: name, channel: .email)
        return StagedDelivery(channel: .email, files: [name], sha256: SHA256.hex(bytes))
    }
}
