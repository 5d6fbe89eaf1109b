public import PressData

/// Reads several inputs one after the other as one stream; record numbers continue across files (file 2's
/// first record follows file 1's last), so a run's record numbers stay unique.
public final class ChainedRecordReader: RecordReader {
    private var sources: [RecordSource]
    private var current: (any RecordReader)?
    private var offset = 0
    private var lastNumber = 0
    private var bytesBefore = 0

    public init(_ sources: [RecordSource]) {
        self.sources = sources.reversed()
    }

    public func next() throws(RecordError) -> Record? {
        while true {
            if current == nil {
                guard let source = sources.popLast() else { return nil }
                offset = lastNumber
                do {
                    current = try source.makeReader()
                } catch {
                    throw RecordError(recordNumber: offset + 1, error: error, isFatal: true)
                }
            }
            do {
                if let r = try current!.next() {
                    lastNumber = offset + r.number
                    return Record(number: lastNumber, value: r.value, line: r.line)
                }
                bytesBefore += current!.statistics.bytesRead
                current = nil
            } catch {
                lastNumber = max(lastNumber, offset + error.recordNumber)
                throw RecordError(recordNumber: offset + error.recordNumber, error: error.error, isFatal: error.isFatal)
            }
        }
    }

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: current?.statistics.peakBufferBytes ?? 0,
                         bytesRead: bytesBefore + (current?.statistics.bytesRead ?? 0))
    }
}
