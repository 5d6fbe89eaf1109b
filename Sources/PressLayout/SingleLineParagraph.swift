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
        guard let lines = try plainLines(of: paragraph, entry: entry, width: width), lines.count == 1 else { return nil }
        return lines[0]
    }

    /// The lines of `paragraph` when it is one plain span (see `singleLine`) that is not justified:
    /// one line, or the lines first-fit breaking gives (exactly as `breakAndSet` would); nil otherwise.
    func plainLines(of paragraph: Paragraph, entry: ParagraphStyleEntry, width: Double) throws(LayoutError) -> [LineBox]? {
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
            return [LineBox(height: entry.resolved.lineAdvance(forSize: entry.slot.size), items: [])]
        }
        let result: [LineBox]?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let count = Self.plainWordCount(bytes) else { return nil }
            if count == 1 {
                return setSingleWord(text, bytes: bytes, slot: slot, entry: entry, width: firstWidth, indent: indent)
                    .map { [$0] }
            }
            return setPlainLines(text: text, bytes: bytes, wordCount: count, slot: slot, entry: entry,
                                 firstWidth: firstWidth, otherWidth: otherWidth)
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

    /// One shaped word of a plain paragraph: its bytes, its glyphs in the paragraph's glyph array
    /// (clusters relative to the paragraph) and its width.
    private struct PlainWord {
        var start: Int, end: Int
        var glyphStart: Int, glyphEnd: Int
        var width: Double
    }

    /// `breakAndSet` and `setLine` of ParagraphLayout.swift specialised to boxes of one slot joined by
    /// plain glue: the words shaped straight into one glyph array (spaces in between as placeholders),
    /// then one line if it fits, else first-fit lines (ragged alignments only; justified text takes
    /// the general path's optimal breaking). Every sum is formed from the same terms in the same order
    /// as there (the line breaker's prefix sums, `setLine`'s per-line sums), so lines are bit-identical.
    private func setPlainLines(text: String, bytes: UnsafeBufferPointer<UInt8>, wordCount: Int, slot: TextSlot,
                               entry: ParagraphStyleEntry, firstWidth: Double, otherWidth: Double) -> [LineBox]? {
        let scale = slot.scale
        let space = spaceGlyph(slot.face)
        let glueWidth = Double(space.xAdvance) * scale
        let glueStretch = glueWidth * 0.5, glueShrink = glueWidth * 0.33

        var glyphs: [ShapedGlyph] = []
        glyphs.reserveCapacity(bytes.count)
        return withUnsafeTemporaryAllocation(of: PlainWord.self, capacity: wordCount) { words -> [LineBox]? in
            // The line breaker's running sum: its value after word k is `LineBreaker.sumW` at the glue after it.
            var natural = 0.0
            var start = 0
            for k in 0..<wordCount {
                var end = start
                while end < bytes.count && bytes[end] != 0x20 { end += 1 }
                if k > 0 {
                    natural += glueWidth
                    var glue = space
                    glue.cluster = UInt32(start - 1)
                    glyphs.append(glue)   // advance set per line
                }
                let glyphStart = glyphs.count
                guard let advance = slot.face.appendShaped(utf8: UnsafeBufferPointer(rebasing: bytes[start..<end]),
                                                           language: language, to: &glyphs, clusterBase: UInt32(start))
                else { return nil }   // fallback fonts: general path
                let width = Double(advance) * scale
                natural += width
                words[k] = PlainWord(start: start, end: end, glyphStart: glyphStart, glyphEnd: glyphs.count, width: width)
                start = end + 1
            }
            let alignment = entry.resolved.alignment
            if natural <= firstWidth + 0.001 {
                return [plainLine(text: text, bytes: bytes, glyphs: glyphs, words: words, from: 0, to: wordCount - 1, whole: true,
                                  width: firstWidth, indent: entry.resolved.leftIndent + entry.resolved.firstLineIndent,
                                  slot: slot, entry: entry, glueWidth: glueWidth, glueStretch: glueStretch,
                                  glueShrink: glueShrink, space: space)]
            }
            guard alignment != .justified else { return nil }

            // `LineBreaker.greedy` over box, glue, ..., box, then the final forced break: legal breaks
            // are the glues (after word k, 0 ≤ k < n-1) and the final penalty.
            var ends: [Int] = []   // last word of each line
            var sum = 0.0          // sumW after word k
            var sums = [Double](repeating: 0, count: wordCount)
            for k in 0..<wordCount {
                if k > 0 { sum += glueWidth }
                sum += words[k].width
                sums[k] = sum
            }
            var lineStart = 0.0
            var lastFeasible = -1
            var k = 0
            while k < wordCount {
                let lineWidth = ends.isEmpty ? firstWidth : otherWidth
                let width = sums[k] - lineStart
                let final = k == wordCount - 1
                if width <= lineWidth + 0.001 {
                    if final {
                        ends.append(k)
                    } else {
                        lastFeasible = k
                    }
                    k += 1
                } else if lastFeasible >= 0 {
                    ends.append(lastFeasible)
                    lineStart = sums[lastFeasible] + glueWidth
                    lastFeasible = -1
                } else {
                    ends.append(k)   // one word wider than the line: an overfull line
                    lineStart = sums[k] + glueWidth
                    lastFeasible = -1
                    k += 1
                }
            }
            var lines: [LineBox] = []
            lines.reserveCapacity(ends.count)
            var from = 0
            for (index, to) in ends.enumerated() {
                let indent = entry.resolved.leftIndent + (index == 0 ? entry.resolved.firstLineIndent : 0)
                lines.append(plainLine(text: text, bytes: bytes, glyphs: glyphs, words: words, from: from, to: to, whole: false,
                                       width: index == 0 ? firstWidth : otherWidth, indent: indent, slot: slot,
                                       entry: entry, glueWidth: glueWidth, glueStretch: glueStretch,
                                       glueShrink: glueShrink, space: space))
                from = to + 1
            }
            return lines
        }
    }

    /// `setLine` for words `from...to` of a plain paragraph (`whole`: all of them, so the glyphs and
    /// text are used as they are).
    private func plainLine(text: String, bytes: UnsafeBufferPointer<UInt8>, glyphs: [ShapedGlyph],
                           words: UnsafeMutableBufferPointer<PlainWord>,
                           from: Int, to: Int, whole: Bool, width: Double, indent: Double, slot: TextSlot,
                           entry: ParagraphStyleEntry, glueWidth: Double, glueStretch: Double, glueShrink: Double,
                           space: ShapedGlyph) -> LineBox {
        var natural = 0.0, stretch = 0.0, shrink = 0.0
        for k in from...to {
            if k > from {
                natural += glueWidth
                stretch += glueStretch
                shrink += glueShrink
            }
            natural += words[k].width
            stretch += 0
            shrink += 0
        }
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
        let ascent = max(0, slot.ascent), descent = max(0, slot.descent)
        let height = entry.resolved.lineAdvance(forSize: slot.size)
        let baseline = (height - ascent - descent) / 2 + ascent

        let w = glueWidth + (ratio >= 0 ? ratio * glueStretch : ratio * glueShrink)
        let spaceAdvance = Int32((w / slot.scale).rounded())
        let lineStart = words[from].start
        var lineGlyphs = whole ? glyphs : Array(glyphs[words[from].glyphStart..<words[to].glyphEnd])
        // Only edited when needed: a whole paragraph's array is still shared with the caller (a write copies it).
        if lineStart > 0 || (spaceAdvance != space.xAdvance && to > from) {
            let offset = words[from].glyphStart
            lineGlyphs.withUnsafeMutableBufferPointer { g in
                if lineStart > 0 {
                    let shift = UInt32(lineStart)
                    for i in g.indices { g[i].cluster -= shift }
                }
                if spaceAdvance != space.xAdvance && to > from {
                    for k in (from + 1)...to { g[words[k].glyphStart - 1 - offset].xAdvance = spaceAdvance }
                }
            }
        }
        let lineText = whole ? text
            : String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<words[to].end]), as: UTF8.self)
        let run = TextRun(font: slot.face, size: slot.size, color: slot.color,
                          origin: Point(x: x, y: baseline), glyphs: lineGlyphs, text: lineText)
        return LineBox(height: height, items: [.text(run)])
    }
}
