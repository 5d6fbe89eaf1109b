// Paragraphs: shaping, line breaking and placing glyph runs on each line.
internal import PressFonts

extension LayoutContext {
    /// Lays out `paragraph` in a column `width` points wide; `defaultStyle` applies when it names none.
    func layoutParagraph(_ paragraph: Paragraph, width: Double, defaultStyle: String?) throws(LayoutError) -> ParagraphBox {
        let entry = paragraph.hasOverrides
            ? try paragraphStyle(paragraph.style ?? defaultStyle, overrides: paragraph.overrides)
            : try paragraphStyle(paragraph.style ?? defaultStyle)
        let lines: [LineBox]
        if let plain = try plainLines(of: paragraph, entry: entry, width: width) {
            lines = plain
        } else {
            let style = entry.resolved
            // Borrow the scratch buffers (moved out so that filling them does not copy).
            var content = scratch
            scratch = InlineContent()
            defer { scratch = content }
            try inlineContent(of: paragraph, style: entry, into: &content)
            lines = breakAndSet(&content, style: style, width: width)
        }
        // Read through `entry`, not a copy of its `ResolvedStyle` (see `singleLine`).
        return ParagraphBox(lines: lines, spaceBefore: entry.resolved.spaceBefore, spaceAfter: entry.resolved.spaceAfter,
                            keepWithNext: entry.resolved.keepWithNext, keepTogether: entry.resolved.keepTogether,
                            widows: entry.resolved.widows, orphans: entry.resolved.orphans)
    }

    /// The widest line of `paragraph` set without wrapping (for auto table columns).
    func naturalWidth(of paragraph: Paragraph, defaultStyle: String?) throws(LayoutError) -> Double {
        let entry = try paragraphStyle(paragraph.style ?? defaultStyle, overrides: paragraph.overrides)
        let style = entry.resolved
        var content = scratch
        scratch = InlineContent()
        defer { scratch = content }
        try inlineContent(of: paragraph, style: entry, into: &content)
        return content.naturalWidth + style.leftIndent + style.rightIndent + max(0, style.firstLineIndent)
    }

    func breakAndSet(_ content: inout InlineContent, style: ResolvedStyle, width: Double) -> [LineBox] {
        // End of paragraph: no break before the fill glue, infinitely stretchable glue and a forced
        // break (TeX's \penalty10000 \parfillskip \penalty-10000).
        content.items.append(InlineItem(kind: .penalty, width: 0, penalty: InlineItem.infinity, ref: -1))
        content.items.append(InlineItem(kind: .glue, width: 0, stretch: InlineItem.infinity, ref: 0))
        content.items.append(InlineItem(kind: .penalty, width: 0, penalty: -InlineItem.infinity, ref: -1))
        let otherWidth = max(1, width - style.leftIndent - style.rightIndent)
        let firstWidth = max(1, otherWidth - style.firstLineIndent)
        // Fast path: most table cells and short paragraphs fit on one line and have no forced
        // break; then there is nothing to choose (and no prefix-sum arrays to allocate).
        var singleLine = true
        var natural = 0.0
        for item in content.items.dropLast(3) {
            if item.kind == .penalty {
                if item.penalty <= -InlineItem.infinity { singleLine = false; break }
            } else {
                natural += item.width
            }
        }
        if singleLine && natural <= firstWidth + 0.001 {
            return [setLine(content, from: 0, to: content.items.count - 1, width: firstWidth,
                            indent: style.leftIndent + style.firstLineIndent, style: style)]
        }
        let breaker = LineBreaker(items: content.items, firstWidth: firstWidth, otherWidth: otherWidth)
        let breaks: [Int]
        if style.alignment == .justified {
            breaks = breaker.optimal(tolerance: 2) ?? breaker.optimal(tolerance: 10) ?? breaker.greedy()
        } else {
            breaks = breaker.greedy()
        }
        var lines: [LineBox] = []
        lines.reserveCapacity(breaks.count)
        var start = 0
        for (index, b) in breaks.enumerated() {
            let indent = style.leftIndent + (index == 0 ? style.firstLineIndent : 0)
            lines.append(setLine(content, from: start, to: b, width: index == 0 ? firstWidth : otherWidth,
                                 indent: indent, style: style))
            start = b + 1
        }
        return lines
    }

