/// Character groups used to quantise glyph sets: when a document uses one character of a group,
/// the font subset gets the glyphs of the whole group. Groups follow what business documents use
/// together (ASCII classes, German umlauts, Polish letters, acute vowels, …), so documents in the
/// same language share one prepared font, while a font used for a few headings does not carry
/// 200 glyphs it never shows. Characters outside the table fall into 16-code-point blocks.
enum GlyphGroups {
    /// The group of each listed character, in list order (a character's first group wins).
    static let table: [[Unicode.Scalar]] = [
        " 0123456789.,-:/%()+",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "abcdefghijklmnopqrstuvwxyz",
        "!\"#$&'*;<=>?@[\\]^_`{|}~",
        "ÄÖÜäöüß",
        "áéíóúÁÉÍÓÚ",
        "ñÑ¿¡",
        "ĄĆĘŁŃŚŹŻąćęłńśźż",
        "àâçèêëîïôùûÿœæÀÂÇÈÊËÎÏÔÙÛŸŒÆ",
        "åøÅØ",
        "€°§",
        "–—„“”‘’«»",
        "…•·×±",
    ].map { Array($0.unicodeScalars) }

    /// Group ids >= this are 16-code-point blocks: `blockBase + scalar >> 4`.
    static let blockBase: UInt32 = 1 << 20

    private static let lookup: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        for (index, members) in table.enumerated() {
            for scalar in members where map[scalar.value] == nil { map[scalar.value] = UInt32(index) }
        }
        return map
    }()

    /// Fast path for ASCII and Latin-1/Extended-A (the common case): a flat array.
    private static let flat: [UInt32] = {
        var array = [UInt32](repeating: UInt32.max, count: 0x250)
        for (value, group) in lookup where value < 0x250 { array[Int(value)] = group }
        return array
    }()

    /// The group of `scalar`.
    @inline(__always)
    static func group(of scalar: Unicode.Scalar) -> UInt32 {
        let v = scalar.value
        if v < 0x250 {
            let g = flat[Int(v)]
            if g != UInt32.max { return g }
        } else if let g = lookup[v] {
            return g
        }
        return blockBase + (v >> 4)
    }

    /// The characters of a group (for blocks: the 16 code points, unassigned ones skipped by the caller).
    static func members(of group: UInt32) -> [Unicode.Scalar] {
        if group < blockBase { return table[Int(group)] }
        let start = (group - blockBase) << 4
        return (start..<(start + 16)).compactMap(Unicode.Scalar.init)
    }
}
