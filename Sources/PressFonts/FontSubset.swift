/// A standalone subset font program of one face plus the old -> new glyph id mapping.
public struct FontSubset: Sendable {
    /// The subset font file (TrueType for glyf faces, OpenType/CFF for CFF faces).
    public let data: [UInt8]
    /// 6 uppercase letters derived from the font id and the glyph set (`ABCDEF+PostScriptName`).
    public let tag: String
    let mapping: [GlyphID: GlyphID]

    /// The glyph id in the subset for `old`; `.notdef` (0) when `old` was not in the subset's glyph set.
    public func newID(for old: GlyphID) -> GlyphID { mapping[old] ?? .notdef }
}
