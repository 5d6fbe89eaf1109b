internal import CHarfBuzz

/// Owns an immutable HarfBuzz face + font over a private copy of the font bytes.
///
/// `@unchecked Sendable` because HarfBuzz documents `hb_face_t`/`hb_font_t` as safe for concurrent
/// use once made immutable (`hb_face_make_immutable`, `hb_font_make_immutable`): lazily loaded
/// tables and accelerators are published atomically, and each shaping call brings its own
/// `hb_buffer_t`. Nothing in this class mutates the handles after `init`.
final class HarfBuzzFont: @unchecked Sendable {
    let blob: OpaquePointer
    let face: OpaquePointer
    let font: OpaquePointer
    let glyphCount: Int

    init(bytes: [UInt8], index: Int, file: String) throws(FontError) {
        // DUPLICATE: HarfBuzz keeps its own copy, so the Swift array may move or die freely.
        guard let blob = bytes.withUnsafeBufferPointer({ buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                hb_blob_create_or_fail($0.baseAddress, UInt32($0.count), HB_MEMORY_MODE_DUPLICATE, nil, nil)
            }
        }) else { throw .unreadable(file: file, reason: "out of memory copying the font into HarfBuzz") }
        let face = hb_face_create(blob, UInt32(index))!
        let count = Int(hb_face_get_glyph_count(face))
        if count == 0 {
            hb_face_destroy(face)
            hb_blob_destroy(blob)
            throw .corrupt(file: file, reason: "HarfBuzz finds no glyphs in face \(index) (damaged 'maxp' table?)")
        }
        hb_face_make_immutable(face)
        let font = hb_font_create(face)!
        // Scale = unitsPerEm (HarfBuzz's default) so every advance and offset comes out in font units.
        let upem = Int32(hb_face_get_upem(face))
        hb_font_set_scale(font, upem, upem)
        hb_font_make_immutable(font)
        self.blob = blob
        self.face = face
        self.font = font
        self.glyphCount = count
    }

    deinit {
        hb_font_destroy(font)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    func nominalGlyph(_ scalar: UInt32) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar, &glyph) != 0 ? glyph : nil
    }

    func advance(_ glyph: UInt32) -> Int32 { hb_font_get_glyph_h_advance(font, glyph) }

    /// Shapes UTF-8 text with the font's default features (OpenType `kern`, `liga`, `clig`, marks ...).
    func shape(_ text: String, language: String?) -> ShapedText {
        // A fresh buffer per call (pooling buffers measured only ~3 % faster: glibc malloc is cheap).
        let buffer = hb_buffer_create()!
        defer { hb_buffer_destroy(buffer) }
        var text = text
        text.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) {
                hb_buffer_add_utf8(buffer, $0.baseAddress, Int32($0.count), 0, Int32($0.count))
            }
        }
        if let language { hb_buffer_set_language(buffer, hb_language_from_string(language, -1)) }
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count),
              let positions = hb_buffer_get_glyph_positions(buffer, &count), count > 0
        else { return ShapedText(glyphs: [], advance: 0) }
        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(Int(count))
        var total = 0
        for i in 0..<Int(count) {
            let info = infos[i]
            let position = positions[i]
            total += Int(position.x_advance)
            glyphs.append(ShapedGlyph(
                id: GlyphID(UInt16(truncatingIfNeeded: info.codepoint)),
                cluster: info.cluster,
                xAdvance: position.x_advance,
                xOffset: position.x_offset,
                yOffset: position.y_offset))
        }
        return ShapedText(glyphs: glyphs, advance: total)
    }

    func table(_ tag: String) -> [UInt8]? {
        let chars = Array(tag.utf8)
        let blob = hb_face_reference_table(face, charfbuzz_tag(CChar(chars[0]), CChar(chars[1]), CChar(chars[2]), CChar(chars[3])))!
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return nil }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(length)).bindMemory(to: UInt8.self))
    }
}

extension HarfBuzzFont {
    /// Top of a glyph's ink box, font units (nil when it has no outline).
    func extentsTop(_ glyph: UInt32) -> Int? {
        var extents = hb_glyph_extents_t()
        guard hb_font_get_glyph_extents(font, glyph, &extents) != 0, extents.height != 0 else { return nil }
        return Int(extents.y_bearing)
    }
}

