internal import CFreeType

/// Loads a standalone font program (e.g. a subset) with FreeType and reports what it contains.
/// Used to verify subsets independently of HarfBuzz (tests, diagnostics).
enum FontProgramInspector {
    struct Report {
        var glyphCount: Int
        /// Outline point count per glyph id (0 for empty glyphs such as space).
        var outlinePoints: [Int]
        var advances: [Int]
    }

    static func inspect(_ bytes: [UInt8]) -> Report? {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return nil }
        defer { FT_Done_FreeType(library) }
        return bytes.withUnsafeBufferPointer { buffer -> Report? in
            var face: FT_Face?
            guard FT_New_Memory_Face(library, buffer.baseAddress, FT_Long(buffer.count), 0, &face) == 0, let face else { return nil }
            defer { FT_Done_Face(face) }
            let count = Int(face.pointee.num_glyphs)
            var points: [Int] = []
            var advances: [Int] = []
            for glyph in 0..<count {
                guard FT_Load_Glyph(face, FT_UInt(glyph), Int32(FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING)) == 0 else {
                    points.append(-1); advances.append(-1); continue
                }
                let slot = face.pointee.glyph.pointee
                points.append(Int(slot.outline.n_points))
                advances.append(Int(slot.advance.x))
            }
            return Report(glyphCount: count, outlinePoints: points, advances: advances)
        }
    }
}