    /// Places items `start..<end` (`end` is the break item) as one line.
    private func setLine(_ content: InlineContent, from start: Int, to end: Int, width: Double,
                         indent: Double, style: ResolvedStyle) -> LineBox {
        let items = content.items
        var first = start
        while first < end, items[first].kind != .box { first += 1 }
        var last = end
        while last > first, items[last - 1].kind != .box { last -= 1 }
        let breakItem = items[end]
        let hyphenSlot: Int32 = (breakItem.kind == .penalty && breakItem.flagged) ? breakItem.ref : -1

        var natural = 0.0, stretch = 0.0, shrink = 0.0
        for k in first..<last where items[k].kind != .penalty {
            natural += items[k].width
            stretch += items[k].stretch
            shrink += items[k].shrink
        }
        if hyphenSlot >= 0 { natural += breakItem.width }
        let forced = breakItem.kind == .penalty && breakItem.penalty <= -InlineItem.infinity
        var ratio = 0.0
        if style.alignment == .justified || natural > width {
            if natural < width, !forced, stretch > 0 {
                ratio = (width - natural) / stretch
            } else if natural > width, shrink > 0 {
                ratio = max(-1, (width - natural) / shrink)
            }
        }
        let setWidth = natural + (ratio >= 0 ? ratio * stretch : ratio * shrink)
        var x = indent
        switch style.alignment {
        case .right: x += width - setWidth
        case .center: x += (width - setWidth) / 2
        case .left, .justified: break
        }

        // Metrics of the slots used on this line (the paragraph's own slot when it is empty), first,
        // so that runs can be emitted with their final baseline.
        var maxSize = 0.0, ascent = 0.0, descent = 0.0
        func useSlot(_ slot: Int32) {
            let s = content.slots[Int(slot)]
            if s.size > maxSize { maxSize = s.size }
            if s.ascent > ascent { ascent = s.ascent }
            if s.descent > descent { descent = s.descent }
        }
        var lastSlot: Int32 = -1
        var glyphCount = 0, byteCount = 0
        for k in first..<last {
            if items[k].kind == .box {
                let piece = content.pieces[Int(items[k].ref)]
                glyphCount += piece.glyphs.count
                byteCount += piece.text.utf8.count
                if piece.slot != lastSlot { useSlot(piece.slot); lastSlot = piece.slot }
            } else if items[k].kind == .glue {
                glyphCount += 1
                byteCount += 1
            }
        }
        if hyphenSlot >= 0 { useSlot(hyphenSlot) }
        if maxSize == 0 { useSlot(content.baseSlot) }
        let height = style.lineAdvance(forSize: maxSize)
        let baseline = (height - ascent - descent) / 2 + ascent

        var lineItems: [PageItem] = []
        var runSlot: Int32 = -1
        var runX = 0.0
        var runGlyphs: [ShapedGlyph] = []
        var runText = ""
        func flushRun() {
            guard runSlot >= 0 else { return }
            let slot = content.slots[Int(runSlot)]
            lineItems.append(.text(TextRun(font: slot.face, size: slot.size, color: slot.color,
                                           origin: Point(x: runX, y: baseline), glyphs: runGlyphs, text: runText)))
        }
        func appendPiece(slot: Int32, glyphs: [ShapedGlyph], text: String, width: Double) {
            if slot != runSlot {
                flushRun()
                runSlot = slot
                runX = x
                runGlyphs = glyphs
                runText = text
            } else {
                let base = UInt32(runText.utf8.count)
                for var g in glyphs {
                    g.cluster += base
                    runGlyphs.append(g)
                }
                runText += text
            }
            x += width
        }
        var k = first
        while k < last {
            let item = items[k]
            switch item.kind {
            case .box:
                let piece = content.pieces[Int(item.ref)]
                appendPiece(slot: piece.slot, glyphs: piece.glyphs, text: piece.text, width: piece.width)
            case .glue:
                let w = item.width + (ratio >= 0 ? ratio * item.stretch : ratio * item.shrink)
                if runSlot >= 0 {
                    // The run grows beyond one word: reserve for the whole line once (the first
                    // append copies the shared, cached glyph array anyway).
                    if runGlyphs.capacity < glyphCount + 4 { runGlyphs.reserveCapacity(glyphCount + 4) }
                    if runText.utf8.count + 1 > 15 { runText.reserveCapacity(byteCount + 4) }
                    let slot = content.slots[Int(runSlot)]
                    var space = spaceGlyph(slot.face)
                    space.cluster = UInt32(runText.utf8.count)
                    space.xAdvance = Int32((w / slot.scale).rounded())
                    runGlyphs.append(space)
                    runText += " "
                }
                x += w
            case .penalty:
                break
            }
            k += 1
        }
        if hyphenSlot >= 0 {
            let slot = content.slots[Int(hyphenSlot)]
            appendPiece(slot: hyphenSlot, glyphs: hyphen(slot.face).glyphs, text: "-", width: breakItem.width)
        }
        flushRun()
        return LineBox(height: height, items: lineItems)
    }
}
