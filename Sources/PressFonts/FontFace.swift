/// Outline technology of a face: decides how the PDF writer embeds it.
public enum FontOutlineFormat: Sendable, Hashable {
    /// TrueType `glyf` outlines: embed as `CIDFontType2` with `/FontFile2`.
    case trueType
    /// CFF outlines (`.otf` with `CFF `): embed as `CIDFontType0` with `/FontFile3`
    /// (`/CIDFontType0C` for the bare CFF table, or `/OpenType` for the whole subset file).
    case cff
}

/// The font's bounding box over all glyphs, font units, y up (`head` table).
public struct FontBBox: Sendable, Hashable {
    public var xMin: Int, yMin: Int, xMax: Int, yMax: Int

    /// Creates a bounding box.
    public init(xMin: Int, yMin: Int, xMax: Int, yMax: Int) {
        self.xMin = xMin; self.yMin = yMin; self.xMax = xMax; self.yMax = yMax
    }
}

/// An immutable loaded font face, shared by all workers.
///
/// Loading checks the file (table directory, FreeType, HarfBuzz) and reads names and metrics once;
/// afterwards every method is thread-safe: the HarfBuzz font is immutable and shaping uses a
/// per-call buffer, with a bounded, sharded cache of shaped strings in front (see `shape(_:language:)`).
/// Identity (`==`, `hash`) is the content-derived `id`.
public final class FontFace: Sendable, Hashable, CustomStringConvertible {
    /// Content hash of the file + face index; stable across processes.
    public let id: FontID
    /// PostScript name (`name` ID 6), e.g. `DejaVuSans-Bold`; the PDF `/BaseFont` without subset tag.
    public let postScriptName: String
    /// Family name as FreeType reports it, e.g. `DejaVu Sans`.
    public let familyName: String
    /// Style name, e.g. `Bold Oblique`.
    public let styleName: String
    /// Bold per `OS/2` fsSelection/usWeightClass >= 600 or `head` macStyle.
    public let isBold: Bool
    /// Italic or oblique per `OS/2` fsSelection or `head` macStyle.
    public let isItalic: Bool
    /// `OS/2` usWeightClass (400 regular, 700 bold) when present.
    public let weight: Int
    /// Font units per em (`head`); all metrics below are in these units.
    public let unitsPerEm: Int
    /// Typographic ascender (hhea, or OS/2 when hhea is empty), positive.
    public let ascender: Int
    /// Typographic descender, negative.
    public let descender: Int
    /// Extra line gap (hhea lineGap), >= 0. Default line height = ascender - descender + lineGap.
    public let lineGap: Int
    /// Height of capital letters (`OS/2` sCapHeight, else the `H` glyph's top, else 70 % of the em).
    public let capHeight: Int
    /// Height of lowercase x (`OS/2` sxHeight, else the `x` glyph's top, else 50 % of the em).
    public let xHeight: Int
    /// Italic angle in degrees counter-clockwise from vertical (`post`), e.g. -11 for an oblique.
    public let italicAngle: Double
    /// Bounding box of all glyphs (`head`).
    public let bbox: FontBBox
    /// Monospaced (`post` isFixedPitch).
    public let isFixedPitch: Bool
    /// `.trueType` (glyf) or `.cff`.
    public let outlineFormat: FontOutlineFormat
    /// Number of glyphs (`maxp`).
    public let glyphCount: Int
    /// The complete font file bytes (for a collection: the whole `.ttc`).
    public let data: [UInt8]
    /// Face index inside the file.
    public let faceIndex: Int
    /// Where the face was loaded from (a path, or the name given to `init(data:index:name:)`).
    public let source: String

    let harfBuzz: HarfBuzzFont
    let plainShaper: PlainShaper
    let shapeCache: ShapeCache
    let subsetCache: SubsetCache

    /// Loads face `index` of the font file bytes `data`; `name` is used in errors (usually the path).
    ///
    /// Throws `FontError` (`.corrupt`, `.truncated`, `.unsupported`, `.noSuchFace`) naming `name`;
    /// never crashes on garbage.
    public init(data: [UInt8], index: Int = 0, name: String) throws(FontError) {
        let directory = try SFNTDirectory.parse(data, index: index, file: name)
        let info = try FontMetricsReader.describe(data, index: index, file: name)
        let harfBuzz = try HarfBuzzFont(bytes: data, index: index, file: name)
        self.id = FontID(fileHash: StableHash.hash(data), index: index)
        self.postScriptName = info.postScriptName
        self.familyName = info.familyName
        self.styleName = info.styleName
        self.isBold = info.isBold
        self.isItalic = info.isItalic
        self.weight = info.weight
        self.unitsPerEm = info.unitsPerEm
        self.ascender = info.ascender
        self.descender = info.descender
        self.lineGap = info.lineGap
        self.italicAngle = info.italicAngle
        self.bbox = info.bbox
        self.isFixedPitch = info.isFixedPitch
        self.outlineFormat = directory.isCFF ? .cff : .trueType
        self.glyphCount = harfBuzz.glyphCount
        self.data = data
        self.faceIndex = index
        self.source = name
        self.harfBuzz = harfBuzz
        self.plainShaper = PlainShaper(measuring: harfBuzz)
        self.shapeCache = ShapeCache()
        self.subsetCache = SubsetCache()
        self.capHeight = info.capHeight
            ?? FontFace.glyphTop(harfBuzz, "H") ?? info.unitsPerEm * 7 / 10
        self.xHeight = info.xHeight
            ?? FontFace.glyphTop(harfBuzz, "x") ?? info.unitsPerEm / 2
    }

    /// The glyph the font's `cmap` maps `scalar` to; nil when the font lacks it (never `.notdef`).
    public func glyph(for scalar: Unicode.Scalar) -> GlyphID? {
        guard let glyph = harfBuzz.nominalGlyph(scalar.value), glyph != 0, glyph <= UInt32(UInt16.max) else { return nil }
        return GlyphID(UInt16(glyph))
    }

    /// Whether every scalar of `text` has a glyph (ignoring controls and default-ignorables like ZWJ).
    public func covers(_ text: String) -> Bool {
        for scalar in text.unicodeScalars where glyph(for: scalar) == nil {
            if scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .control { continue }
            return false
        }
        return true
    }

    /// Horizontal advance of `glyph` from `hmtx`, font units (0 for an id beyond the font).
    public func advance(of glyph: GlyphID) -> Int {
        guard Int(glyph.rawValue) < glyphCount else { return 0 }
        return Int(harfBuzz.advance(UInt32(glyph.rawValue)))
    }

    /// The raw bytes of an sfnt table (e.g. `"CFF "`, `"OS/2"`), nil when absent.
    public func table(_ tag: String) -> [UInt8]? {
        guard tag.utf8.count == 4 else { return nil }
        return harfBuzz.table(tag)
    }

    /// The ASCII characters this face shapes without HarfBuzz (see `shape(_:language:)`), for diagnostics.
    public var plainShapingCharacters: String { plainShaper.plainCharacters }

    public static func == (lhs: FontFace, rhs: FontFace) -> Bool { lhs.id == rhs.id }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public var description: String { "\(postScriptName) (\(familyName) \(styleName), \(id))" }

    private static func glyphTop(_ font: HarfBuzzFont, _ character: Unicode.Scalar) -> Int? {
        guard let glyph = font.nominalGlyph(character.value) else { return nil }
        return font.extentsTop(glyph)
    }
}
