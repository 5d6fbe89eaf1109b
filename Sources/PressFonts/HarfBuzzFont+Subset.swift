internal import CHarfBuzz

extension HarfBuzzFont {
    struct SubsetOutput {
        var data: [UInt8]
        /// (old, new) for every requested glyph that made it into the subset.
        var mapping: [(UInt16, UInt16)]
    }

    /// Tables a PDF-embedded font never needs: layout (the PDF holds positioned glyphs), `cmap`
    /// (Identity-H + CIDToGIDMap/charset address glyphs directly; text extraction uses ToUnicode),
    /// `name` and `OS/2` (the PDF FontDescriptor carries names and metrics), device tables and
    /// signatures. Hinting tables (fpgm/prep/cvt/hdmx/...) go via HB_SUBSET_FLAGS_NO_HINTING.
    static let droppedTables = [
        "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "kerx", "morx", "mort", "feat",
        "name", "cmap", "OS/2", "hdmx", "VDMX", "LTSH", "gasp", "DSIG", "PCLT", "meta", "STAT",
        "vhea", "vmtx", "VORG", "trak", "EBDT", "EBLC", "EBSC", "CBDT", "CBLC", "sbix", "SVG ", "COLR", "CPAL",
    ]

    /// Builds a subset with glyph ids renumbered compactly in ascending old-id order (.notdef stays 0), or,
    /// with `retainGlyphIDs`, with every glyph keeping its id (unused ids become empty glyphs).
    /// Composite glyph components are retained (and renumbered) automatically.
    func subset(_ glyphs: [UInt16], retainGlyphIDs: Bool = false) -> Result<SubsetOutput, FontSubsetFailure> {
        guard let input = hb_subset_input_create_or_fail() else { return .failure(.init(reason: "out of memory")) }
        defer { hb_subset_input_destroy(input) }
        let glyphSet = hb_subset_input_glyph_set(input)
        hb_set_add(glyphSet, 0)
        for glyph in glyphs { hb_set_add(glyphSet, hb_codepoint_t(glyph)) }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue
                                  | (retainGlyphIDs ? HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue : 0))
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for name in HarfBuzzFont.droppedTables {
            let c = Array(name.utf8).map { CChar(bitPattern: $0) }
            hb_set_add(drop, charfbuzz_tag(c[0], c[1], c[2], c[3]))
        }
        guard let plan = hb_subset_plan_create_or_fail(face, input) else {
            return .failure(.init(reason: "hb_subset_plan_create_or_fail failed"))
        }
        defer { hb_subset_plan_destroy(plan) }
        guard let result = hb_subset_plan_execute_or_fail(plan) else {
            return .failure(.init(reason: "hb_subset_plan_execute_or_fail failed (damaged tables?)"))
        }
        defer { hb_face_destroy(result) }
        let blob = hb_face_reference_blob(result)!
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let bytes = hb_blob_get_data(blob, &length), length > 0 else {
            return .failure(.init(reason: "HarfBuzz produced an empty font"))
        }
        let data = [UInt8](UnsafeRawBufferPointer(start: bytes, count: Int(length)))
        let map = hb_subset_plan_old_to_new_glyph_mapping(plan)
        var mapping: [(UInt16, UInt16)] = []
        mapping.reserveCapacity(glyphs.count + 1)
        for old in [UInt16(0)] + glyphs {
            let new = hb_map_get(map, hb_codepoint_t(old))
            if new != hb_codepoint_t.max, new <= UInt32(UInt16.max) { mapping.append((old, UInt16(new))) }
        }
        return .success(SubsetOutput(data: data, mapping: mapping))
    }
}

struct FontSubsetFailure: Error {
    var reason: String
}
