/// A standalone subset font program of one face plus the old -> new glyph id mapping.
///
/// Built by `FontFace.subset(_:)` with hb-subset: glyph ids renumbered compactly in ascending order of
/// the original ids (`.notdef` stays 0; composite-glyph components are kept and get ids too), hinting
/// dropped, and only the tables a PDF needs (`head hhea maxp hmtx loca glyf post` for TrueType,
/// `CFF head hhea maxp hmtx post` for CFF). Same face + same glyph set -> the same bytes and tag.
public struct FontSubset: Sendable {
    /// The subset as an sfnt file: embed as `/FontFile2` (TrueType) or `/FontFile3 /Subtype /OpenType` (CFF).
    public let data: [UInt8]
    /// 6 uppercase letters derived from the font id and the glyph set; the PDF `/BaseFont` is `TAG+PostScriptName`.
    public let tag: String
    /// Outline format of the subset (same as the face's).
    public let outlineFormat: FontOutlineFormat
    /// For CFF faces: the bare `CFF ` table of the subset, for `/FontFile3 /Subtype /CIDFontType0C`
    /// (a name-keyed CFF: with `CIDFontType0`, CIDs index its charstrings directly = the new glyph ids).
    /// nil for TrueType faces.
    public let cffTable: [UInt8]?
    /// Number of glyphs in the subset font (`maxp`), including .notdef and composite components.
    public let glyphCount: Int
    let mapping: [GlyphID: GlyphID]

    /// The glyph id in the subset for `old`; `.notdef` (0) when `old` was not in the subset's glyph set.
    public func newID(for old: GlyphID) -> GlyphID { mapping[old] ?? .notdef }

    /// Every requested glyph with its new id, ordered by new id (for `/W` arrays and ToUnicode maps).
    public var mappedGlyphs: [(old: GlyphID, new: GlyphID)] {
        mapping.map { (old: $0.key, new: $0.value) }.sorted { $0.new < $1.new }
    }

    /// `TAG+PostScriptName`, the subset's PDF `/BaseFont` (PDF 32000-1 §9.6.4).
    public func baseFontName(for face: FontFace) -> String { tag + "+" + face.postScriptName }

    /// The subset tag for `glyphs` of the face `font`: 6 letters A-Z from a stable hash of both (and of the
    /// id scheme, so that the two programs of one glyph set never share a tag).
    static func tag(font: FontID, glyphs: [UInt16], keepsGlyphIDs: Bool = false) -> String {
        var hasher = StableHash()
        hasher.combine(font.fileHash)
        hasher.combine(UInt64(font.index))
        if keepsGlyphIDs { hasher.combine(UInt64.max) }
        for glyph in glyphs { hasher.combine(UInt64(glyph)) }
        var value = hasher.finalized
        var letters: [UInt8] = []
        for _ in 0..<6 {
            letters.append(UInt8(ascii: "A") + UInt8(value % 26))
            value /= 26
        }
        return String(decoding: letters, as: UTF8.self)
    }
}

extension FontFace {
    /// Subsets the face to `glyphs` (plus `.notdef`) with hb-subset; cached per glyph set, thread-safe.
    ///
    /// Glyph ids not in the font are ignored. Throws `FontError.subsetFailed` when HarfBuzz cannot
    /// build the subset (a damaged font). Typical cost: ~0.5 ms for 100 glyphs, then a cache hit.
    public func subset(_ glyphs: Set<GlyphID>) throws(FontError) -> FontSubset {
        if let cached = subsetCache.entries.withLock({ $0[glyphs] }) { return cached }
        let subset = try makeSubset(glyphs, retainGlyphIDs: false)
        subsetCache.entries.withLock { entries in
            if entries.count >= SubsetCache.capacity { entries.removeAll(keepingCapacity: true) }
            entries[glyphs] = subset
        }
        return subset
    }

    /// A subset in which every glyph keeps its id (`newID(for: g) == g`): content can then address glyphs by
    /// their ids in the face before the final glyph set is known (a PDF written page by page, see PressRender's
    /// `StreamingPDFRenderer`). Unused ids become empty glyphs, which cost a few bytes each in `loca`/`hmtx`.
    /// Not cached here: PressRender caches what it builds from the subset (compressed program, `/W`, ToUnicode)
    /// per quantised glyph set, which is all it needs again.
    public func subsetKeepingGlyphIDs(_ glyphs: Set<GlyphID>) throws(FontError) -> FontSubset {
        try makeSubset(glyphs, retainGlyphIDs: true)
    }

    private func makeSubset(_ glyphs: Set<GlyphID>, retainGlyphIDs: Bool) throws(FontError) -> FontSubset {
        let sorted = glyphs.lazy.map(\.rawValue).filter { Int($0) < self.glyphCount && $0 != 0 }.sorted()
        let output: HarfBuzzFont.SubsetOutput
        switch harfBuzz.subset(sorted, retainGlyphIDs: retainGlyphIDs) {
        case .success(let value): output = value
        case .failure(let failure): throw .subsetFailed(font: "\(postScriptName) (\(source))", reason: failure.reason)
        }
        var mapping: [GlyphID: GlyphID] = [:]
        mapping.reserveCapacity(output.mapping.count)
        for (old, new) in output.mapping { mapping[GlyphID(old)] = GlyphID(new) }
        let cff = outlineFormat == .cff ? SFNTTableReader.table("CFF ", in: output.data) : nil
        let subset = FontSubset(
            data: output.data,
            tag: FontSubset.tag(font: id, glyphs: sorted, keepsGlyphIDs: retainGlyphIDs),
            outlineFormat: outlineFormat,
            cffTable: cff,
            glyphCount: SFNTTableReader.glyphCount(in: output.data) ?? mapping.count,
            mapping: mapping)
        return subset
    }

    /// Number of glyph sets currently cached by `subset(_:)`.
    public var subsetCacheCount: Int { subsetCache.entries.withLock { $0.count } }
}
