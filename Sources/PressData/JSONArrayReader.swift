/// Reads a JSON file holding one array of records (`[ {...}, {...} ]`), element by element, in chunks.
///
/// A light structural scan (strings, escapes, bracket depth) finds where each element ends, so a
/// malformed element is a non-fatal ``RecordError`` and reading resumes after the next top-level
/// `,`; only damage to the array itself (missing `[`, an unterminated array, content after `]`,
/// a trailing comma) is fatal. A file whose top-level value is an object is read as a single record.
/// An element larger than ``ReaderLimits/maxRecordBytes`` is skipped with a `recordTooLarge` error.
public final class JSONArrayReader: RecordReader {
    private enum Phase {
        case start, firstElement, afterComma, trailing, done
    }

    /// Incremental state of the structural scan of one element.
    private struct ElementScan {
        var offset = 0
        var depth = 0
        var inString = false
        var escaped = false
        var newlines = 0
        var scalarsSinceNewline = 0
    }

    private let buffer: ChunkBuffer
    private var parser: JSONParser
    private let name: String
    private let maxRecordBytes: Int
    private var phase = Phase.start
    private var recordNumber = 0
    /// Position of the window's head in the file.
    private var line = 1
    private var column = 1

    /// Reads the file at `path`.
    public convenience init(path: String, limits: ReaderLimits = ReaderLimits()) throws(DataError) {
        self.init(source: try FileByteSource(path: path), limits: limits)
    }

