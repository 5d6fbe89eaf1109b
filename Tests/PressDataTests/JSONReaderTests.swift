import Foundation
import Testing
@testable import PressData

@Suite struct JSONLinesReaderTests {
    func read(_ text: String, piece: Int = 7, chunk: Int = 16, maxRecord: Int = 1 << 20) -> [ReadEvent] {
        var reader = JSONLinesReader(source: MemoryByteSource(text, name: "in.jsonl", piece: piece),
                                     limits: ReaderLimits(chunkSize: chunk, maxRecordBytes: maxRecord))
        return readAll(&reader)
    }

    @Test func badLineInTheMiddleIsReportedAndReadingContinues() throws {
        let text = """
        {"id": 1, "name": "Ana"}
        {"id": 2, "name": "Bo"}

        {"id": 3, "items": [{"amount": 1.5}, {"amount": 2..5}]}
        {"id": 4, "name": "Łucja"}\r
        {"id": 5}
        """
        let events = read(text)
        #expect(events.count == 5)
        #expect(events.compactMap(\.record).map(\.number) == [1, 2, 4, 5])
        #expect(events.compactMap(\.record).map(\.line) == [1, 2, 5, 6])
        #expect(events[3].record?.value["name"] == "Łucja")
        let error = try #require(events[2].error)
        #expect(error.recordNumber == 3)
        #expect(error.isFatal == false)
        #expect(error.line == 4)
        #expect(error.column == 51)
        #expect(error.reason == "expected a digit after '.', found '.'")
        #expect(error.path?.jsonPointer == "/items/1/amount")
        #expect(error.description == "record 3: in.jsonl: line 4, column 51: expected a digit after '.', found '.' (at /items/1/amount)")
    }

    @Test func chunkBoundariesDoNotMatter() throws {
        let lines = (1...50).map { #"{"n": \#($0), "text": "\#(String(repeating: "ä", count: $0))"}"# }
        let text = lines.joined(separator: "\n") + "\n"
        for piece in [1, 3, 64, 4096] {
            let events = read(text, piece: piece, chunk: 16)
            #expect(events.count == 50)
            #expect(events.last?.record?.value["n"] == 50)
            #expect(events.last?.record?.value["text"]?.stringValue?.count == 50)
        }
    }

    @Test func invalidUTF8LineIsAPerRecordError() throws {
        var bytes = Array("{\"a\": 1}\n{\"a\": \"".utf8) + [0xFF] + Array("\"}\n{\"a\": 3}\n".utf8)
        bytes += []
        var reader = JSONLinesReader(source: MemoryByteSource(bytes))
        let events = readAll(&reader)
        #expect(events.count == 3)
        #expect(events[1].error?.error.code == .invalidUTF8)
        #expect(events[1].error?.line == 2)
        #expect(events[1].error?.column == 8)
        #expect(events[2].record?.value["a"] == 3)
    }

    @Test func oversizedLineIsSkipped() throws {
        let big = "{\"x\": \"" + String(repeating: "y", count: 500) + "\"}"
        let events = read("{\"a\": 1}\n\(big)\n{\"a\": 3}\n", piece: 50, chunk: 32, maxRecord: 100)
        #expect(events.count == 3)
        let error = try #require(events[1].error)
        #expect(error.recordNumber == 2)
        #expect(error.error.code == .recordTooLarge)
        #expect(error.reason == "line is longer than the limit of 100 bytes")
        #expect(error.line == 2)
        #expect(events[2].record == Record(number: 3, value: ["a": 3], line: 3))
    }

    @Test func lastLineWithoutNewlineAndEmptyInput() {
        #expect(read("1\n2").compactMap(\.record).map(\.value) == [1, 2])
        #expect(read("").isEmpty)
        #expect(read("\n\n  \n").isEmpty)
    }

    @Test func missingFileIsAnIOError() {
        #expect(throws: DataError.self) { try JSONLinesReader(path: "/nonexistent/file.jsonl") }
        do {
            _ = try JSONLinesReader(path: "/nonexistent/file.jsonl")
        } catch {
            #expect(error.code == .io)
            #expect(error.description == "/nonexistent/file.jsonl: cannot open file: No such file or directory")
        }
    }

    /// 200,000 records through a 64 KiB window: the window never grows (bounded memory).
    @Test func memoryStaysBoundedOverManyRecords() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pressdata-\(getpid())-200k.jsonl").path
        defer { unlink(path) }
        let handle = try #require(FileHandle(forWritingAtPath: FileManager.default.createFile(atPath: path, contents: nil) ? path : ""))
        var chunk = ""
        for i in 1...200_000 {
            chunk += #"{"id": \#(i), "name": "Kunde \#(i)", "amount": \#(i).25, "items": [{"pos": 1, "desc": "Widget"}]}"# + "\n"
            if i % 10_000 == 0 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.close()
        var reader = try JSONLinesReader(path: path)
        var count = 0
        var sum = Decimal.zero
        while let record = try reader.next() {
            count += 1
            sum += record.value["amount"]?.decimalValue ?? 0
        }
        #expect(count == 200_000)
        #expect(sum == Decimal(string: "20000150000")!)
        #expect(reader.statistics.bytesRead > 18_000_000)
        #expect(reader.statistics.peakBufferBytes == 1 << 16)
    }
}

@Suite struct JSONArrayReaderTests {
    func read(_ text: String, piece: Int = 5, chunk: Int = 16, maxRecord: Int = 1 << 20) -> [ReadEvent] {
        var reader = JSONArrayReader(source: MemoryByteSource(text, name: "in.json", piece: piece),
                                     limits: ReaderLimits(chunkSize: chunk, maxRecordBytes: maxRecord))
        return readAll(&reader)
    }

