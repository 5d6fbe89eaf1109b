import PressFonts
import PressPDF

/// A font ready to be written into any PDF: subset program and ToUnicode CMap already
/// compressed, `/W` array serialised, and flat lookup tables for content generation.
/// Immutable and shared across documents and workers through ``PDFRenderer``'s cache.
final class PreparedFont: Sendable {
    let baseFont: Name
    let outlineFormat: FontOutlineFormat
    /// True when every CID fits in one byte: with ``FontEncoding/oneByte`` written with ``OneByteIdentityCMap``.
    let singleByte: Bool
    /// zlib-compressed font program (TrueType subset, or the OpenType subset for CFF faces).
    let fontFile: [UInt8]
    /// Uncompressed length of the font program (`/Length1`).
    let fontFileLength: Int
    let widths: CIDWidths
    let defaultWidth: Int
    /// zlib-compressed ToUnicode CMap for two-byte codes (Identity-H).
    let toUnicode: [UInt8]
    /// zlib-compressed ToUnicode CMap for one-byte codes; empty unless `singleByte`.
    let toUnicodeOneByte: [UInt8]
    /// Old glyph id -> CID (new glyph id in the subset; the glyph id itself when the subset keeps ids); 0 for
    /// glyphs not in a compact subset.
    let cids: [UInt16]
    /// Old glyph id -> the width the PDF uses for it, 1/1000 em (the face's shared table).
    let pdfWidths: [Int32]
    // Descriptor values, 1/1000 em.
    let flags: FontFlags
    let bbox: PressPDF.Rect
    let italicAngle: Double
    let ascent: Double
    let descent: Double
    let capHeight: Double
    let stemV: Double

    /// `keepingGlyphIDs`: the subset keeps the face's glyph ids, so the CIDs are the glyph ids (content written
    /// with `GlyphCodes(identityFor:)` before the glyph set was known); else ids are renumbered compactly.
    /// `codes`: the face's shared identity tables. Widths do not depend on the subset and identity CIDs not on
    /// anything, so a cached font holds only what is its own (a compact font's CID table): with ~6,000-glyph
    /// faces, two full tables per cached font had been 36 KB each, and the cache grew by that over long runs.
    init(face: FontFace, key: FontKey, keepingGlyphIDs: Bool = false, codes: GlyphCodes) throws(RenderError) {
        var glyphSet = Set<GlyphID>()
        glyphSet.reserveCapacity(key.glyphs.count)
        for g in key.glyphs { glyphSet.insert(GlyphID(g)) }
        let subset: FontSubset
        do {
            subset = keepingGlyphIDs ? try face.subsetKeepingGlyphIDs(glyphSet) : try face.subset(glyphSet)
        } catch {
            throw RenderError(code: .fontSubset, message: "cannot subset \(face.postScriptName)", cause: error)
        }
        baseFont = Name(subset.baseFontName(for: face))
        outlineFormat = face.outlineFormat
        fontFileLength = subset.data.count
        fontFile = Deflate.compress(subset.data, level: 9)

        let scale = 1000.0 / Double(face.unitsPerEm)
        var cids = keepingGlyphIDs ? [] : [UInt16](repeating: 0, count: max(1, face.glyphCount))
        var widthList: [(cid: UInt16, width: Int)] = []
        var mappings: [(cid: UInt16, text: String)] = []
        widthList.reserveCapacity(key.glyphs.count + 1)
        mappings.reserveCapacity(key.glyphs.count)
        var histogram: [Int: Int] = [:]
        for (index, g) in key.glyphs.enumerated() {
            let cid = subset.newID(for: GlyphID(g)).rawValue
            let width = PreparedFont.pdfWidth(face, GlyphID(g), scale: scale)
            if !keepingGlyphIDs { cids[Int(g)] = cid }
            widthList.append((cid, width))
            histogram[width, default: 0] += 1
            mappings.append((cid, key.texts[index]))
        }
        // .notdef keeps its own width too (it is drawn for unmapped glyphs).
        let notdefWidth = PreparedFont.pdfWidth(face, .notdef, scale: scale)
        widthList.append((0, notdefWidth))
        // The most frequent width becomes /DW, so /W lists only the others. Ties: the smaller width.
        let dw = histogram.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key ?? 1000
        defaultWidth = dw
        widths = CIDWidths(widthList, defaultWidth: dw)
        self.cids = keepingGlyphIDs ? codes.cids : cids
        self.pdfWidths = codes.pdfWidths
        singleByte = subset.glyphCount <= 256
        toUnicode = Deflate.compress(ToUnicodeCMap(mappings, codeBytes: 2).bytes, level: 9)
        toUnicodeOneByte = singleByte ? Deflate.compress(ToUnicodeCMap(mappings, codeBytes: 1).bytes, level: 9) : []

        var flags: FontFlags = [.symbolic]
        if face.isItalic { flags.insert(.italic) }
        if face.isFixedPitch { flags.insert(.fixedPitch) }
        self.flags = flags
        bbox = PressPDF.Rect(x1: Double(face.bbox.xMin) * scale, y1: Double(face.bbox.yMin) * scale,
                             x2: Double(face.bbox.xMax) * scale, y2: Double(face.bbox.yMax) * scale)
        italicAngle = face.italicAngle
        ascent = (Double(face.ascender) * scale).rounded()
        descent = (Double(face.descender) * scale).rounded()
        capHeight = (Double(face.capHeight) * scale).rounded()
        // No stem width in TrueType; the usual estimate from the weight class (as in pdf.js / typst).
        stemV = (10 + 220 * Double(max(0, face.weight - 50)) / 900).rounded()
    }

    /// A glyph's advance as the PDF's `/W` states it: 1/1000 em, rounded. Content writers position glyphs
    /// with the same value, so the two always agree.
    static func pdfWidth(_ face: FontFace, _ glyph: GlyphID, scale: Double) -> Int {
        Int((Double(face.advance(of: glyph)) * scale).rounded())
    }
}

/// Codes and widths for writing a face's glyphs with CID = glyph id, before the glyph set of the PDF is
/// known (its subset then keeps glyph ids). One table per face, shared.
final class GlyphCodes: Sendable {
    let cids: [UInt16]
    let pdfWidths: [Int32]

    init(identityFor face: FontFace) {
        let count = max(1, min(face.glyphCount, Int(UInt16.max) + 1))
        let scale = 1000.0 / Double(face.unitsPerEm)
        cids = (0..<count).map { UInt16($0) }
        pdfWidths = (0..<count).map { Int32(PreparedFont.pdfWidth(face, GlyphID(UInt16($0)), scale: scale)) }
    }
}
