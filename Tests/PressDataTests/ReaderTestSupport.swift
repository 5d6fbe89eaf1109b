import Testing
@testable import PressData

/// What a reader produced, in order: records and errors.
enum ReadEvent: Equatable {
    case record(Record)
    case error(RecordError)

    var record: Record? {
        if case .record(let record) = self { return record }
        return nil
    }

    var error: RecordError? {
        if case .error(let error) = self { return error }
        return nil
    }
}

/// Drains a reader, continuing after non-fatal errors; stops after a fatal one (and checks the reader then ends).
func readAll(_ reader: inout some RecordReader, limit: Int = 1_000_000) -> [ReadEvent] {
    var events: [ReadEvent] = []
    for _ in 0..<limit {
        do {
            guard let record = try reader.next() else { return events }
            events.append(.record(record))
        } catch {
            events.append(.error(error))
            if error.isFatal {
                #expect((try? reader.next()) == nil, "a reader must end after a fatal error")
                return events
            }
        }
    }
    Issue.record("reader did not end")
    return events
}
