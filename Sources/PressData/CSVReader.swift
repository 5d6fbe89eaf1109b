/// Options for reading CSV.
public struct CSVOptions: Sendable, Hashable {
    /// The field delimiter (`,` `;` or tab); `nil` detects it from the header row (the most frequent
    /// of the three outside quotes, `,` when none occurs).
    public var delimiter: UInt8?
    public init(delimiter: UInt8? = nil) { self.delimiter = delimiter }
}

/// Reads RFC 4180 CSV with a header row, streamed in chunks; each row becomes an object keyed by
/// the header's column names (dotted names build nested objects, numeric segments arrays; see ``CSVHeader``).
///
/// Quoted fields may hold delimiters, doubled quotes (`""`) and line breaks. All values are strings
/// (an empty cell is `""`); numbers are converted by the template layer. Blank lines are skipped.
/// A row with the wrong number of fields, a stray quote, text after a closing quote or invalid
/// UTF-8 is a non-fatal ``RecordError``; a malformed header, an unterminated quote (it runs to
/// the end of the file) or a row larger than the limit is fatal.
public final class CSVReader: RecordReader {
    private let buffer: ChunkBuffer
    private let name: String
    private let maxRecordBytes: Int
    private var delimiter: UInt8?
    private var header: CSVHeader?
    private var recordNumber = 0
    private var line = 1
    private var finished = false
    private var scratch: [UInt8] = []
    private var fields: [String] = []

    /// Reads the file at `path`.
    public convenience init(path: String, options: CSVOptions = CSVOptions(), limits: ReaderLimits = ReaderLimits()) throws(DataError) {
        self.init(source: try FileByteSource(path: path), options: options, limits: limits)
    }

