import Testing
@testable import PressPDF

@Suite struct FontTableTests {
    @Test func widthsArrayRuns() {
        let w = CIDWidths([(5, 600), (1, 500), (2, 510), (3, 1000), (7, 300), (8, 300), (9, 300), (10, 300), (11, 250)],
                          defaultWidth: 1000)
        // 3 has the default width and is left out; 7...10 are one `c1 c2 w` run.
        #expect(w.bytes.text == "[1[500 510]5[600]7 10 300 11[250]]")
        #expect(CIDWidths([(1, 1000)], defaultWidth: 1000).isEmpty)
    }

    @Test func toUnicodeRangesCharsLigaturesSurrogates() {
        let cmap = ToUnicodeCMap([
            (3, "a"), (4, "b"), (5, "c"),           // a bfrange
            (0x0120, "fi"),                          // a ligature: two UTF-16 units
            (0x0121, "😀"),                          // a surrogate pair
            (0x00FF, "x"), (0x0100, "y"),            // consecutive CIDs across a high-byte boundary: not one range
            (3, "ignored duplicate"), (9, ""),
        ])
        let text = cmap.bytes.text
        #expect(text.contains("3 beginbfchar\n<00FF><0078>\n<0100><0079>\n<0120><00660069>\n<0121><D83DDE00>\nendbfchar") == false)
        #expect(text.contains("4 beginbfchar\n<00FF><0078>\n<0100><0079>\n<0120><00660069>\n<0121><D83DDE00>\nendbfchar\n"))
        #expect(text.contains("1 beginbfrange\n<0003><0005><0061>\nendbfrange\n"))
        #expect(text.hasPrefix("/CIDInit/ProcSet findresource begin\n"))
        #expect(text.hasSuffix("CMapName currentdict/CMap defineresource pop\nend\nend\n"))
    }

    @Test func toUnicodeOneByteCodes() {
        let text = ToUnicodeCMap([(3, "a"), (4, "b"), (0x20, "fi"), (0x1FF, "dropped")], codeBytes: 1).bytes.text
        #expect(text.contains("<00><FF>\nendcodespacerange"))
        #expect(text.contains("1 beginbfchar\n<20><00660069>\nendbfchar\n"))
        #expect(text.contains("1 beginbfrange\n<03><04><0061>\nendbfrange\n"))
        #expect(!text.contains("dropped") && !text.contains("<01FF>"))
    }

    @Test func toUnicodeBlocksOfAtMost100() {
        // Every other CID: no ranges, 250 bfchar entries -> blocks 100, 100, 50.
        let cmap = ToUnicodeCMap((0..<250).map { (UInt16($0 * 2), String(UnicodeScalar(UInt8(65 + $0 % 26)))) })
        let text = cmap.bytes.text
        #expect(text.components(separatedBy: "100 beginbfchar").count == 3)
        #expect(text.contains("50 beginbfchar"))
    }
}

