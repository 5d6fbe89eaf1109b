import Foundation
import Testing
@testable import PressData

@Suite struct CSVReaderTests {
    func read(_ text: String, delimiter: UInt8? = nil, piece: Int = 5, chunk: Int = 16, maxRecord: Int = 1 << 20) -> [ReadEvent] {
        var reader = CSVReader(source: MemoryByteSource(text, name: "in.csv", piece: piece), options: CSVOptions(delimiter: delimiter),
                               limits: ReaderLimits(chunkSize: chunk, maxRecordBytes: maxRecord))
        return readAll(&reader)
    }

    @Test func quotesEscapesAndEmbeddedNewlines() throws {
        let text = "number,recipient.name,recipient.city,note\r\nRE-1,\"Müller, Hans\",Köln,\"He said \"\"hi\"\"\nand left\"\r\n\r\nRE-2,Ana,,\n"
        let events = read(text)
        #expect(events.count == 2)
        #expect(events[0].record == Record(number: 1, value: [
            "number": "RE-1", "recipient": ["name": "Müller, Hans", "city": "Köln"], "note": "He said \"hi\"\nand left",
        ], line: 2))
        #expect(events[1].record == Record(number: 2, value: [
            "number": "RE-2", "recipient": ["name": "Ana", "city": ""], "note": "",
        ], line: 5))
    }

    @Test func semicolonDelimiterDetectedOrGiven() throws {
        let text = "a;b.c\n1,5;\"x;y\"\n"
        #expect(read(text).first?.record?.value == ["a": "1,5", "b": ["c": "x;y"]])
        #expect(read(text, delimiter: UInt8(ascii: ";")).first?.record?.value == ["a": "1,5", "b": ["c": "x;y"]])
        #expect(read("a\tb\n1\t2\n").first?.record?.value == ["a": "1", "b": "2"])
    }

    @Test func numericSegmentsBuildArraysAndDropBlankElements() throws {
        let text = "id,items.1.desc,items.0.desc,items.0.qty,items.1.qty,items.2.desc,tags.0,tags.1\n7,B,A,1,2,,x,\n"
        #expect(read(text).first?.record?.value == [
            "id": "7", "items": [["desc": "A", "qty": "1"], ["desc": "B", "qty": "2"]], "tags": ["x"],
        ])
    }

    @Test func badRowInTheMiddleIsReportedAndReadingContinues() throws {
        let text = "id,name,amount\n1,Ana,10.00\n2,Bo\n3,\"Cy\"x,1\n4,D\"e,2\n5,Ed,1,extra\n6,Flo,3.50\n"
        let events = read(text)
        #expect(events.count == 6)
        #expect(events.compactMap(\.record).map(\.number) == [1, 6])
        #expect(events.last?.record?.value == ["id": "6", "name": "Flo", "amount": "3.50"])
        let errors = events.compactMap(\.error)
        #expect(errors.map(\.recordNumber) == [2, 3, 4, 5])
        #expect(errors.allSatisfy { !$0.isFatal })
        #expect(errors.map(\.line) == [3, 4, 5, 6])
        #expect(errors.map(\.column) == [5, 7, 4, 8])
        #expect(errors.map(\.reason) == [
            "expected 3 fields as in the header, found 2",
            "expected ',' or the end of the line after a closing quote, found 'x'",
            "unexpected '\"' inside an unquoted field",
            "expected 3 fields as in the header, found 4",
        ])
        #expect(errors[2].description == "record 4: in.csv: line 5, column 4: unexpected '\"' inside an unquoted field; hint: quote the whole field and double the quote inside: \"a \"\"b\"\" c\"")
    }

    @Test func unterminatedQuoteIsFatal() throws {
        let events = read("a,b\n1,2\n3,\"open\n4,5\n")
        #expect(events.count == 2)
        let error = try #require(events.last?.error)
        #expect(error.isFatal)
        #expect(error.recordNumber == 2)
        #expect(error.line == 3)
        #expect(error.column == 3)
        #expect(error.reason == "unterminated quoted field: the closing '\"' is missing")
    }

    @Test func invalidUTF8IsAPerRecordError() throws {
        let bytes = Array("a,b\n1,x".utf8) + [0xC3, 0x28] + Array("\n2,y\n".utf8)
        var reader = CSVReader(source: MemoryByteSource(bytes))
        let events = readAll(&reader)
        #expect(events.count == 2)
        #expect(events[0].error?.error.code == .invalidUTF8)
        #expect(events[0].error?.column == 4)
        #expect(events[1].record?.value == ["a": "2", "b": "y"])
    }

    @Test(arguments: [
        ("a,,c\n", "column 2 of the header has no name"),
        ("a,b,a\n", "column name 'a' appears twice in the header"),
        ("r,r.name\n", "column name 'r.name' conflicts with column 'r'"),
        ("r.name,r\n", "column name 'r' conflicts with a column nested under it"),
        ("x.0,x.a\n", "column names under 'x' mix numbers (array elements) and names (object keys)"),
        ("a,\"b\n", "unterminated quoted field: the closing '\"' is missing"),
    ])
    func headerErrorsAreFatal(text: String, message: String) throws {
        let events = read(text + "1,2,3\n")
        #expect(events.count == 1)
        let error = try #require(events.first?.error)
        #expect(error.isFatal)
        #expect(error.recordNumber == 1)
        #expect(error.line == 1)
        #expect(error.reason == message)
    }

    @Test func emptyFileAndHeaderOnly() {
        #expect(read("").isEmpty)
        #expect(read("\u{FEFF}a,b\r\n").isEmpty)
        #expect(read("\u{FEFF}a,b\r\n1,2").first?.record?.value == ["a": "1", "b": "2"])
    }

    @Test func oversizedRowIsFatal() throws {
        let events = read("a\n1\n" + String(repeating: "x", count: 300) + "\n2\n", piece: 64, chunk: 32, maxRecord: 100)
        #expect(events.count == 2)
        #expect(events.last?.error?.error.code == .recordTooLarge)
        #expect(events.last?.error?.isFatal == true)
    }
}