    @Test func streamsElementsWithLines() throws {
        let text = "[\n  {\"id\": 1, \"s\": \"a,]}\"},\n  {\"id\": 2, \"n\": [1, [2]]},\n  \"x\", 3\n]\n"
        let events = read(text)
        #expect(events.compactMap(\.record) == [
            Record(number: 1, value: ["id": 1, "s": "a,]}"], line: 2),
            Record(number: 2, value: ["id": 2, "n": [1, [2]]], line: 3),
            Record(number: 3, value: "x", line: 4),
            Record(number: 4, value: 3, line: 4),
        ])
        #expect(events.count == 4)
    }

    @Test func badElementInTheMiddleIsReportedAndReadingContinues() throws {
        let text = "[{\"id\": 1},\n {\"id\": 2, \"a\": [1,]},\n {\"id\": 3 \"b\": 1},\n {\"id\": 4}]"
        let events = read(text)
        #expect(events.count == 4)
        #expect(events.compactMap(\.record).map(\.number) == [1, 4])
        let second = try #require(events[1].error)
        #expect(second.recordNumber == 2)
        #expect(second.isFatal == false)
        #expect(second.line == 2)
        #expect(second.column == 20)
        #expect(second.reason == "expected a JSON value after ',' (trailing commas are not allowed), found ']'")
        #expect(second.path?.jsonPointer == "/a")
        let third = try #require(events[2].error)
        #expect(third.recordNumber == 3)
        #expect(third.line == 3)
        #expect(third.column == 11)
        #expect(third.reason == "expected ',' or '}' after object member, found '\"'")
        #expect(events[3].record?.line == 4)
    }

    @Test func emptyArrayAndWhitespace() {
        #expect(read(" [ ] \n").isEmpty)
        #expect(read("\u{FEFF}[1]").compactMap(\.record).map(\.value) == [1])
    }

    @Test func singleObjectFileIsOneRecord() {
        let events = read("\n {\"invoice\": {\"number\": \"R-1\"}}\n")
        #expect(events == [.record(Record(number: 1, value: ["invoice": ["number": "R-1"]], line: 2))])
    }

    @Test(arguments: [
        ("", 1, 1, 1, "expected '[' at the start of a JSON array file, found end of input"),
        ("\n  x", 1, 2, 3, "expected '[' at the start of a JSON array file, found 'x'"),
        ("[1, 2,]", 3, 1, 7, "expected a JSON value after ',' (trailing commas are not allowed), found ']'"),
        ("[1,\n 2", 2, 2, 3, "expected ',' or ']' after array element (the array is not terminated), found end of input"),
        ("[1] [2]", 2, 1, 5, "unexpected content after the JSON array, found '['"),
        ("[", 1, 1, 2, "expected a JSON value or ']', found end of input"),
    ])
    func fatalErrors(text: String, record: Int, line: Int, column: Int, message: String) throws {
        let events = read(text)
        let error = try #require(events.last?.error)
        #expect(error.isFatal)
        #expect(error.recordNumber == record)
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.reason == message)
    }

    @Test func recordsBeforeAFatalErrorAreDelivered() {
        let events = read("[{\"a\": 1}, {\"a\": 2}, {\"a\": [3")
        #expect(events.compactMap(\.record).count == 2)
        #expect(events.last?.error?.isFatal == true)
        #expect(events.last?.error?.recordNumber == 3)
    }

    @Test func oversizedElementIsSkipped() throws {
        let big = "{\"x\": \"" + String(repeating: "y", count: 600) + "\"}"
        let events = read("[{\"a\": 1}, \(big), {\"a\": 3}]", piece: 40, chunk: 32, maxRecord: 100)
        #expect(events.count == 3)
        #expect(events[1].error?.error.code == .recordTooLarge)
        #expect(events[1].error?.isFatal == false)
        #expect(events[1].error?.column == 12)
        #expect(events[2].record?.value == ["a": 3])
    }

    @Test func oneLongLineKeepsColumnsRight() throws {
        let elements = (1...300).map { "{\"n\":\($0)}" }.joined(separator: ",")
        let events = read("[" + elements + ",{\"n\":x}]", piece: 13, chunk: 32)
        let error = try #require(events.last?.error)
        #expect(error.recordNumber == 301)
        #expect(error.line == 1)
        #expect(error.column == 1 + elements.count + 1 + 6)
        #expect(events.count == 301)
    }
}
