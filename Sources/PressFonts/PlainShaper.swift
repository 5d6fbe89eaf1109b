/// A shaping shortcut for strings of "plain" ASCII characters (digits, space, common punctuation):
/// characters that HarfBuzz, with this face's default features, maps to their nominal glyph with
/// their `hmtx` advance and no offset, whatever plain character stands next to them.
///
/// Why: the strings that repeat least across documents are numbers (amounts, dates, invoice
/// numbers). Shaping them through HarfBuzz costs ~1-2 µs each and fills the shape cache with
/// entries that never hit again; this path costs a table lookup per byte and leaves the cache to
/// words and labels, which do repeat.
///
/// Which characters are plain is measured per face when it is loaded: every candidate alone, every
/// ordered pair of candidates, and a few longer samples are shaped with HarfBuzz and compared with
/// the nominal result. A candidate that kerns, ligates or is substituted in any of these (e.g. a
/// font kerning "1." or "/1") is excluded. Longer contextual rules that only fire on three or more
/// plain characters are not detected; fonts with such rules for digits and punctuation are rare.
struct PlainShaper: Sendable {
    /// Candidates: ASCII digits, space and punctuation common in numbers, dates and references.
    static let candidates = Array("0123456789 .,:;-+/%()#'*=".unicodeScalars)

    /// glyph id per ASCII byte, 0 = not plain.
    private let glyphs: [UInt16]
    /// hmtx advance per ASCII byte.
    private let advances: [Int32]

    /// Number of plain characters (for tests).
    var plainCount: Int { glyphs.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// The plain characters, in candidate order (for diagnostics).
    var plainCharacters: String {
        String(String.UnicodeScalarView(PlainShaper.candidates.filter { glyphs[Int($0.value)] != 0 }))
    }

    init(measuring font: HarfBuzzFont) {
        var glyphs = [UInt16](repeating: 0, count: 128)
        var advances = [Int32](repeating: 0, count: 128)
        var plain: [Unicode.Scalar] = []
        for scalar in PlainShaper.candidates {
            guard let glyph = font.nominalGlyph(scalar.value), glyph != 0, glyph <= UInt32(UInt16.max) else { continue }
            let advance = font.advance(glyph)
            let shaped = font.shape(String(Character(scalar)), language: nil)
            guard shaped.glyphs.count == 1, shaped.glyphs[0].id.rawValue == UInt16(glyph),
                  shaped.glyphs[0].xAdvance == advance, shaped.glyphs[0].xOffset == 0, shaped.glyphs[0].yOffset == 0
            else { continue }
            glyphs[Int(scalar.value)] = UInt16(glyph)
            advances[Int(scalar.value)] = advance
            plain.append(scalar)
        }
        // Every ordered pair must shape to the two nominal glyphs with their plain advances.
        var excluded = Set<UInt32>()
        for a in plain {
            for b in plain {
                let text = String(String.UnicodeScalarView([a, b]))
                if !PlainShaper.matches(font.shape(text, language: nil), text, glyphs, advances) {
                    excluded.insert(a.value)
                    excluded.insert(b.value)
                }
            }
        }
        for value in excluded { glyphs[Int(value)] = 0 }
        // Longer samples as typical of documents; any mismatch disables the shortcut entirely.
        for sample in ["1.234,56", "22.11.2026", "(+49) 30-1234/5", "100 %", "#4711-A'", "3*4=12; 7:30"] {
            let usable = sample.utf8.allSatisfy { glyphs[Int($0)] != 0 }
            if usable, !PlainShaper.matches(font.shape(sample, language: nil), sample, glyphs, advances) {
                glyphs = [UInt16](repeating: 0, count: 128)
                break
            }
        }
        self.glyphs = glyphs
        self.advances = advances
    }

    private static func matches(_ shaped: ShapedText, _ text: String, _ glyphs: [UInt16], _ advances: [Int32]) -> Bool {
        let bytes = Array(text.utf8)
        guard shaped.glyphs.count == bytes.count else { return false }
        for (i, byte) in bytes.enumerated() {
            let g = shaped.glyphs[i]
            if g.id.rawValue != glyphs[Int(byte)] || g.xAdvance != advances[Int(byte)] || g.xOffset != 0 || g.yOffset != 0
                || g.cluster != UInt32(i) { return false }
        }
        return true
    }

    /// The shaped text when every byte of `text` is a plain character, else nil.
    func shape(_ text: String) -> ShapedText? {
        var text = text
        return text.withUTF8 { shape($0) }
    }

    /// Appends the glyphs of `bytes` to `glyphs` (clusters offset by `clusterBase`) when every byte is
    /// a plain character and returns their advance; nil (nothing appended) otherwise.
    func append(_ bytes: UnsafeBufferPointer<UInt8>, to glyphs: inout [ShapedGlyph], clusterBase: UInt32) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        for byte in bytes where byte >= 128 || self.glyphs[Int(byte)] == 0 { return nil }
        var total = 0
        for (i, byte) in bytes.enumerated() {
            let advance = advances[Int(byte)]
            total += Int(advance)
            glyphs.append(ShapedGlyph(id: GlyphID(self.glyphs[Int(byte)]), cluster: clusterBase + UInt32(i), xAdvance: advance))
        }
        return total
    }

    /// The shaped text when every byte of `bytes` is a plain character, else nil.
    func shape(_ bytes: UnsafeBufferPointer<UInt8>) -> ShapedText? {
        guard !bytes.isEmpty, bytes.count <= 64 else { return nil }
        for byte in bytes where byte >= 128 || glyphs[Int(byte)] == 0 { return nil }
        var out: [ShapedGlyph] = []
        out.reserveCapacity(bytes.count)
        var total = 0
        for (i, byte) in bytes.enumerated() {
            let advance = advances[Int(byte)]
            total += Int(advance)
            out.append(ShapedGlyph(id: GlyphID(glyphs[Int(byte)]), cluster: UInt32(i), xAdvance: advance))
        }
        return ShapedText(glyphs: out, advance: total)
    }
}
