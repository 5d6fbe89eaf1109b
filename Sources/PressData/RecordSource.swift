import Foundation

/// The kinds of batch input the readers understand.
public enum RecordFormat: String, Sendable, Hashable, CaseIterable {
    /// One JSON value per line (`.jsonl`, `.ndjson`).
    case jsonLines
    /// One JSON array of records, or a single JSON object as one record (`.json`).
    case jsonArray
    /// XML with a record element (`.xml`).
    case xml
    /// CSV with a header row (`.csv`; `.tsv` with a tab delimiter).
    case csv

    /// The format for a file name's extension (case-insensitive), or nil if it is not one of ours.
    public init?(path: String) {
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson": self = .jsonLines
        case "json": self = .jsonArray
        case "xml": self = .xml
        case "csv", "tsv": self = .csv
        default: return nil
        }
    }
}

/// Options for opening a record source; defaults suit the invoice inputs.
public struct RecordSourceOptions: Sendable, Hashable {
    /// Overrides the format chosen by extension.
    public var format: RecordFormat?
    /// XML: the local name of the record element (e.g. `invoice`); nil = the root element's children.
    public var recordElement: String?
    /// XML: how elements map to values.
    public var xmlMapping: XMLMapping
    /// CSV: delimiter and detection.
    public var csv: CSVOptions
    /// Chunk size, record size and depth limits.
    public var limits: ReaderLimits

    public init(format: RecordFormat? = nil, recordElement: String? = nil, xmlMapping: XMLMapping = XMLMapping(),
                csv: CSVOptions = CSVOptions(), limits: ReaderLimits = ReaderLimits())
    {
        self.format = format
        self.recordElement = recordElement
        self.xmlMapping = xmlMapping
        self.csv = csv
        self.limits = limits
    }
}

/// A batch input file and how to read it: the pipeline's one entry point to the readers.
///
/// ```swift
/// var reader = try RecordSource(path: "invoices.xml", options: .init(recordElement: "invoice")).makeReader()
/// while true {
///     do { guard let record = try reader.next() else { break }; handle(record) }
///     catch { reject(error); if error.isFatal { break } }
/// }
/// ```
public struct RecordSource: Sendable, Hashable {
    public let path: String
    public let format: RecordFormat
    public let options: RecordSourceOptions

    /// Chooses the format from `options.format` or the file extension.
    public init(path: String, options: RecordSourceOptions = RecordSourceOptions()) throws(DataError) {
        guard let format = options.format ?? RecordFormat(path: path) else {
            throw DataError(.unsupported, "cannot tell the input format from the file name",
                            file: path, hint: "use .jsonl/.ndjson, .json, .xml or .csv, or name the format explicitly")
        }
        self.path = path
        self.format = format
        self.options = options
    }

    /// Opens the file and returns a fresh reader positioned at the first record.
    public func makeReader() throws(DataError) -> any RecordReader {
        try makeReader(source: try FileByteSource(path: path))
    }

    /// A reader of this format over any byte source (tests, standard input).
    public func makeReader(source: any ByteSource) throws(DataError) -> any RecordReader {
        switch format {
        case .jsonLines:
            return JSONLinesReader(source: source, limits: options.limits)
        case .jsonArray:
            return JSONArrayReader(source: source, limits: options.limits)
        case .xml:
            return try XMLRecordReader(source: source, recordElement: options.recordElement,
                                       mapping: options.xmlMapping, limits: options.limits)
        case .csv:
            var csv = options.csv
            if csv.delimiter == nil, (path as NSString).pathExtension.lowercased() == "tsv" { csv.delimiter = 0x09 }
            return CSVReader(source: source, options: csv, limits: options.limits)
        }
    }
}