@Suite struct RecordSourceTests {
    @Test func formatByExtension() throws {
        #expect(RecordFormat(path: "/x/a.JSONL") == .jsonLines)
        #expect(RecordFormat(path: "a.ndjson") == .jsonLines)
        #expect(RecordFormat(path: "a.json") == .jsonArray)
        #expect(RecordFormat(path: "a.xml") == .xml)
        #expect(RecordFormat(path: "a.csv") == .csv)
        #expect(RecordFormat(path: "a.txt") == nil)
        do {
            _ = try RecordSource(path: "data.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unsupported)
            #expect(error.description == "data.txt: cannot tell the input format from the file name; hint: use .jsonl/.ndjson, .json, .xml or .csv, or name the format explicitly")
        }
    }

    @Test func everyFormatGivesTheSameRecords() throws {
        let inputs: [(String, String)] = [
            ("r.jsonl", "{\"id\": \"1\", \"to\": {\"name\": \"Ana\"}}\n{\"id\": \"2\", \"to\": {\"name\": \"Bo\"}}\n"),
            ("r.json", "[{\"id\": \"1\", \"to\": {\"name\": \"Ana\"}}, {\"id\": \"2\", \"to\": {\"name\": \"Bo\"}}]"),
            ("r.xml", "<letters><letter id=\"1\"><to><name>Ana</name></to></letter><letter id=\"2\"><to><name>Bo</name></to></letter></letters>"),
            ("r.csv", "id,to.name\n1,Ana\n2,Bo\n"),
        ]
        let expected: [Value] = [["id": "1", "to": ["name": "Ana"]], ["id": "2", "to": ["name": "Bo"]]]
        for (name, text) in inputs {
            let source = try RecordSource(path: name, options: RecordSourceOptions(recordElement: "letter"))
            var reader = try source.makeReader(source: MemoryByteSource(text, name: name))
            #expect(readAll(&reader).compactMap(\.record).map(\.value) == expected, "\(name)")
        }
    }

    @Test func readsFromFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pressdata-src-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("in.csv").path
        try Data("a;b\n1;2\n".utf8).write(to: URL(fileURLWithPath: path))
        var reader = try RecordSource(path: path).makeReader()
        #expect(try reader.next()?.value == ["a": "1", "b": "2"])
        #expect(try reader.next() == nil)
    }
}
