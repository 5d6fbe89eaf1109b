import Foundation

/// Reads JSON Lines / NDJSON: one JSON value per line, streamed in chunks.
///
/// Lines holding only whitespace are skipped and do not count as records. A malformed line is a
/// non-fatal ``RecordError`` located in the file (line, column) with the JSON pointer of the bad
/// value; a line longer than ``ReaderLimits/maxRecordBytes`` is skipped with a `recordTooLarge` error.
/// `\r\n` line ends are accepted.
public final class JSONLinesReader: RecordReader {
    private let buffer: ChunkBuffer
    private var parser: JSONParser
    private var recordNumber = 0
    private var lineNumber = 0
    private let name: String

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

    private let maxRecordBytes: Int

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: buffer.peakCapacity, bytesRead: buffer.bytesRead)
    }

    public func next() throws(RecordError) -> Record? {
        while true {
            let found: LineScan
            do {
                found = try nextLine()
            } catch {
                throw RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
            }
            let length: Int, hasNewline: Bool
            switch found {
            case .end:
                return nil
            case .oversized(let error):
                throw RecordError(recordNumber: recordNumber, error: error, isFatal: false)
            case .line(let l, let n):
                (length, hasNewline) = (l, n)
            }
            lineNumber += 1
            defer { buffer.consume(length + (hasNewline ? 1 : 0)) }
            var contentLength = length
            if contentLength > 0, buffer[contentLength - 1] == 0x0D { contentLength -= 1 }
            var blank = true
            for i in 0..<contentLength {
                let byte = buffer[i]
                if byte != 0x20 && byte != 0x09 {
                    blank = false
                    break
                }
            }
            if blank { continue }
            recordNumber += 1
            do {
                let value = try parser.parse(UnsafeBufferPointer(start: buffer.start, count: contentLength), line: lineNumber)
                return Record(number: recordNumber, value: value, line: lineNumber)
            } catch {
                var error = error
                error.file = name
                throw RecordError(recordNumber: recordNumber, error: error, isFatal: false)
            }
        }
    }

    private enum LineScan {
        case line(length: Int, hasNewline: Bool)
        case oversized(DataError)
        case end
    }

    /// Finds the next line in the window (reading more as needed); oversized lines are skipped.
    private func nextLine() throws(DataError) -> LineScan {
        var searched = 0
        while true {
            if buffer.count > searched,
               let hit = memchr(buffer.start + searched, 0x0A, buffer.count - searched)
            {
                let length = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer.start
                if length > maxRecordBytes { return try skipOversizedLine() }
                return .line(length: length, hasNewline: true)
            }
            searched = buffer.count
            if searched > maxRecordBytes { return try skipOversizedLine() }
            if try !buffer.fill() {
                if buffer.isAtEnd {
                    return buffer.count > 0 ? .line(length: buffer.count, hasNewline: false) : .end
                }
                return try skipOversizedLine()
            }
        }
    }

    /// Drops the rest of an oversized line (reading as it goes) and describes it as a record error.
    private func skipOversizedLine() throws(DataError) -> LineScan {
        let line = lineNumber + 1
        while true {
            if buffer.count > 0, let hit = memchr(buffer.start, 0x0A, buffer.count) {
                let length = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - buffer.start
                buffer.consume(length + 1)
                break
            }
            buffer.discardAll()
            if try !buffer.fill() { break }
        }
        buffer.shrinkIfIdle()
        lineNumber += 1
        recordNumber += 1
        return .oversized(DataError(.recordTooLarge, "line is longer than the limit of \(maxRecordBytes) bytes",
                                    location: SourceLocation(line: line, column: 1), file: name,
                                    hint: "raise the reader's maxRecordBytes if such records are legitimate"))
    }
}