    /// Reads from any byte source.
    public init(source: any ByteSource, limits: ReaderLimits = ReaderLimits()) {
        name = source.name
        buffer = ChunkBuffer(source: source, chunkSize: limits.chunkSize, limit: limits.maxRecordBytes + limits.chunkSize)
        parser = JSONParser(maxDepth: limits.maxDepth)
        maxRecordBytes = limits.maxRecordBytes
    }

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: buffer.peakCapacity, bytesRead: buffer.bytesRead)
    }

    public func next() throws(RecordError) -> Record? {
        do {
            return try step()
        } catch let error as RecordError {
            if error.isFatal { phase = .done }
            throw error
        } catch let error as DataError {
            phase = .done
            throw fatal(error)
        } catch {
            phase = .done
            throw fatal(DataError(.io, "\(error)"))
        }
    }

    private func fatal(_ error: DataError) -> RecordError {
        var error = error
        error.file = name
        return RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
    }

    private func fatal(_ message: String, code: DataError.Code = .jsonSyntax) -> RecordError {
        fatal(DataError(code, message + ", found " + found(), location: SourceLocation(line: line, column: column)))
    }

    private func found() -> String {
        buffer.count == 0 ? "end of input" : TextPosition.describe(buffer.start, at: 0, end: buffer.count)
    }

    /// Moves past whitespace (and a BOM at the very start), keeping line/column; false at end of input.
    private func skipWhitespace() throws -> Bool {
        while true {
            while buffer.count > 0 {
                let byte = buffer[0]
                if byte == 0x0A {
                    line += 1
                    column = 1
                } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                    column += 1
                } else {
                    return true
                }
                buffer.consume(1)
            }
            if try !buffer.fill() { return false }
        }
    }

    private func step() throws -> Record? {
        switch phase {
        case .done:
            return nil
        case .start:
            while buffer.count < 3, try buffer.fill() {}
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { buffer.consume(3) }
            guard try skipWhitespace() else { throw fatal("expected '[' at the start of a JSON array file") }
            if buffer[0] == UInt8(ascii: "{") { return try singleDocument() }
            guard buffer[0] == UInt8(ascii: "[") else { throw fatal("expected '[' at the start of a JSON array file") }
            buffer.consume(1)
            column += 1
            phase = .firstElement
            return try step()
        case .trailing:
            if try skipWhitespace() { throw fatal("unexpected content after the JSON array") }
            phase = .done
            return nil
        case .firstElement, .afterComma:
            guard try skipWhitespace() else {
                throw fatal(phase == .firstElement ? "expected a JSON value or ']'" : "expected a JSON value after ','")
            }
            if buffer[0] == UInt8(ascii: "]") {
                if phase == .afterComma { throw fatal("expected a JSON value after ',' (trailing commas are not allowed)") }
                buffer.consume(1)
                column += 1
                phase = .trailing
                return try step()
            }
            return try element()
        }
    }

    /// Scans, parses and consumes one element plus its separator.
    private func element() throws -> Record? {
        recordNumber += 1
        let startLine = line
        let startColumn = column
        var scan = ElementScan()
        var skipped = false
        var terminator: UInt8 = 0
        scanning: while true {
            while scan.offset < buffer.count {
                let byte = buffer[scan.offset]
                if scan.inString {
                    if scan.escaped {
                        scan.escaped = false
                    } else if byte == UInt8(ascii: "\\") {
                        scan.escaped = true
                    } else if byte == UInt8(ascii: "\"") {
                        scan.inString = false
                    }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""):
                        scan.inString = true
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        scan.depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        if scan.depth > 0 {
                            scan.depth -= 1
                        } else if byte == UInt8(ascii: "]") {
                            terminator = byte
                            break scanning
                        }
                    case UInt8(ascii: ","):
                        if scan.depth == 0 {
                            terminator = byte
                            break scanning
                        }
                    default:
                        break
                    }
                }
                if byte == 0x0A {
                    scan.newlines += 1
                    scan.scalarsSinceNewline = 0
                } else if byte & 0xC0 != 0x80 {
                    scan.scalarsSinceNewline += 1
                }
                scan.offset += 1
            }
            if scan.offset > maxRecordBytes {
                // Oversized: keep scanning for the end but stop holding the bytes.
                skipped = true
                buffer.consume(scan.offset)
                scan.offset = 0
            }
            if try !buffer.fill() {
                advance(over: scan)
                buffer.consume(scan.offset)
                recordNumber -= 1  // fatal() names the record being read as recordNumber + 1
                throw fatal("expected ',' or ']' after array element (the array is not terminated)")
            }
        }
        let elementLength = scan.offset
        var result: Result<Value, DataError>
        if skipped {
            result = .failure(DataError(.recordTooLarge, "array element is larger than the limit of \(maxRecordBytes) bytes",
                                        location: SourceLocation(line: startLine, column: startColumn),
                                        hint: "raise the reader's maxRecordBytes if such records are legitimate"))
        } else {
            let start = buffer.start
            result = Result { () throws(DataError) -> Value in
                try parser.parse(UnsafeBufferPointer(start: start, count: elementLength), line: startLine, column: startColumn)
            }
        }
        advance(over: scan)
        buffer.consume(elementLength + 1)
        column += 1  // the terminator
        phase = terminator == UInt8(ascii: ",") ? .afterComma : .trailing
        if skipped { buffer.shrinkIfIdle() }
        switch result {
        case .success(let value):
            return Record(number: recordNumber, value: value, line: startLine)
        case .failure(var error):
            error.file = name
            throw RecordError(recordNumber: recordNumber, error: error, isFatal: false)
        }
    }

    private func advance(over scan: ElementScan) {
        if scan.newlines > 0 {
            line += scan.newlines
            column = 1 + scan.scalarsSinceNewline
        } else {
            column += scan.scalarsSinceNewline
        }
    }

    /// The file holds one object: read all of it (bounded by maxRecordBytes) as record 1.
    private func singleDocument() throws -> Record? {
        phase = .done
        recordNumber = 1
        while try buffer.fill() {}
        if !buffer.isAtEnd {
            throw fatal(DataError(.recordTooLarge, "JSON document is larger than the limit of \(maxRecordBytes) bytes",
                                  location: SourceLocation(line: line, column: column)))
        }
        do {
            let value = try parser.parse(UnsafeBufferPointer(start: buffer.start, count: buffer.count), line: line, column: column)
            return Record(number: 1, value: value, line: line)
        } catch {
            var error = error
            error.file = name
            throw RecordError(recordNumber: 1, error: error, isFatal: true)
        }
    }
}
