import Foundation
import Testing
@testable import PressData

@Suite struct ValueArchiveTests {
    @Test func roundTripsExactly() throws {
        let big = try JSONParser.parse("123456789012345678901234567890.125")
        let values: [Value] = [
            .null, true, false, "", "Łódź Größe ñ é ß 🇩🇪 \u{0}\n\"\\",
            .number(Decimal(string: "1.50")!), .number(Decimal(string: "-0.001")!), .number(0), big,
            .number(Decimal(sign: .plus, exponent: 40, significand: 7)),
            [], [:], [[[[]]]],
            ["number": "FV/2026/11/0815", "items": [["qty": 2, "price": "19.99"], ["qty": 1, "note": .null]],
             "recipient": ["name": "Zofia Żółkowska", "email_consent": true]],
        ]
        for v in values {
            let bytes = ValueArchive.encode(v)
            #expect(try ValueArchive.decode(bytes) == v, "\(v)")
            #expect(ValueArchive.encode(try ValueArchive.decode(bytes)) == bytes)
        }
        // Many members: the decoded object keeps its lookup index.
        let wide = Value.object(ValueObject((0..<40).map { ("k\($0)", Value.number(Decimal($0))) }))
        let decoded = try ValueArchive.decode(ValueArchive.encode(wide))
        #expect(decoded == wide && decoded["k33"] == 33)
    }

    @Test func corruptBytesAreAnErrorNotACrash() {
        let good = ValueArchive.encode(["a": ["b", 1]])
        for cut in 0..<good.count {
            #expect(throws: DataError.self) { try ValueArchive.decode(Array(good.prefix(cut))) }
        }
        #expect(throws: DataError.self) { try ValueArchive.decode(good + [0]) }
        #expect(throws: DataError.self) { try ValueArchive.decode([9]) }
        #expect(throws: DataError.self) { try ValueArchive.decode([4, 2, 0xC3, 0x28]) }          // not UTF-8
        #expect(throws: DataError.self) { try ValueArchive.decode([5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]) } // huge count
        #expect(throws: DataError.self) { try ValueArchive.decode([3, 3, 0x61, 0x62, 0x63]) }   // not a number
    }
}
