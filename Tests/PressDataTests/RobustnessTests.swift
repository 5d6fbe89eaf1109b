import Foundation
import Testing
@testable import PressData

/// A small deterministic generator (tests never use randomness that changes between runs).
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// Mutation testing of every parser: arbitrary damage must give records or errors, never a crash
/// or a hang, and valid values must round-trip through the JSON writer.
@Suite struct RobustnessTests {
    static let json = #"{"id": 12, "name": "Zoë \"Z\" Ünal", "items": [{"pos": 1, "amount": 10.50, "tags": ["a", "b"]}, {"pos": 2, "amount": -0.005e2, "ok": true, "n": null}], "emoji": "\ud83d\ude00"}"#
    static let xml = #"<r><invoice id="1"><name>Zoë &amp; Co</name><items><item><a>1</a></item><item><a>2</a></item></items></invoice><invoice id="2"><x><![CDATA[<y>]]></x></invoice></r>"#
    static let csv = "id,name.first,items.0.a\n1,\"Zo\"\"ë\",x\n2,\"multi\nline\",y\n"

    func mutate(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        let interesting: [UInt8] = Array("{}[]\",:\\\n\r<>/&;\"'0-.eE".utf8) + [0x00, 0x80, 0xC3, 0xED, 0xF4, 0xFF]
        for _ in 0..<(1 + rng.below(4)) {
            guard !bytes.isEmpty else { break }
            let position = rng.below(bytes.count)
            switch rng.below(4) {
            case 0: bytes[position] = interesting[rng.below(interesting.count)]
            case 1: bytes.remove(at: position)
            case 2: bytes.insert(interesting[rng.below(interesting.count)], at: position)
            default: bytes = Array(bytes[..<position])
            }
        }
        return bytes
    }

    @Test func mutatedJSONNeverCrashesAndValidResultsRoundTrip() throws {
        var rng = SplitMix64(state: 42)
        let original = Array(Self.json.utf8)
        var accepted = 0
        for _ in 0..<3000 {
            let input = mutate(original, &rng)
            if let value = try? JSONParser.parse(input) {
                accepted += 1
                #expect(try JSONParser.parse(value.jsonBytes) == value)
            }
        }
        #expect(accepted > 0)
        let value = try JSONParser.parse(Self.json)
        #expect(value.jsonText == #"{"id":12,"name":"Zoë \"Z\" Ünal","items":[{"pos":1,"amount":10.5,"tags":["a","b"]},{"pos":2,"amount":-0.5,"ok":true,"n":null}],"emoji":"😀"}"#)
    }

    @Test func mutatedStreamsAlwaysTerminate() throws {
        var rng = SplitMix64(state: 7)
        let lines = Array((Self.json + "\n" + Self.json + "\n").utf8)
        let array = Array(("[" + Self.json + "," + Self.json + "]").utf8)
        for _ in 0..<600 {
            let piece = 1 + rng.below(40)
            var jsonl = JSONLinesReader(source: MemoryByteSource(mutate(lines, &rng), piece: piece), limits: ReaderLimits(chunkSize: 32))
            _ = readAll(&jsonl, limit: 100)
            var jsonArray = JSONArrayReader(source: MemoryByteSource(mutate(array, &rng), piece: piece), limits: ReaderLimits(chunkSize: 32))
            _ = readAll(&jsonArray, limit: 100)
            var csv = CSVReader(source: MemoryByteSource(mutate(Array(Self.csv.utf8), &rng), piece: piece), limits: ReaderLimits(chunkSize: 32))
            _ = readAll(&csv, limit: 100)
            if var xml = try? XMLRecordReader(source: MemoryByteSource(mutate(Array(Self.xml.utf8), &rng), piece: piece), recordElement: "invoice") {
                _ = readAll(&xml, limit: 100)
            }
        }
    }

    @Test func writerEscapesControlCharacters() throws {
        let value: Value = ["k\n": "a\u{1}b\t\"\\", "n": .number(Decimal(string: "123456789012345678.90")!)]
        #expect(value.jsonText == #"{"k\n":"a\u0001b\t\"\\","n":123456789012345678.9}"#)
        #expect(try JSONParser.parse(value.jsonBytes) == value)
    }
}
