/// A delivery that is rendered but not written yet: its channel, base name and content in memory, staged
/// (hashed, encoded, written under temporary names and renamed in staging) by `stage(in:)`.
///
/// Why a separate step: hashing, MIME encoding and creating files are output work, not rendering. Done by the
/// render workers they took about a fifth of a worker's time (creating a file is a syscall that can cost
/// 0.1–0.3 ms on ext4); done by the batch's single writer, just before the batch's flush, they overlap with
/// rendering — "output written in a way that does not stall the workers". The bytes wait in memory for at
/// most a few batches, so memory stays bounded.
public struct PendingDelivery: Sendable {
    public enum Content: Sendable {
        /// A PDF/A document and its index record (`file` and `sha256` are filled in when staged).
        case archive(pdf: [UInt8], index: ArchiveIndexRecord)
        /// An e-mail message, encoded when staged.
        case email(EmailMessage)
        /// A rendered print file with its manifest.
        case print(pdf: [UInt8], manifest: [PrintManifestEntry], pages: Int, sheets: Int, options: PrintOptions)
    }

    public let channel: Channel
    /// The files in publish order (sidecars first, the main file last), validated when the delivery is made.
    public let files: [SpoolFileName]
    public let content: Content

    /// Throws `ChannelError.unsafeName` when `baseName` does not make safe spool file names, so that a bad
    /// name is found by the worker that built it, not later by the writer.
    public init(baseName: String, content: Content) throws {
        self.content = content
        switch content {
        case .archive:
            channel = .archive
            files = [try SpoolFileName(baseName + ".json"), try SpoolFileName(baseName + ".pdf")]
        case .email:
            channel = .email
            files = [try SpoolFileName(baseName + ".eml")]
        case .print(_, _, _, _, let options):
            channel = .print
            var names: [SpoolFileName] = []
            if options.manifestCSV { names.append(try SpoolFileName(baseName + ".csv")) }
            if options.manifestJSON { names.append(try SpoolFileName(baseName + ".json")) }
            names.append(try SpoolFileName(baseName + ".pdf"))
            files = names
        }
    }

    /// Writes the files into the channel's staging folder (sidecars first, the main file last) and returns
    /// what the ledger records and `publish` moves. Throws `ChannelError` (disk full, not writable).
    public func stage(in spool: Spool) throws -> StagedDelivery {
        let main = files[files.count - 1]
        switch content {
        case .archive(let pdf, let index):
            let indexName = files[0]
            var record = index
            record.file = main
            record.sha256 = SHA256.hex(pdf)
            let json = record.encoded()
            try spool.stage(json, name: indexName, channel: .archive)
            try spool.stage(pdf, name: main, channel: .archive)
            let entry = ArchiveLog.Entry(file: main, sha256: record.sha256, index: indexName, indexSHA256: SHA256.hex(json))
            return StagedDelivery(channel: .archive, files: files, sha256: record.sha256, archiveEntry: entry)
        case .email(let message):
            let bytes = message.encoded()
            try spool.stage(bytes, name: main, channel: .email)
            return StagedDelivery(channel: .email, files: files, sha256: SHA256.hex(bytes))
        case .print(let pdf, let manifest, let pages, let sheets, let options):
            var i = 0
            if options.manifestCSV {
                try spool.stage(PrintManifest.csv(manifest), name: files[i], channel: .print)
                i += 1
            }
            if options.manifestJSON {
                try spool.stage(PrintManifest.json(manifest, file: main.rawValue, pages: pages, sheets: sheets),
                                name: files[i], channel: .print)
            }
            try spool.stage(pdf, name: main, channel: .print)
            return StagedDelivery(channel: .print, files: files, sha256: SHA256.hex(pdf))
        }
    }
}
