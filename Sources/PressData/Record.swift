/// One record of a batch input: a JSON line, an element of a JSON array, an XML record element or a CSV row.
public struct Record: Sendable, Hashable {
    /// 1-based position among the input's records (bad records count too, so numbers match the file).
    public let number: Int
    /// The record's data.
    public let value: Value
    /// The line where the record starts in the input file (1-based), when known.
    public let line: Int?

    public init(number: Int, value: Value, line: Int?) {
        self.number = number
        self.value = value
        self.line = line
    }
}

/// Figures about a reader's memory and progress (for tests that memory stays bounded, and for progress displays).
public struct ReaderStatistics: Sendable, Hashable {
    /// The largest input window the reader held at once, in bytes (excludes the records it returned).
    public var peakBufferBytes: Int
    /// Bytes read from the input so far.
    public var bytesRead: Int
    public init(peakBufferBytes: Int, bytesRead: Int) {
        self.peakBufferBytes = peakBufferBytes
        self.bytesRead = bytesRead
    }
}

/// A streaming reader of records with bounded memory.
///
/// Call ``next()`` until it returns `nil`. A bad record throws a ``RecordError``; when the error is
/// not ``RecordError/isFatal``, call `next()` again to go on with the following record. After a
/// fatal error `next()` returns `nil`. Readers are not Sendable: one task reads and hands the
/// (Sendable) records to workers.
public protocol RecordReader {
    /// The next record, `nil` at the end of the input.
    mutating func next() throws(RecordError) -> Record?
    /// Memory and progress figures so far.
    var statistics: ReaderStatistics { get }
}

/// Limits shared by the streaming readers.
public struct ReaderLimits: Sendable, Hashable {
    /// Bytes read from the input per `read(2)`; 64 KiB by default.
    public var chunkSize: Int
    /// The largest record accepted, in bytes; a larger one is a per-record error (16 MiB by default).
    public var maxRecordBytes: Int
    /// Maximum nesting depth of a JSON record.
    public var maxDepth: Int

    public init(chunkSize: Int = 1 << 16, maxRecordBytes: Int = 16 << 20, maxDepth: Int = 512) {
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        self.maxDepth = maxDepth
    }
}
