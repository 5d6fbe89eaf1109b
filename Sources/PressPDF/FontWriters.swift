// Typed writers for composite fonts (§9.7): Type0 + CIDFont + FontDescriptor + font program.

extension PDFWriter {
    /// Writes a Type 0 (composite) font (§9.7.6). `/Type /Font /Subtype /Type0`.
    public mutating func type0Font(_ ref: ObjectRef, _ body: (inout Type0FontWriter) -> Void) {
        dictObject(ref, Type0FontWriter.self) { w in
            w.dict.raw("/Type", "/Font/Subtype/Type0")
            body(&w)
        }
    }

    /// Writes a CIDFont (§9.7.4). `/Type /Font`; set the subtype with ``CIDFontWriter/subtype(_:)``.
    public mutating func cidFont(_ ref: ObjectRef, _ body: (inout CIDFontWriter) -> Void) {
        dictObject(ref, CIDFontWriter.self) { w in
            w.dict.raw("/Type", "/Font")
            body(&w)
        }
    }

    /// Writes a font descriptor (§9.8). `/Type /FontDescriptor`.
    public mutating func fontDescriptor(_ ref: ObjectRef, _ body: (inout FontDescriptorWriter) -> Void) {
        dictObject(ref, FontDescriptorWriter.self) { w in
            w.dict.raw("/Type", "/FontDescriptor")
            body(&w)
        }
    }

    /// Writes a TrueType font program stream for `/FontFile2` (§9.9). `/Length1` is the
    /// uncompressed length of the program (required for FontFile2).
    public mutating func fontFile2(_ ref: ObjectRef, _ data: StreamData, uncompressedLength: Int) {
        streamObject(ref, data, GenericDict.self) { w in w.dict.int("/Length1", uncompressedLength) }
    }

    /// Writes a font program stream for `/FontFile3` (§9.9, PDF 1.2+) with its subtype.
    public mutating func fontFile3(_ ref: ObjectRef, _ data: StreamData, subtype: FontFile3Subtype) {
        streamObject(ref, data, GenericDict.self) { w in
            switch subtype {
            case .cidFontType0C: w.dict.raw("/Subtype", "/CIDFontType0C")
            case .openType: w.dict.raw("/Subtype", "/OpenType")
            }
        }
    }

    /// Writes an embedded CMap stream for a Type 0 font's `/Encoding` (§9.7.5.3): `/Type /CMap`,
    /// its name and `/CIDSystemInfo (Adobe) (Identity) 0`, matching the CIDFont's.
    public mutating func encodingCMap(_ ref: ObjectRef, _ data: StreamData, name: Name) {
        streamObject(ref, data, GenericDict.self) { w in
            w.dict.raw("/Type", "/CMap")
            w.dict.name("/CMapName", name)
            w.dict.buf.appendASCII("/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>")
        }
    }

    /// Writes a ToUnicode CMap stream (§9.10.3) so text extraction maps CIDs to Unicode.
    public mutating func toUnicodeCMap(_ ref: ObjectRef, _ data: StreamData) {
        streamObject(ref, data, GenericDict.self) { _ in }
    }
}

/// The font program format of a `/FontFile3` stream (§9.9, Table 126).
public enum FontFile3Subtype: Sendable {
    /// A bare CFF CIDFont program. PDF 1.3+.
    case cidFontType0C
    /// A complete OpenType font (with CFF outlines). PDF 1.6+.
    case openType
}

/// Writer for a Type 0 font dictionary.
public struct Type0FontWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/BaseFont`: for a subset, `ABCDEF+PostScriptName` (§9.6.4). Required.
    public mutating func baseFont(_ name: Name) { dict.name("/BaseFont", name) }
    /// `/Encoding /Identity-H`: 2-byte codes equal to CIDs, horizontal writing (§9.7.5.2).
    public mutating func encodingIdentityH() { dict.raw("/Encoding", "/Identity-H") }
    /// `/Encoding`: an embedded CMap stream, e.g. ``OneByteIdentityCMap`` (§9.7.5.3).
    public mutating func encoding(_ cmap: ObjectRef) { dict.ref("/Encoding", cmap) }
    /// `/DescendantFonts`: the one CIDFont. Required.
    public mutating func descendantFont(_ ref: ObjectRef) {
        dict.arrayEntry("/DescendantFonts") { $0.ref(ref) }
    }
    /// `/ToUnicode`: the CMap stream for text extraction. PDF 1.2+.
    public mutating func toUnicode(_ ref: ObjectRef) { dict.ref("/ToUnicode", ref) }
}

/// The kind of CIDFont (§9.7.4.1).
public enum CIDFontSubtype: Sendable {
    /// CFF-based glyph descriptions (`/CIDFontType0`, program in FontFile3).
    case type0
    /// TrueType-based glyph descriptions (`/CIDFontType2`, program in FontFile2).
    case type2
}

/// Writer for a CIDFont dictionary.
public struct CIDFontWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Subtype`: `/CIDFontType0` or `/CIDFontType2`. Required.
    public mutating func subtype(_ kind: CIDFontSubtype) {
        switch kind {
        case .type0: dict.raw("/Subtype", "/CIDFontType0")
        case .type2: dict.raw("/Subtype", "/CIDFontType2")
        }
    }
    /// `/BaseFont`: same name as the Type 0 font's. Required.
    public mutating func baseFont(_ name: Name) { dict.name("/BaseFont", name) }
    /// `/CIDSystemInfo`: default `(Adobe) (Identity) 0`, what Identity-H fonts use. Required.
    public mutating func systemInfo(registry: String = "Adobe", ordering: String = "Identity", supplement: Int = 0) {
        dict.buf.appendASCII("/CIDSystemInfo<</Registry")
        PDFString(registry).write(to: &dict.buf)
        dict.buf.appendASCII("/Ordering")
        PDFString(ordering).write(to: &dict.buf)
        dict.buf.appendASCII("/Supplement ")
        dict.buf.appendInt(supplement)
        dict.buf.appendASCII(">>")
    }
    /// `/FontDescriptor`. Required.
    public mutating func fontDescriptor(_ ref: ObjectRef) { dict.ref("/FontDescriptor", ref) }
    /// `/DW`: the width of CIDs not in `/W`, in 1/1000 text space units. Default 1000.
    public mutating func defaultWidth(_ width: Double) { dict.real("/DW", width) }
    /// `/W`: individual glyph widths (§9.7.4.3), pre-built (and cacheable) with ``CIDWidths``.
    public mutating func widths(_ widths: CIDWidths) {
        guard !widths.isEmpty else { return }
        dict.buf.appendASCII("/W")
        dict.buf.append(contentsOf: widths.bytes)
    }
    /// `/CIDToGIDMap /Identity`: CID n is glyph n (CIDFontType2 only; PDF/A requires the entry).
    public mutating func cidToGIDMapIdentity() { dict.raw("/CIDToGIDMap", "/Identity") }
}

