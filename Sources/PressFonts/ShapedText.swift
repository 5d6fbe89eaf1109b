/// One positioned glyph from shaping; all distances in font units (divide by `unitsPerEm`, times size).
public struct ShapedGlyph: Sendable, Hashable {
    /// The glyph to draw.
    public var id: GlyphID
    /// UTF-8 byte offset into the shaped text of the first character this glyph represents.
    /// A ligature ("fi") has the cluster of its first character; the next glyph starts the next cluster.
    public var cluster: UInt32
    /// Horizontal advance after drawing, font units (kerning already applied).
    public var xAdvance: Int32
    /// Horizontal displacement of this glyph from the pen position, font units (mark positioning).
    public var xOffset: Int32
    /// Vertical displacement, font units, y up.
    public var yOffset: Int32

    /// Creates a shaped glyph.
    public init(id: GlyphID, cluster: UInt32, xAdvance: Int32, xOffset: Int32 = 0, yOffset: Int32 = 0) {
        self.id = id
        self.cluster = cluster
        self.xAdvance = xAdvance
        self.xOffset = xOffset
        self.yOffset = yOffset
    }
}

/// The result of shaping one string with one face.
public struct ShapedText: Sendable, Hashable {
    /// Glyphs in visual (left-to-right) order.
    public var glyphs: [ShapedGlyph]
    /// Sum of the glyphs' `xAdvance`, font units.
    public var advance: Int

    /// Creates a shaped text.
    public init(glyphs: [ShapedGlyph], advance: Int) {
        self.glyphs = glyphs
        self.advance = advance
    }

    /// Width in points at `size` points for a face with `unitsPerEm`.
    @inlinable public func width(size: Double, unitsPerEm: Int) -> Double {
        Double(advance) * size / Double(unitsPerEm)
    }
}
