import PressFonts
import PressLayout
import PressPDF

/// Turns one page's items into a content stream: flips y (layout is top-left, y down; PDF is
/// bottom-left, y up), groups consecutive text runs into one `BT`…`ET` with relative `Td`
/// moves, and never repeats `Tf`, colours, line width or dash when unchanged.
struct PageContentWriter {
    /// How one font's glyphs are written: its resource name, and per glyph id of the face the code (CID) and
    /// the width the PDF's `/W` gives it.
    struct FontSlot {
        let name: Name
        /// Old glyph id -> CID: the subset's new id (`PreparedFont.cids`), or the glyph id itself when the
        /// subset keeps glyph ids (`GlyphCodes.identity`).
        let cids: [UInt16]
        /// Old glyph id -> width in 1/1000 em, as in the font's `/W`.
        let pdfWidths: [Int32]
        /// 1000 / unitsPerEm: font units -> thousandths of an em.
        let scale: Double
        /// One-byte codes (the font is written with the one-byte CMap), else two-byte CIDs.
        let oneByte: Bool
    }

    var content = PressPDF.Content(capacity: 8192)
    let height: Double
    let convertCMYK: Bool
    // The initial graphics state paints black (§8.4.1), so black needs no operator.
    private var fill: PressLayout.Color? = .gray(0)
    private var stroke: PressLayout.Color? = .gray(0)
    private var lineWidth: Double = 1
    private var dash: [Double] = []
    private var dashPhase: Double = 0
    private var fontIndex = -1
    private var fontSize = -1.0

    init(height: Double, convertCMYK: Bool) {
        self.height = height
        self.convertCMYK = convertCMYK
    }

    mutating func write(_ items: [PageItem], fonts: [FontID: Int], slots: [FontSlot], images: [String: Name]) {
        var index = 0
        while index < items.count {
            switch items[index] {
            case .text:
                var end = index
                while end < items.count, case .text = items[end] { end += 1 }
                writeText(items[index..<end], fonts: fonts, slots: slots)
                index = end
            case .shape(let shape):
                writeShape(shape)
                index += 1
            case .image(let placed):
                if let name = images[placed.image.id] {
                    let r = placed.rect
                    content.drawImage(name, x: r.minX, y: height - r.maxY, width: r.width, height: r.height)
                }
                index += 1
            }
        }
    }

    /// Rounds like the number writer (3 decimals), so relative moves add up exactly in the PDF.
    @inline(__always)
    private static func written(_ v: Double) -> Double { (v * 1000).rounded() / 1000 }

    private mutating func writeText(_ runs: ArraySlice<PageItem>, fonts: [FontID: Int], slots: [FontSlot]) {
        // Text state (font, size, colour) persists across text objects; the text matrix does not.
        var state = (fontIndex, fontSize, fill)
        let height = self.height
        let convertCMYK = self.convertCMYK
        content.textObject { t in
            var lineX = 0.0, lineY = 0.0
            var lastFace: ObjectIdentifier?
            var lastSlot = 0
            for item in runs {
                guard case .text(let run) = item, !run.glyphs.isEmpty else { continue }
                let slotIndex: Int
                if ObjectIdentifier(run.font) == lastFace {
                    slotIndex = lastSlot
                } else if let known = fonts[run.font.id] {
                    slotIndex = known
                    lastFace = ObjectIdentifier(run.font)
                    lastSlot = known
                } else {
                    continue
                }
                let slot = slots[slotIndex]
                if state.0 != slotIndex || state.1 != run.size {
                    t.setFont(slot.name, size: run.size)
                    state.0 = slotIndex
                    state.1 = run.size
                }
                if state.2 != run.color {
                    PageContentWriter.setFill(run.color, convertCMYK: convertCMYK, &t)
                    state.2 = run.color
                }
                let dx = PageContentWriter.written(run.origin.x - lineX)
                let dy = PageContentWriter.written((height - run.origin.y) - lineY)
                t.nextLine(dx, dy)
                lineX += dx
                lineY += dy
                PageContentWriter.showGlyphs(run, slot: slot, &t)
            }
        }
        (fontIndex, fontSize, fill) = state
    }

    /// Smallest position correction written, in 1/1000 em.
    static let adjustmentThreshold = 2.5

