import Testing
@testable import PressPDF

@Suite struct NumberFormattingTests {
    func int(_ v: Int) -> String { var b: [UInt8] = []; b.appendInt(v); return b.text }
    func real(_ v: Double, _ d: Int = 3) -> String { var b: [UInt8] = []; b.appendReal(v, decimals: d); return b.text }

    @Test func integers() {
        #expect(int(0) == "0")
        #expect(int(7) == "7")
        #expect(int(10) == "10")
        #expect(int(-42) == "-42")
        #expect(int(1234567890) == "1234567890")
        #expect(int(Int.min + 1) == "-9223372036854775807")
    }

    @Test func realsAreShortest() {
        #expect(real(12.5) == "12.5")
        #expect(real(12.5, 6) == "12.5")
        #expect(real(3) == "3")
        #expect(real(0.05) == "0.05")
        #expect(real(0.001) == "0.001")
        #expect(real(0.0004) == "0")
        #expect(real(-0.0004) == "0")
        #expect(real(-1.25) == "-1.25")
        #expect(real(595.2756) == "595.276")
        #expect(real(841.8898) == "841.89")
        #expect(real(-0.5) == "-0.5")
        #expect(real(1e20) == "9000000000000000")
        #expect(real(.nan) == "0")
        #expect(real(.infinity) == "0")
        #expect(real(100.0999) == "100.1")
    }
}

@Suite struct ObjectSyntaxTests {
    func written(_ v: some PDFValue) -> String { var b: [UInt8] = []; v.writeValue(to: &b); return b.text }

    @Test func nameEscaping() {
        #expect(written(Name("Type")) == "/Type")
        #expect(written(Name("A B")) == "/A#20B")
        #expect(written(Name("text/xml")) == "/text#2Fxml")
        #expect(written(Name("a#b")) == "/a#23b")
        #expect(written(Name("()<>[]{}%")) == "/#28#29#3C#3E#5B#5D#7B#7D#25")
        #expect(written(Name("Ł")) == "/#C5#81")
        #expect(written(Name(bytes: [0x00, 0x7F, 0x7E])) == "/#00#7F~")
    }

    @Test func literalStringEscaping() {
        #expect(written(PDFString("a(b)c\\d")) == "(a\\(b\\)c\\\\d)")
        #expect(written(PDFString("line\nnext\r\t")) == "(line\\nnext\\r\\t)")
        var bytes: [UInt8] = []
        PDFString(bytes: [0x01, 0x1F, 0x80, 0xFF]).writeValue(to: &bytes)
        #expect(bytes == Array("(\\001\\037".utf8) + [0x80, 0xFF, 0x29])
    }

    @Test func textStrings() {
        #expect(written(TextString("Invoice 42")) == "(Invoice 42)")
        #expect(written(TextString("Łódź")) == "<FEFF014100F30064017A>")
        // Outside the BMP: a surrogate pair.
        #expect(written(TextString("a😀")) == "<FEFF0061D83DDE00>")
    }

    @Test func referencesRectsDates() {
        #expect(written(ObjectRef(12)) == "12 0 R")
        #expect(written(Rect.a4) == "[0 0 595.276 841.89]")
        let date = PDFDate(year: 2026, month: 1, day: 2, hour: 3, minute: 4, second: 5, utcOffsetMinutes: -330)
        #expect(written(date) == "(D:20260102030405-05'30')")
        #expect(date.iso8601 == "2026-01-02T03:04:05-05:30")
        #expect(PDFDate(secondsSince1970: 0) == PDFDate(year: 1970, month: 1, day: 1))
        #expect(PDFDate(secondsSince1970: 1_795_365_840) == PDFDate(year: 2026, month: 11, day: 22, hour: 16, minute: 44))
        #expect(PDFDate(secondsSince1970: 951_782_400) == PDFDate(year: 2000, month: 2, day: 29))
        #expect(PDFDate(secondsSince1970: -1) == PDFDate(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59))
    }

    @Test func dictionarySeparatorsAreMinimal() {
        var d = DictWriter(buf: [])
        d.pair(Name("A"), 1)
        d.pair(Name("B"), Name("C"))
        d.pair(Name("D"), ObjectRef(3))
        d.pair(Name("E"), true)
        d.array(Name("F")) { a in a.int(1); a.real(2.5); a.name("G"); a.int(3); a.ref(ObjectRef(4)); a.item(PDFString("s")); a.int(5) }
        d.dict(Name("H")) { $0.pair(Name("I"), -1.5) }
        #expect(d.buf.text == "/A 1/B/C/D 3 0 R/E true/F[1 2.5/G 3 4 0 R(s)5]/H<</I -1.5>>")
    }
}

@Suite struct DeflateTests {
    let text: [UInt8] = Array(String(repeating: "BT /F1 9 Tf 56.7 780.2 Td <0041004200430044> Tj ET\n", count: 400).utf8)

    @Test func everyLevelRoundTripsAndResultsAreExactSize() {
        for level in [0, 1, 6, 9] {
            let packed = Deflate.compress(text, level: level)
            // An exact-size array: no capacity left over from libdeflate's worst-case bound.
            #expect(packed.capacity < packed.count + 64, "level \(level): capacity \(packed.capacity) for \(packed.count) bytes")
            #expect(Deflate.decompress(packed) == text)
            #expect(Deflate.decompress(packed, exactSize: text.count) == text)
            // Deterministic, whichever compressor (pooled or the shared slow one) did it.
            #expect(Deflate.compress(text, level: level) == packed)
        }
        #expect(Deflate.compress([], level: 1).count > 0)
    }

    @Test func exactSizeInflateRefusesAWrongSizeOrDamage() {
        let packed = Deflate.compress(text, level: 1)
        #expect(Deflate.decompress(packed, exactSize: text.count - 1) == nil)
        #expect(Deflate.decompress(packed, exactSize: text.count + 1) == nil)
        #expect(Deflate.decompress(Array(packed.dropLast(3)), exactSize: text.count) == nil)
    }

    @Test func theSlowLevelIsSharedSafelyBetweenThreads() async {
        let expected = Deflate.compress(text, level: 9)
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask { [text] in Deflate.compress(text + [UInt8(i)], level: 9) != [] && Deflate.compress(text, level: 9) == expected }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }
}
