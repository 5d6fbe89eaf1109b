import PressFonts
import PressLayout

/// The glyphs one PDF uses from one font face, with the text each glyph stands for (from the
/// runs' clusters), collected in a single pass over the pages.
struct FontUsage {
    let face: FontFace
    /// Old glyph id -> 1 when seen (0: not yet). Flat, so the per-glyph check is one load; zero-filled
    /// allocation is cheap. The renderer marks padding glyphs with 2.
    var slots: [UInt8]
    /// Used glyphs in first-use order with their text.
    var entries: [(glyph: UInt16, text: String)] = []
    /// ``GlyphGroups`` of the characters used; drives the glyph-set quantisation.
    var groups: Set<UInt32> = []

    init(face: FontFace) {
        self.face = face
        slots = [UInt8](repeating: 0, count: max(1, face.glyphCount))
    }

    /// Records every glyph of `run`; computes a glyph's text only the first time it is seen.
    mutating func add(_ run: TextRun) {
        let glyphs = run.glyphs
        let count = glyphs.count
        // Most runs use only glyphs seen before: find the first new one with plain loads (no bounds
        // checks, no writes) before the loop that records.
        let firstNew = glyphs.withUnsafeBufferPointer { g in
            slots.withUnsafeBufferPointer { seen -> Int in
                for k in 0..<g.count {
                    let id = Int(g[k].id.rawValue)
                    if id < seen.count && seen[id] == 0 { return k }
                }
                return g.count
            }
        }
        var i = firstNew
        while i < count {
            let g = Int(glyphs[i].id.rawValue)
            if g < slots.count && slots[g] == 0 {
                slots[g] = 1
                let text = clusterText(of: i, in: run)
                for scalar in text.unicodeScalars { groups.insert(GlyphGroups.group(of: scalar)) }
                entries.append((UInt16(g), text))
            }
            i += 1
        }
    }

    /// Records one glyph with its text (a glyph already seen keeps its first text).
    mutating func add(glyph g: UInt16, text: String) {
        guard Int(g) < slots.count, slots[Int(g)] == 0 else { return }
        slots[Int(g)] = 1
        for scalar in text.unicodeScalars { groups.insert(GlyphGroups.group(of: scalar)) }
        entries.append((g, text))
    }

    /// The text glyph `index` stands for. Usually its whole cluster: from its cluster offset to
    /// the next larger cluster offset in the run (or the end of the text), which gives ligatures
    /// ("ﬁ" -> "fi") their full text. When several glyphs share a cluster (a base letter and a
    /// combining mark the font could not compose), each glyph gets the character that the font's
    /// cmap maps to it, so a plain "e" is never mapped to "é" for the whole document.
    func clusterText(of index: Int, in run: TextRun) -> String {
        let glyphs = run.glyphs
        let cluster = glyphs[index].cluster
        let shared = (index > 0 && glyphs[index - 1].cluster == cluster)
            || (index + 1 < glyphs.count && glyphs[index + 1].cluster == cluster)
        let start = Int(cluster)
        let utf8 = run.text.utf8
        var end = utf8.count
        for g in glyphs where Int(g.cluster) > start && Int(g.cluster) < end { end = Int(g.cluster) }
        guard start < end, end <= utf8.count else { return "" }
        let from = utf8.index(utf8.startIndex, offsetBy: start)
        let to = utf8.index(from, offsetBy: end - start)
        let text = String(decoding: utf8[from..<to], as: UTF8.self)
        guard shared else { return text }
        let glyph = glyphs[index].id
        for scalar in text.unicodeScalars where face.glyph(for: scalar) == glyph { return String(scalar) }
        return ""
    }
}

/// Identifies one prepared (subset, compressed) font: the face, the quantised glyph set and the
/// text of every glyph. Everything written for the font is a pure function of this key, so the
/// cache never changes output bytes.
struct FontKey: Hashable, Sendable {
    let font: FontID
    /// The subset keeps the face's glyph ids (`PreparedFont(keepingGlyphIDs:)`): another program than the
    /// compact one for the same glyphs.
    var keepsGlyphIDs = false
    /// Sorted old glyph ids.
    let glyphs: [UInt16]
    /// Text per glyph, aligned with `glyphs`.
    let texts: [String]

    /// Hashes the face and the glyph ids only: the texts nearly always follow from the glyphs, and
    /// hashing ~200 strings per document and font (Unicode-normalising ones) cost more than the
    /// lookup. Equality still compares the texts, so keys with other texts are still other fonts.
    func hash(into hasher: inout Hasher) {
        hasher.combine(font)
        hasher.combine(keepsGlyphIDs)
        hasher.combine(glyphs)
    }
}
