import Foundation
import Testing
@testable import PressData

/// Every chunked reader keeps its window at one chunk when records are smaller than a chunk,
/// however many records stream through.
@Suite struct BoundedMemoryTests {
    static let count = 20_000

    func drain(_ reader: inout some RecordReader) throws -> Int {
        var n = 0
        while try reader.next() != nil { n += 1 }
        return n
    }

    @Test func jsonArray() throws {
        var text = "["
        for i in 1...Self.count { text += (i > 1 ? ",\n" : "") + #"{"id": \#(i), "name": "Kunde \#(i)", "amount": \#(i).10}"# }
        text += "]"
        var reader = JSONArrayReader(source: MemoryByteSource(text), limits: ReaderLimits(chunkSize: 4096))
        #expect(try drain(&reader) == Self.count)
        #expect(reader.statistics.peakBufferBytes == 4096)
        #expect(reader.statistics.bytesRead == text.utf8.count)
    }

    @Test func csv() throws {
        var text = "id;name;amount\n"
        for i in 1...Self.count { text += "\(i);\"Kunde \(i)\";\(i),10\n" }
        var reader = CSVReader(source: MemoryByteSource(text), limits: ReaderLimits(chunkSize: 4096))
        #expect(try drain(&reader) == Self.count)
        #expect(reader.statistics.peakBufferBytes == 4096)
    }

    @Test func tsvByExtension() throws {
        let source = try RecordSource(path: "rows.tsv")
        var reader = try source.makeReader(source: MemoryByteSource("a\tb\n1\t2,3\n"))
        #expect(try reader.next()?.value == ["a": "1", "b": "2,3"])
    }

    @Test func oneLargeRecordGrowsTheWindowOnlyToItsSize() throws {
        let big = #"{"blob": ""# + String(repeating: "x", count: 100_000) + #""}"#
        let text = #"{"a": 1}"# + "\n" + big + "\n" + #"{"a": 3}"# + "\n"
        var reader = JSONLinesReader(source: MemoryByteSource(text), limits: ReaderLimits(chunkSize: 4096))
        #expect(try drain(&reader) == 3)
        #expect(reader.statistics.peakBufferBytes == 131_072)
    }
}
