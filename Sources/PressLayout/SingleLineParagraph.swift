// Fast path for the commonest paragraph of a business document: one short span on one line.
internal import PressFonts

extension LayoutContext {
    /// The single line of `paragraph` when it is one plain span that fits `width`; nil otherwise
    /// (the caller then takes the general path: inline items, line breaking, `setLine`).
    ///
    /// Table cells are nearly all like this (amounts, quantities, units, short descriptions): building
    /// Knuth–Plass items, pieces and per-line arrays for them was a third of the layout time. The line
    /// returned is exactly what the general path produces — same words shaped (so the same cache
    /// entries), same glue, the same floating-point sums in the same order — so output bytes do not
    /// change. Anything the break scanner treats specially (tabs, line breaks, soft or breaking
    /// hyphens, ideographs, leading/trailing/double spaces, a space before closing punctuation,
    /// glyphs missing from the face) bails out before any side effect other than cached shaping.
    func singleLine(of paragraph: Paragraph, entry: ParagraphStyleEntry, width: Double) throws(LayoutError) -> LineBox? {
        guard paragraph.spans.count == 1 else { return nil }
        let span = paragraph.spans[0]
        guard !span.hasOverrides else { return nil }
        let text: String
        switch span.content {
        case .text(let t): text = t
        case .pageNumber: text = String(pageNumber)
        case .pageCount:
            guard let pageCount else { return nil }   // the general path records the unknown count
            text = String(pageCount)
        case .carriedForward: text = carriedForward ?? ""
        }
        let slot = span.style == nil ? entry.slot : try spanSlot(span.style, overrides: nil, in: entry).slot
        // Fields are read through `entry` (a `let` of a class): copying the whole `ResolvedStyle` out
        // cost a memmove and a retain per cell.
        let otherWidth = max(1, width - entry.resolved.leftIndent - entry.resolved.rightIndent)
        let firstWidth = max(1, otherWidth - entry.resolved.firstLineIndent)
        let indent = entry.resolved.leftIndent + entry.resolved.firstLineIndent

        guard slot.size > 0, entry.slot.size > 0 else { return nil }   // metrics as the general path takes them
        if text.isEmpty {
            // No boxes: the line takes the height of the paragraph's own slot.
            return LineBox(height: entry.resolved.lineAdvance(forSize: entry.slot.size), items: [])
        }
        let result: LineBox?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let count = Self.plainWordCount(bytes) else { return nil }
            if count == 1 {
                return setSingleWord(text, bytes: bytes, slot: slot, entry: entry, width: firstWidth, indent: indent)
            }
            var words: [Range<Int>] = []
            words.reserveCapacity(count)
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x20 {
                words.append(start..<i)
                start = i + 1
            }
            words.append(start..<bytes.count)
            return setSingleLine(text: text, bytes: bytes, words: words, slot: slot, entry: entry,
                                 width: firstWidth, indent: indent)
        }
        return result ?? nil
    }

    /// The number of words of `bytes` separated by single spaces (U+0020), or nil when the general
    /// scanner would do anything else with this text (see `scan` in InlineContent.swift). Counts
    /// instead of collecting ranges: most cells are one word, and an array per cell showed in profiles.
    private static func plainWordCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var count = 1
        var start = 0
        var i = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x2E && b < 0x80 || b >= 0x21 && b < 0x2D {   // ASCII other than space, controls, '-'
                i += 1
                continue
            }
            let (scalar, length) = decode(bytes, at: i)
            let next = i + length
            switch scalar.value {
            case 0x20:
                // Not leading, trailing or doubled, and not before closing punctuation ("word !").
                guard i > start, next < n, bytes[next] != 0x20, !isClosingPunctuation(decode(bytes, at: next).0) else {
                    return nil
                }
                count += 1
                start = next
            case 0x2D:
                // Inside a word and before a letter the scanner adds a break opportunity.
                if i > start, next < n, isLetter(decode(bytes, at: next).0) { return nil }
            case 0..<0x20, 0x2028, 0xAD, 0x2010, 0x2013:
                return nil
            default:
                if scalar.value >= 0x3040 && isIdeograph(scalar) { return nil }
            }
            i = next
        }
        return count
    }

    /// `setSingleLine` for one word: no glue, so no ratio, no arrays.
    private func setSingleWord(_ text: String, bytes: UnsafeBufferPointer<UInt8>, slot: TextSlot,
                               entry: ParagraphStyleEntry, width: Double, indent: Double) -> LineBox? {
        let shaped = slot.face.shape(utf8: bytes, language: language)
        for glyph in shaped.glyphs where glyph.id.rawValue == 0 { return nil }   // fallback fonts: general path
        let natural = 0.0 + Double(shaped.advance) * slot.scale
        guard natural <= width + 0.001 else { return nil }   // needs hyphenation or overflows: general path
        // No glue: no stretch or shrink, so the set width is the natural width.
        var x = indent
        switch entry.resolved.alignment {
        case .right: x += width - (natural + 0.0)
        case .center: x += (width - (natural + 0.0)) / 2
        case .left, .justified: break
        }
        let height = entry.resolved.lineAdvance(forSize: slot.size)
        let ascent = max(0, slot.ascent), descent = max(0, slot.descent)
        let baseline = (height - ascent - descent) / 2 + ascent
        let run = TextRun(font: slot.face, size: slot.size, color: slot.color,
                          origin: Point(x: x, y: baseline), glyphs: shaped.glyphs, text: text)
        return LineBox(height: height, items: [.text(run)])
    }

    /// `setLine` of ParagraphLayout.swift specialised to boxes of one slot joined by plain glue.
    private func setSingleLine(text: String, bytes: UnsafeBufferPointer<UInt8>, words: [Range<Int>], slot: TextSlot,
                               entry: ParagraphStyleEntry, width: Double, indent: Double) -> LineBox? {
        let scale = slot.scale
        var shaped: [ShapedText] = []
        shaped.reserveCapacity(words.count)
        for range in words {
            let s = slot.face.shape(utf8: UnsafeBufferPointer(rebasing: bytes[range]), language: language)
            for glyph in s.glyphs where glyph.id.rawValue == 0 { return nil }   // fallback fonts: general path
            shaped.append(s)
        }
        let space = words.count > 1 ? spaceGlyph(slot.face) : nil
        let glueWidth = Double(space?.xAdvance ?? 0) * scale
        let glueStretch = glueWidth * 0.5, glueShrink = glueWidth * 0.33

        // Summed item by item in the general path's order, so the sums are bit-identical.
        var natural = 0.0, stretch = 0.0, shrink = 0.0
        for (k, s) in shaped.enumerated() {
            if k > 0 {
                natural += glueWidth
                stretch += glueStretch
                shrink += glueShrink
            }
            natural += Double(s.advance) * scale
            stretch += 0
            shrink += 0
        }
        guard natural <= width + 0.001 else { return nil }   // needs line breaking

        // The break is the paragraph's final forced one.
        var ratio = 0.0
        if entry.resolved.alignment == .justified || natural > width {
            if natural > width, shrink > 0 { ratio = max(-1, (width - natural) / shrink) }
        }
        let setWidth = natural + (ratio >= 0 ? ratio * stretch : ratio * shrink)
        var x = indent
        switch entry.resolved.alignment {
        case .right: x += width - setWidth
        case .center: x += (width - setWidth) / 2
        case .left, .justified: break
        }
        let maxSize = slot.size, ascent = max(0, slot.ascent), descent = max(0, slot.descent)
        let height = entry.resolved.lineAdvance(forSize: maxSize)
        let baseline = (height - ascent - descent) / 2 + ascent

        let glyphs: [ShapedGlyph]
        do {
            var all: [ShapedGlyph] = []
            var count = words.count - 1
            for s in shaped { count += s.glyphs.count }
            all.reserveCapacity(count)
            let w = glueWidth + (ratio >= 0 ? ratio * glueStretch : ratio * glueShrink)
            var spaceGlyph = space!
            spaceGlyph.xAdvance = Int32((w / scale).rounded())
            for (k, s) in shaped.enumerated() {
                let base = UInt32(words[k].lowerBound)
                if k > 0 {
                    spaceGlyph.cluster = base - 1
                    all.append(spaceGlyph)
                }
                for var g in s.glyphs {
                    g.cluster += base
                    all.append(g)
                }
            }
            glyphs = all
        }
        let run = TextRun(font: slot.face, size: slot.size, color: slot.color,
                          origin: Point(x: x, y: baseline), glyphs: glyphs, text: text)
        return LineBox(height: height, items: [.text(run)])
    }
}