/// Font descriptor flags (§9.8.2, Table 123).
public struct FontFlags: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// All glyphs have the same width.
    public static let fixedPitch = FontFlags(rawValue: 1 << 0)
    /// Glyphs have serifs.
    public static let serif = FontFlags(rawValue: 1 << 1)
    /// Contains glyphs outside the Adobe standard Latin set (set for CID fonts in practice).
    public static let symbolic = FontFlags(rawValue: 1 << 2)
    /// Glyphs resemble cursive handwriting.
    public static let script = FontFlags(rawValue: 1 << 3)
    /// Uses the Adobe standard Latin character set (exclusive with `symbolic`).
    public static let nonsymbolic = FontFlags(rawValue: 1 << 5)
    /// Glyphs have dominant vertical strokes that are slanted.
    public static let italic = FontFlags(rawValue: 1 << 6)
    /// No lowercase letters.
    public static let allCap = FontFlags(rawValue: 1 << 16)
    /// Lowercase letters are small capitals.
    public static let smallCap = FontFlags(rawValue: 1 << 17)
    /// Bold glyphs are painted with extra pixels at small sizes.
    public static let forceBold = FontFlags(rawValue: 1 << 18)
}

/// Writer for a font descriptor. Metrics are in glyph space units of 1/1000 em.
public struct FontDescriptorWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/FontName`: same as the font's `/BaseFont`. Required.
    public mutating func fontName(_ name: Name) { dict.name("/FontName", name) }
    /// `/Flags`. Required.
    public mutating func flags(_ flags: FontFlags) { dict.int("/Flags", flags.rawValue) }
    /// `/FontBBox`: the union of all glyph bounding boxes. Required.
    public mutating func bbox(_ rect: Rect) { dict.entry("/FontBBox", rect) }
    /// `/ItalicAngle`: degrees counter-clockwise from vertical (negative for right-leaning). Required.
    public mutating func italicAngle(_ angle: Double) { dict.real("/ItalicAngle", angle) }
    /// `/Ascent`: maximum height above the baseline. Required.
    public mutating func ascent(_ v: Double) { dict.real("/Ascent", v) }
    /// `/Descent`: maximum depth below the baseline (negative). Required.
    public mutating func descent(_ v: Double) { dict.real("/Descent", v) }
    /// `/CapHeight`: height of flat capital letters. Required for Latin fonts.
    public mutating func capHeight(_ v: Double) { dict.real("/CapHeight", v) }
    /// `/StemV`: thickness of dominant vertical stems. Required.
    public mutating func stemV(_ v: Double) { dict.real("/StemV", v) }
    /// `/FontFile2`: TrueType program stream. PDF 1.1+.
    public mutating func fontFile2(_ ref: ObjectRef) { dict.ref("/FontFile2", ref) }
    /// `/FontFile3`: CFF or OpenType program stream. PDF 1.2+.
    public mutating func fontFile3(_ ref: ObjectRef) { dict.ref("/FontFile3", ref) }
}

/// A CMap with one-byte codes 0…255 mapping to CIDs 0…255 (§9.7.5.4). Fonts whose subset has
/// at most 256 glyphs are written with it, so content streams carry one byte per glyph
/// instead of Identity-H's two (smaller files).
public enum OneByteIdentityCMap {
    /// The CMap's name, for `/CMapName`.
    public static let name: Name = "Presswork-OneByte-Identity"
    /// The CMap program.
    public static let bytes: [UInt8] = Array("""
        /CIDInit/ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>def
        /CMapName/Presswork-OneByte-Identity def
        /CMapType 1 def
        1 begincodespacerange
        <00><FF>
        endcodespacerange
        1 begincidrange
        <00><FF>0
        endcidrange
        endcmap
        CMapName currentdict/CMap defineresource pop
        end
        end

        """.utf8)
}