@Suite struct ContentStreamTests {
    @Test func operatorsAndScopes() {
        var c = Content()
        c.savingState { c in
            c.transform(1, 0, 0, 1, 10.5, 20)
            c.setFillGray(0.5)
            c.rect(0, 0, 100, 50.25)
            c.fill()
        }
        c.textObject { t in
            t.setFont("F1", size: 9.5)
            t.nextLine(56.693, 770)
            t.setFillRGB(0, 0, 1)
            t.showPositioned { tj in
                tj.glyph(0x24)
                tj.glyph(0x39)
                tj.adjust(64)
                tj.glyph(0x1A5)
                tj.adjust(-12.25)
                tj.adjust(3)
            }
            t.showGlyphs([1, 2])
            t.showPositioned { tj in
                tj.byte(0x41); tj.byte(0x28); tj.byte(0x5C); tj.adjust(-20); tj.byte(0x0D); tj.glyph(7); tj.byte(0x29)
            }
        }
        c.drawImage("Im1", x: 10, y: 20, width: 90, height: 30)
        c.setDash([])
        #expect(c.finish().text == """
        q
        1 0 0 1 10.5 20 cm
        0.5 g
        0 0 100 50.25 re
        f
        Q
        BT
        /F1 9.5 Tf
        56.693 770 Td
        0 0 1 rg
        [<00240039>64<01A5>-12.3 3]TJ
        <00010002> Tj
        [(A\\(\\\\)-20(\\r)<0007>(\\))]TJ
        ET
        q
        90 0 0 30 10 20 cm
        /Im1 Do
        Q
        [] 0 d

        """)
    }

    @Test func twoByteCodesAreBinaryLiteralStringsWithEscapes() {
        var c = Content()
        c.textObject { t in
            t.showPositioned { tj in
                // 0x2841: "(" high byte; 0x005C: "\\" low byte; 0x0D29: CR high, ")" low; 0x0A0A stays raw.
                let codes: [UInt16] = [0x2841, 0x005C, 0x0D29, 0x0A0A]
                codes.withUnsafeBufferPointer { tj.cids($0) }
                tj.adjust(50)
                [UInt16(0x0102)].withUnsafeBufferPointer { tj.cids($0) }
            }
        }
        let expected: [UInt8] = Array("BT\n[(".utf8) + [0x5C, 0x28, 0x41, 0x00, 0x5C, 0x5C, 0x5C, 0x72, 0x5C, 0x29, 0x0A, 0x0A]
            + Array(")50(".utf8) + [0x01, 0x02] + Array(")]TJ\nET\n".utf8)
        #expect(c.finish() == expected)
    }

    @Test func roundedRectangleIsClosedBezierPath() {
        var c = Content()
        c.roundedRect(0, 0, 100, 40, radius: 50)  // clamped to 20
        let text = c.finish().text
        #expect(text.hasPrefix("20 0 m\n80 0 l\n91.046 0 100 8.954 100 20 c\n"))
        #expect(text.hasSuffix("h\n"))
        #expect(text.components(separatedBy: " c\n").count == 5)
    }
}

@Suite struct ICCProfileTests {
    func be32(_ b: [UInt8], _ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }

    @Test func headerAndTagTableAreConsistent() {
        let p = SRGBProfile.bytes
        #expect(be32(p, 0) == p.count)
        #expect(Array(p[36..<40]) == Array("acsp".utf8))
        #expect(Array(p[12..<24]) == Array("mntrRGB XYZ ".utf8))
        #expect(be32(p, 8) == 0x0210_0000)
        let count = be32(p, 128)
        #expect(count == 9)
        var signatures: [String] = []
        for i in 0..<count {
            let entry = 132 + 12 * i
            signatures.append(String(decoding: p[entry..<entry + 4], as: UTF8.self))
            let offset = be32(p, entry + 4), size = be32(p, entry + 8)
            #expect(offset % 4 == 0)
            #expect(offset + size <= p.count)
        }
        #expect(signatures == ["desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"])
    }

    @Test func toneCurveFollowsSRGB() {
        #expect(abs(SRGBProfile.pow24(0.5) - 0.18946457081379978) < 1e-12)
        #expect(SRGBProfile.pow24(1) == 1)
    }
}

@Suite struct PNGPredictorTests {
    @Test func filtersRowsAndRoundTrips() {
        // 3x2 RGB: a horizontal gradient (Sub wins) over a repeated row (Up wins).
        let samples: [UInt8] = [10, 20, 30, 11, 21, 31, 12, 22, 32,
                                10, 20, 30, 11, 21, 31, 12, 22, 32]
        let encoded = PNGPredictor.encode(samples, width: 3, components: 3)
        #expect(encoded.count == 20)
        #expect(encoded[0] == 1)   // Sub on the first row: 10 20 30 1 1 1 1 1 1
        #expect(Array(encoded[1..<10]) == [10, 20, 30, 1, 1, 1, 1, 1, 1])
        #expect(encoded[10] == 2)  // Up on the second row: all zero
        #expect(Array(encoded[11..<20]) == [UInt8](repeating: 0, count: 9))
    }
}
