import Foundation
import Testing
@testable import PressRuns
import PressData

@Suite struct PrintQueueTests {
    func letter(_ r: Int, _ country: String, _ postcode: String) -> QueuedPrintLetter {
        QueuedPrintLetter(record: r, country: country, postcode: postcode, payload: Array("record \(r)".utf8))
    }

    @Test func queuedRecordsAreStoredDeflatedAndComeBackExactly() throws {
        let lines = (1...40).map { ValueObject.Member(key: "line\($0)", value: .string("Position \($0): Schraube M8 × 40, verzinkt — łódź")) }
        let value = Value.object(ValueObject([("number", .string("RE-1")), ("total", .number(Decimal(string: "1234.50")!)),
                                              ("items", .object(ValueObject(lines.map { ($0.key, $0.value) })))]))
        let payload = QueuePayload.encode(value)
        #expect(payload.first == QueuePayload.deflated)
        #expect(payload.count * 3 < ValueArchive.encode(value).count, "repetitive records shrink")
        #expect(try QueuePayload.decode(payload) == value)
        // Entries of queues written before payloads were deflated (a plain archive) still read.
        #expect(try QueuePayload.decode(ValueArchive.encode(value)) == value)
        // Damage is an error, not a wrong record.
        var damaged = payload
        damaged[damaged.count - 1] ^= 0xFF
        #expect(throws: (any Error).self) { try QueuePayload.decode(damaged) }
        #expect(throws: (any Error).self) { try QueuePayload.decode([QueuePayload.deflated]) }
        #expect(throws: (any Error).self) { try QueuePayload.decode([QueuePayload.deflated, 0x05, 1, 2]) }
    }

    @Test func pagesThroughLettersInCountryPostcodeRecordOrder() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        let q = try SQLitePrintQueue(path: dir + "/q.sqlite")
        try q.add([letter(5, "DE", "80331"), letter(2, "PL", "00-950"), letter(9, "DE", "01067"), letter(1, "DE", "80331")])
        try q.add([letter(7, "AT", "1010"), letter(5, "DE", "80331")])   // 5 again: idempotent
        #expect(try q.count() == 5)
        var order: [Int] = []
        var cursor: PrintQueueKey?
        while true {
            let page = try q.letters(after: cursor, limit: 2)
            order += page.map(\.record)
            guard let last = page.last else { break }
            cursor = last.key
        }
        #expect(order == [7, 9, 1, 5, 2])
        #expect(try q.letters(after: nil, limit: 1).first == letter(7, "AT", "1010"))
        try q.remove([9, 1, 42])
        #expect(try q.letters(after: nil, limit: 10).map(\.record) == [7, 5, 2])
        #expect(try q.contains(5) && !q.contains(9))

        // Reopened (a resumed run): the letters are still there.
        let again = try SQLitePrintQueue(path: dir + "/q.sqlite")
        #expect(try again.count() == 3)
        try again.destroy()
        try q.destroy()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        #expect(throws: RunError.self) { try q.count() }
    }

    /// Payloads live in the data file, once each; a removed or replaced letter leaves only zeros behind (personal
    /// data must not outlive its processing), and a crash's unreferenced tail is never read.
    @Test func payloadsAreWrittenOnceAndZeroedWhenTheyLeave() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        let q = try SQLitePrintQueue(path: dir + "/q.sqlite")
        let secret = { (r: Int) in QueuedPrintLetter(record: r, country: "DE", postcode: "8033\(r)", payload: Array("Jürgen Müller \(r) Hauptstraße".utf8)) }
        try q.add([secret(1), secret(2), secret(3)])
        func data() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/q.sqlite.data"))) }
        func holds(_ r: Int) throws -> Bool {
            let needle = Array("Jürgen Müller \(r) ".utf8), hay = try data()
            return hay.count >= needle.count && (0...(hay.count - needle.count)).contains { Array(hay[$0..<$0 + needle.count]) == needle }
        }
        #expect(try data().count == (1...3).reduce(0) { $0 + secret($1).payload.count })
        #expect(try holds(1) && holds(2) && holds(3))
        try q.remove([2])
        #expect(try !holds(2) && holds(1) && holds(3))
        // Added again (a resumed run re-queues): one copy remains, the new one.
        try q.add([secret(3)])
        #expect(try q.letters(after: nil, limit: 10).map(\.payload) == [secret(1).payload, secret(3).payload])
        let copies = try data().count - (1...3).reduce(0) { $0 + secret($1).payload.count }
        #expect(copies == secret(3).payload.count)
        try q.remove([1, 3])
        #expect(try data().allSatisfy { $0 == 0 })
        // A crash after appending but before committing leaves an unreferenced tail: reopened, it is skipped.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir + "/q.sqlite.data"))
        try handle.seekToEnd(); try handle.write(contentsOf: Data("torn".utf8)); try handle.close()
        let again = try SQLitePrintQueue(path: dir + "/q.sqlite")
        try again.add([secret(4)])
        #expect(try again.letters(after: nil, limit: 10) == [secret(4)])
        try again.destroy()
        try q.destroy()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// A queue left by an interrupted run of the earlier version (payloads in the database) still reads.
    @Test func aQueueWithInlinePayloadsStillReads() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        do {
            let db = try SQLiteDatabase(path: dir + "/q.sqlite")
            try db.exec("""
                PRAGMA journal_mode=WAL;
                CREATE TABLE letters(record INTEGER PRIMARY KEY, country TEXT NOT NULL, postcode TEXT NOT NULL, payload BLOB NOT NULL);
                CREATE INDEX letters_order ON letters(country, postcode, record);
                INSERT INTO letters VALUES(5, 'DE', '80331', X'7265636F72642035');
                """)
        }
        let q = try SQLitePrintQueue(path: dir + "/q.sqlite")
        try q.add([letter(2, "AT", "1010")])
        #expect(try q.letters(after: nil, limit: 10) == [letter(2, "AT", "1010"), letter(5, "DE", "80331")])
        try q.remove([5])
        #expect(try q.count() == 1)
        try q.destroy()
    }

    /// A data file deleted or cut short outside the run loses the letters it held: they are dropped from the
    /// queue when it opens (the run then produces them again), not read as garbage or failed on at every resume.
    @Test func lettersWhosePayloadIsGoneAreDroppedOnOpen() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        do {
            let q = try SQLitePrintQueue(path: dir + "/q.sqlite")
            try q.add([letter(1, "DE", "80331"), letter(2, "DE", "80332"), letter(3, "DE", "80333")])
        }
        let data = dir + "/q.sqlite.data"
        let size = try FileManager.default.attributesOfItem(atPath: data)[.size] as! Int
        #expect(truncate(data, off_t(size - 1)) == 0)
        var q = try SQLitePrintQueue(path: dir + "/q.sqlite")
        #expect(try q.count() == 2 && !q.contains(3))
        #expect(try q.letters(after: nil, limit: 10) == [letter(1, "DE", "80331"), letter(2, "DE", "80332")])
        try FileManager.default.removeItem(atPath: data)
        q = try SQLitePrintQueue(path: dir + "/q.sqlite")
        #expect(try q.count() == 0)
        try q.destroy()
    }
}