    /// Writes the run's glyphs as `TJ` arrays. `drift` is where the PDF's pen is relative to the
    /// shaped position (thousandths of an em); it is corrected by integer adjustments before each
    /// glyph, so rounding never accumulates and kerning/justification/offsets come out exact to 2.5/1000 em.
    static func showGlyphs(_ run: TextRun, slot: FontSlot, _ t: inout TextObject) {
        let scale = slot.scale
        let singleByte = slot.oneByte
        let threshold = adjustmentThreshold
        var drift = 0.0
        var rise: Int32 = 0
        run.glyphs.withUnsafeBufferPointer { glyphs in
        slot.cids.withUnsafeBufferPointer { cids in
        slot.pdfWidths.withUnsafeBufferPointer { widths in
        // Codes between two adjustments are collected here and written as one string.
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: glyphs.count) { scratch in
            var start = 0
            while start < glyphs.count {
                // A segment of glyphs with the same vertical offset (marks positioned by GPOS need `Ts`).
                var end = start + 1
                while end < glyphs.count && glyphs[end].yOffset == glyphs[start].yOffset { end += 1 }
                if glyphs[start].yOffset != rise {
                    rise = glyphs[start].yOffset
                    t.setRise(Double(rise) * scale * run.size / 1000)
                }
                t.showPositioned { tj in
                    var pending = 0
                    func flush(_ tj: inout PositionedText) {
                        guard pending > 0 else { return }
                        if singleByte {
                            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: pending) { bytes in
                                for k in 0..<pending { bytes[k] = UInt8(truncatingIfNeeded: scratch[k]) }
                                tj.codes(UnsafeBufferPointer(bytes))
                            }
                        } else {
                            tj.cids(UnsafeBufferPointer(rebasing: scratch[0..<pending]))
                        }
                        pending = 0
                    }
                    for i in start..<end {
                        let g = glyphs[i]
                        let gid = Int(g.id.rawValue)
                        let target = Double(g.xOffset) * scale
                        // Differences below the threshold are rounding noise of the integer /W widths
                        // (< 0.025 pt at 10 pt); correcting them would cost bytes for nothing visible.
                        let difference = drift - target
                        if difference >= threshold || difference <= -threshold {
                            flush(&tj)
                            let adjust = difference.rounded()
                            tj.adjust(adjust)
                            drift -= adjust
                        }
                        let known = gid < cids.count
                        scratch[pending] = known ? cids[gid] : 0
                        pending += 1
                        drift += Double(known ? widths[gid] : 0) - Double(g.xAdvance) * scale
                    }
                    flush(&tj)
                }
                start = end
            }
        }
        }
        }
        }
        if rise != 0 { t.setRise(0) }
    }

    private mutating func writeShape(_ shape: ShapeItem) {
        if let color = shape.fill, fill != color {
            setFill(color)
            fill = color
        }
        if let s = shape.stroke {
            if stroke != s.color {
                setStroke(s.color)
                stroke = s.color
            }
            if lineWidth != s.width {
                content.setLineWidth(s.width)
                lineWidth = s.width
            }
            if dash != s.dash || dashPhase != s.dashPhase {
                content.setDash(s.dash, phase: s.dashPhase)
                dash = s.dash
                dashPhase = s.dashPhase
            }
        }
        var closedArea = true
        switch shape.geometry {
        case .rect(let r):
            content.rect(r.minX, height - r.maxY, r.width, r.height)
        case .roundedRect(let r, let radius):
            content.roundedRect(r.minX, height - r.maxY, r.width, r.height, radius: radius)
        case .line(let from, let to):
            content.moveTo(from.x, height - from.y)
            content.lineTo(to.x, height - to.y)
            closedArea = false
        case .polygon(let points, let closed):
            guard let first = points.first else { return }
            content.moveTo(first.x, height - first.y)
            for p in points.dropFirst() { content.lineTo(p.x, height - p.y) }
            if closed { content.closePath() }
            closedArea = closed
        }
        switch (shape.fill != nil && closedArea, shape.stroke != nil) {
        case (true, true): content.fillAndStroke()
        case (true, false): content.fill()
        case (false, true): content.stroke()
        case (false, false): content.endPath()
        }
    }

    private mutating func setFill(_ color: PressLayout.Color) {
        switch PageContentWriter.effective(color, convertCMYK: convertCMYK) {
        case .gray(let g): content.setFillGray(g)
        case .rgb(let r, let g, let b): content.setFillRGB(r, g, b)
        case .cmyk(let c, let m, let y, let k): content.setFillCMYK(c, m, y, k)
        }
    }

    private mutating func setStroke(_ color: PressLayout.Color) {
        switch PageContentWriter.effective(color, convertCMYK: convertCMYK) {
        case .gray(let g): content.setStrokeGray(g)
        case .rgb(let r, let g, let b): content.setStrokeRGB(r, g, b)
        case .cmyk(let c, let m, let y, let k): content.setStrokeCMYK(c, m, y, k)
        }
    }

    static func setFill(_ color: PressLayout.Color, convertCMYK: Bool, _ t: inout TextObject) {
        switch effective(color, convertCMYK: convertCMYK) {
        case .gray(let g): t.setFillGray(g)
        case .rgb(let r, let g, let b): t.setFillRGB(r, g, b)
        case .cmyk(let c, let m, let y, let k): t.setFillCMYK(c, m, y, k)
        }
    }

    /// PDF/A with an sRGB output intent forbids uncalibrated DeviceCMYK (ISO 19005-2 §6.2.4.3),
    /// so CMYK becomes RGB there (the naive complement conversion; no ICC transform).
    static func effective(_ color: PressLayout.Color, convertCMYK: Bool) -> PressLayout.Color {
        guard convertCMYK, case .cmyk(let c, let m, let y, let k) = color else { return color }
        return .rgb((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    }
}
