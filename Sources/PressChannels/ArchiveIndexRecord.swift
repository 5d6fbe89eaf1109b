/// The index record stored next to each archived document (`<name>.json`): what an archive needs to find
/// the document again, and the SHA-256 of the PDF.
///
/// It holds business identifiers (document number, customer number) — the archive legitimately needs them —
/// but no names, addresses or amounts.
public struct ArchiveIndexRecord: Sendable, Hashable {
    public var documentType: String
    public var documentNumber: String
    public var customerNumber: String?
    /// The document date (ISO `YYYY-MM-DD` as given by the data).
    public var documentDate: String?
    /// The channels the document went to the recipient by (`email`, `print`), plus `archive`.
    public var channels: [Channel]
    public var runID: String
    public var record: Int
    /// The archived PDF's file name in `archive/`.
    public var file: SpoolFileName
    /// SHA-256 of the PDF (lowercase hex).
    public var sha256: String
    /// The PDF/A conformance of the file (e.g. `PDF/A-2b`).
    public var conformance: String

    public init(documentType: String, documentNumber: String, customerNumber: String?, documentDate: String?,
                channels: [Channel], runID: String, record: Int, file: SpoolFileName, sha256: String,
                conformance: String = "PDF/A-2b") {
        self.documentType = documentType; self.documentNumber = documentNumber; self.customerNumber = customerNumber
        self.documentDate = documentDate; self.channels = channels; self.runID = runID; self.record = record
        self.file = file; self.sha256 = sha256; self.conformance = conformance
    }

    /// The JSON bytes (fixed key order, trailing newline).
    public func encoded() -> [UInt8] {
        var w = JSONWriter()
        w.add("document_type", documentType)
        w.add("number", documentNumber)
        w.add("customer_number", customerNumber)
        w.add("date", documentDate)
        w.add("channel", channels.sorted().map(\.rawValue))
        w.add("run", runID)
        w.add("record", record)
        w.add("file", file.rawValue)
        w.add("sha256", sha256)
        w.add("conformance", conformance)
        return w.finished() + [10]
    }
}