    /// Reads from any byte source.
    public init(source: any ByteSource, options: CSVOptions = CSVOptions(), limits: ReaderLimits = ReaderLimits()) {
        name = source.name
        buffer = ChunkBuffer(source: source, chunkSize: limits.chunkSize, limit: limits.maxRecordBytes + limits.chunkSize)
        maxRecordBytes = limits.maxRecordBytes
        delimiter = options.delimiter
    }

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: buffer.peakCapacity, bytesRead: buffer.bytesRead)
    }

    /// The header's column names (after the first call to `next()`).
    public var columnNames: [String] { header?.names ?? [] }

    public func next() throws(RecordError) -> Record? {
        if finished { return nil }
        do {
            if header == nil {
                try readHeader()
                if header == nil { return nil }
            }
            while true {
                guard let (length, consumed, startLine, newlines) = try nextRow() else {
                    finished = true
                    return nil
                }
                defer {
                    buffer.consume(consumed)
                    line += newlines
                }
                if length == 0 { continue }  // blank line
                recordNumber += 1
                switch parseFields(length: length, startLine: startLine) {
                case .success:
                    guard fields.count == header!.names.count else {
                        throw RecordError(recordNumber: recordNumber, error: fieldCountError(length: length, startLine: startLine), isFatal: false)
                    }
                    return Record(number: recordNumber, value: header!.value(fields), line: startLine)
                case .failure(let error):
                    throw RecordError(recordNumber: recordNumber, error: error, isFatal: false)
                }
            }
        } catch let error as RecordError {
            if error.isFatal { finished = true }
            throw error
        } catch let error as DataError {
            finished = true
            var error = error
            error.file = name
            throw RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
        } catch {
            finished = true
            throw RecordError(recordNumber: recordNumber + 1, error: DataError(.io, "\(error)", file: name), isFatal: true)
        }
    }

    // MARK: Rows

    /// Finds the next row: its length without the line end, the bytes to consume, its first line
    /// and the line breaks it spans. Reads more input as needed; nil at the end.
    private enum ScanState { case fieldStart, unquoted, quoted, quoteInQuoted }

    /// Finds the next row: its length without the line end, the bytes to consume, its first line
    /// and the line breaks it spans. Reads more input as needed; nil at the end.
    ///
    /// A quote opens a quoted field only at the start of a field (RFC 4180), so a stray quote inside
    /// an unquoted field does not swallow the following rows: the row ends at its line break and
    /// the field parser reports the quote.
    private func nextRow() throws -> (length: Int, consumed: Int, line: Int, newlines: Int)? {
        var offset = 0
        var state = ScanState.fieldStart
        var newlines = 0
        var quoteOffset = 0
        let delimiter = self.delimiter
        @inline(__always) func isDelimiter(_ byte: UInt8) -> Bool {
            if let delimiter { return byte == delimiter }
            return byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte == 0x09
        }
        while true {
            while offset < buffer.count {
                let byte = buffer[offset]
                switch state {
                case .quoted:
                    if byte == UInt8(ascii: "\"") {
                        state = .quoteInQuoted
                    } else if byte == 0x0A {
                        newlines += 1
                    }
                case .fieldStart, .unquoted, .quoteInQuoted:
                    if byte == 0x0A {
                        var length = offset
                        if length > 0, buffer[length - 1] == 0x0D { length -= 1 }
                        return (length, offset + 1, line, newlines + 1)
                    }
                    if isDelimiter(byte) {
                        state = .fieldStart
                    } else if byte == UInt8(ascii: "\"") && (state == .fieldStart || state == .quoteInQuoted) {
                        if state == .fieldStart { quoteOffset = offset }
                        state = .quoted
                    } else {
                        state = .unquoted
                    }
                }
                offset += 1
            }
            let inQuotes = state == .quoted
            if offset > maxRecordBytes {
                throw DataError(.recordTooLarge, "row is longer than the limit of \(maxRecordBytes) bytes"
                                    + (inQuotes ? " (is a quote left open?)" : ""),
                                location: SourceLocation(line: line, column: 1), file: name)
            }
            if try !buffer.fill() {
                if !buffer.isAtEnd {
                    throw DataError(.recordTooLarge, "row is longer than the limit of \(maxRecordBytes) bytes",
                                    location: SourceLocation(line: line, column: 1), file: name)
                }
                if inQuotes {
                    let location = TextPosition.locate(offset: quoteOffset, in: buffer.start, startLine: line, startColumn: 1)
                    throw DataError(.csvSyntax, "unterminated quoted field: the closing '\"' is missing", location: location, file: name)
                }
                if offset == 0 { return nil }
                var length = offset
                if buffer[length - 1] == 0x0D { length -= 1 }
                return (length, offset, line, newlines)
            }
        }
    }

    private func location(_ offset: Int, startLine: Int) -> SourceLocation {
        TextPosition.locate(offset: offset, in: buffer.start, startLine: startLine, startColumn: 1)
    }

    /// Splits the row `[0, length)` of the window into `fields`.
    private func parseFields(length: Int, startLine: Int) -> Result<Void, DataError> {
        fields.removeAll(keepingCapacity: true)
        let base = buffer.start
        if let bad = UTF8Validation.firstInvalid(base, from: 0, to: length) {
            return .failure(DataError(.invalidUTF8, "invalid UTF-8 byte sequence", location: location(bad, startLine: startLine), file: name))
        }
        let delimiter = self.delimiter ?? UInt8(ascii: ",")
        var i = 0
        while true {
            if i < length, base[i] == UInt8(ascii: "\"") {
                let open = i
                i += 1
                scratch.removeAll(keepingCapacity: true)
                var closed = false
                while i < length {
                    let byte = base[i]
                    if byte == UInt8(ascii: "\"") {
                        if i + 1 < length, base[i + 1] == UInt8(ascii: "\"") {
                            scratch.append(byte)
                            i += 2
                            continue
                        }
                        i += 1
                        closed = true
                        break
                    }
                    scratch.append(byte)
                    i += 1
                }
                if !closed {
                    return .failure(DataError(.csvSyntax, "unterminated quoted field", location: location(open, startLine: startLine), file: name))
                }
                fields.append(String(decoding: scratch, as: UTF8.self))
                if i == length { return .success(()) }
                guard base[i] == delimiter else {
                    return .failure(DataError(.csvSyntax, "expected '\(Character(Unicode.Scalar(delimiter)))' or the end of the line after a closing quote, found "
                                                  + TextPosition.describe(base, at: i, end: length),
                                              location: location(i, startLine: startLine), file: name))
                }
                i += 1
            } else {
                let start = i
                while i < length, base[i] != delimiter {
                    if base[i] == UInt8(ascii: "\"") {
                        return .failure(DataError(.csvSyntax, "unexpected '\"' inside an unquoted field",
                                                  location: location(i, startLine: startLine), file: name,
                                                  hint: "quote the whole field and double the quote inside: \"a \"\"b\"\" c\""))
                    }
                    i += 1
                }
                fields.append(String(decoding: UnsafeBufferPointer(start: base + start, count: i - start), as: UTF8.self))
                if i == length { return .success(()) }
                i += 1
            }
            if i == length {
                fields.append("")  // a delimiter at the end of the line ends with an empty field
                return .success(())
            }
        }
    }

    private func fieldCountError(length: Int, startLine: Int) -> DataError {
        let expected = header!.names.count
        var offset = length
        if fields.count > expected {
            // Point at the first surplus field.
            offset = fieldOffsets(length: length).dropFirst(expected).first ?? length
        }
        return DataError(.csvSyntax, "expected \(expected) fields as in the header, found \(fields.count)",
                         location: location(offset, startLine: startLine), file: name)
    }

    /// Start offsets of the fields of a row that parsed cleanly.
    private func fieldOffsets(length: Int) -> [Int] {
        let delimiter = self.delimiter ?? UInt8(ascii: ",")
        var offsets = [0]
        var inQuotes = false
        for i in 0..<length {
            let byte = buffer[i]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == delimiter, !inQuotes { offsets.append(i + 1) }
        }
        return offsets
    }

    // MARK: Header

    private func readHeader() throws {
        while buffer.count < 3, try buffer.fill() {}
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { buffer.consume(3) }
        while true {
            guard let (length, consumed, startLine, newlines) = try nextRow() else { return }
            defer {
                buffer.consume(consumed)
                line += newlines
            }
            if length == 0 { continue }
            if delimiter == nil { delimiter = detectDelimiter(length: length) }
            if case .failure(var error) = parseFields(length: length, startLine: startLine) {
                error.message = "in the header row: " + error.message
                throw error
            }
            do {
                header = try CSVHeader(names: fields.map { String($0.trimmingASCIISpaces()) })
            } catch {
                throw DataError(.csvSyntax, error.message, location: SourceLocation(line: startLine, column: 1), file: name)
            }
            return
        }
    }

    private func detectDelimiter(length: Int) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var inQuotes = false
        for i in 0..<length {
            let byte = buffer[i]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, counts[byte] != nil { counts[byte]! += 1 }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }
}
