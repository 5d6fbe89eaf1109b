// Placing a flow of blocks into page body areas: page breaks, keep-with-next, keep-together,
// widows and orphans. With `bounded == false` the same code stacks a flow into one endless column
// (headers, footers, frames, cells).
internal import PressImages

/// Places blocks one after the other, starting new pages when the body area is full.
final class Paginator {
    let ctx: LayoutContext
    /// False: one endless column, no page breaks (headers, footers, frames, table cells).
    let bounded: Bool
    let pageSize: Size
    let firstMaster: PageMaster
    let followingMaster: PageMaster
    /// Paragraph style for paragraphs that name none (table cells use the table's `cellStyle`).
    var defaultStyle: String?

    private(set) var pages: [Page] = []
    var items: [PageItem] = []
    var top = 0.0, bottom = 0.0, left = 0.0, width = 0.0
    var y = 0.0
    /// Whether anything took room on the current page (spacing is dropped at the top of a page).
    var pageHasContent = false
    /// False for the columns of keep-together groups and table cells: there leading space is
    /// deliberate (a group may land mid-page, a cell's spacer is part of its content) and counts.
    var dropsLeadingSpace = true
    /// The cursor when the first content was put (the leading space of a column), nil before.
    private(set) var leadingSpace: Double?

    /// A paginator for the body flow of a document.
    init(ctx: LayoutContext, document: Document, pageSize: Size) throws(LayoutError) {
        self.ctx = ctx
        self.bounded = true
        self.pageSize = pageSize
        self.firstMaster = document.firstPage
        self.followingMaster = document.followingPages
        for master in [firstMaster, followingMaster] {
            let m = master.margins
            if pageSize.width - m.left.value - m.right.value < 1 || pageSize.height - m.top.value - m.bottom.value < 1 {
                throw LayoutError(code: .invalidGeometry,
                                  message: "page margins leave no body area on a \(pageSize.width) x \(pageSize.height) pt page")
            }
        }
        items.reserveCapacity(512)
        begin(firstMaster)
    }

    /// An endless column `width` points wide with its top-left at (0, 0).
    init(ctx: LayoutContext, width: Double, defaultStyle: String?) {
        self.ctx = ctx
        self.bounded = false
        self.pageSize = Size(width: width, height: .infinity)
        self.firstMaster = PageMaster()
        self.followingMaster = firstMaster
        self.defaultStyle = defaultStyle
        self.width = width
        self.bottom = .infinity
    }

    private func begin(_ master: PageMaster) {
        let m = master.margins
        top = m.top.value
        left = m.left.value
        width = pageSize.width - m.left.value - m.right.value
        bottom = pageSize.height - m.bottom.value
        y = top
        pageHasContent = false
    }

    var remaining: Double { bottom - y }
    var bodyHeight: Double { bottom - top }

    /// Closes the current page and starts the next one (a no-op for an endless column).
    func newPage() {
        guard bounded else { return }
        pages.append(Page(size: pageSize, items: items))
        items = []
        items.reserveCapacity(256)
        ctx.pageNumber += 1
        begin(followingMaster)
    }

    /// Ends the flow; returns all pages.
    func finish() -> [Page] {
        pages.append(Page(size: pageSize, items: items))
        items = []
        // Handed over, not shared: the caller edits the pages' item arrays, which must be unique to be
        // edited in place (a shared array was copied with a retain per item).
        var result: [Page] = []
        swap(&result, &pages)
        return result
    }

    /// Places a line box at the cursor (no page-break check) and moves the cursor down.
    func put(_ line: LineBox) {
        if leadingSpace == nil { leadingSpace = y }
        items.append(line.items, dx: left, dy: y)
        y += line.height
        pageHasContent = true
    }

    /// Adds vertical space (dropped at the top of a page).
    func space(_ amount: Double) {
        guard pageHasContent || !dropsLeadingSpace, amount > 0 else { return }
        y += amount
    }

    // MARK: Blocks

    /// What pagination needs to know about a block before placing it.
    enum Measured {
        case paragraph(ParagraphBox)
        case atom(LineBox, before: Double, after: Double)
        case table(Table)
        case spacer(Double)
        case pageBreak
        case frame(Frame)
        /// A keep-together group stacked in a column; `lead` is its leading space (dropped at the top of a body page).
        case group([Block], LineBox, lead: Double)
    }

    func measure(_ block: Block) throws(LayoutError) -> Measured {
        switch block {
        case .paragraph(let p):
            return .paragraph(try ctx.layoutParagraph(p, width: width, defaultStyle: defaultStyle))
        case .table(let t):
            return .table(t)
        case .image(let image):
            return .atom(imageLine(image), before: image.spaceBefore.value, after: image.spaceAfter.value)
        case .spacer(let h):
            return .spacer(h.value)
        case .rule(let rule):
            let w = rule.stroke.width
            let line = LineBox(height: w, items: [.shape(ShapeItem(.line(from: Point(x: 0, y: w / 2), to: Point(x: width, y: w / 2)),
                                                                   stroke: rule.stroke))])
            return .atom(line, before: rule.spaceBefore.value, after: rule.spaceAfter.value)
        case .pageBreak:
            return .pageBreak
        case .keepTogether(let blocks):
            let column = Paginator(ctx: ctx, width: width, defaultStyle: defaultStyle)
            column.dropsLeadingSpace = false
            try column.place(blocks)
            return .group(blocks, LineBox(height: column.y, items: column.items), lead: column.leadingSpace ?? column.y)
        case .frame(let frame):
            return .frame(frame)
        }
    }

    private func imageLine(_ image: ImageBlock) -> LineBox {
        let px = Double(max(1, image.image.width)), py = Double(max(1, image.image.height))
        var w: Double, h: Double
        switch (image.width, image.height) {
        case let (width?, height?): w = width.value; h = height.value
        case let (width?, nil): w = width.value; h = w * py / px
        case let (nil, height?): h = height.value; w = h * px / py
        case (nil, nil): w = px * 72 / image.dpi; h = py * 72 / image.dpi
        }
        if w > width { h *= width / w; w = width }
        var x = 0.0
        switch image.alignment {
        case .right: x = width - w
        case .center: x = (width - w) / 2
        case .left, .justified: break
        }
        return LineBox(height: h, items: [.image(PlacedImage(image: image.image, rect: Rect(x: x, y: 0, width: w, height: h)))])
    }

    /// Height the start of a measured block needs on a page (for keep-with-next).
    func leadHeight(_ m: Measured) throws(LayoutError) -> Double {
        switch m {
        case .paragraph(let p):
            let n = p.keepTogether ? p.lines.count : min(p.lines.count, max(p.orphans, 1))
            var h = p.spaceBefore
            for line in p.lines.prefix(n) { h += line.height }
            return h
        case .atom(let line, let before, _): return before + line.height
        case .table(let t): return try tableLeadHeight(t)
        case .spacer(let h): return h
        case .pageBreak, .frame: return 0
        case .group(_, let line, _): return line.height
        }
    }

    /// Height of the whole measured block, when it is known without placing it.
    func fullHeight(_ m: Measured) throws(LayoutError) -> Double {
        switch m {
        case .paragraph(let p): return p.spaceBefore + p.linesHeight
        case .atom(let line, let before, _): return before + line.height
        case .group(_, let line, _): return line.height
        default: return try leadHeight(m)
        }
    }

    private func keepsWithNext(_ block: Block, _ m: Measured) -> Bool {
        switch m {
        case .paragraph(let p): return p.keepWithNext
        case .table(let t): return t.keepWithNext
        default: return false
        }
    }

    /// Places `blocks` in order.
    func place(_ blocks: [Block]) throws(LayoutError) {
        var lookahead: [Int: Measured] = [:]
        var index = 0
        while index < blocks.count {
            let m: Measured
            if let cached = lookahead.removeValue(forKey: index) { m = cached } else { m = try measure(blocks[index]) }
            // Keep-with-next: the chain of blocks that keep with their next, plus the start of the block after.
            if bounded, pageHasContent, keepsWithNext(blocks[index], m) {
                var needed = try fullHeight(m)
                var j = index + 1
                var chainEnds = false
                while j < blocks.count {
                    let next: Measured
                    if let cached = lookahead[j] { next = cached } else { next = try measure(blocks[j]); lookahead[j] = next }
                    if keepsWithNext(blocks[j], next) {
                        needed += try fullHeight(next)
                        j += 1
                    } else {
                        needed += try leadHeight(next)
                        chainEnds = true
                        break
                    }
                }
                _ = chainEnds
                if needed > remaining {
                    if needed <= bodyHeight {
                        newPage()
                    } else {
                        ctx.warn(.keepIgnored, "blocks kept with the next one are taller than a page")
                    }
                }
            }
            try placeMeasured(m)
            index += 1
        }
    }

    private func placeMeasured(_ m: Measured) throws(LayoutError) {
        switch m {
        case .paragraph(let p):
            placeParagraph(p)
        case .atom(let line, let before, let after):
            space(before)
            if bounded, line.height > remaining, pageHasContent { newPage() }
            if bounded, line.height > remaining { ctx.warn(.overflow, "an image or rule is taller than the page body") }
            put(line)
            space(after)
        case .table(let t):
            try placeTable(t)
        case .spacer(let h):
            // At the top of a body page a spacer is dropped; in a column (frame, cell, keep-together
            // group, header) it always counts: there it is deliberate spacing, and a group may be
            // placed in the middle of a page.
            if !bounded { y += max(0, h) } else if h > remaining { newPage() } else { space(h) }
        case .pageBreak:
            newPage()
        case .frame(let frame):
            items.append(contentsOf: try ctx.layoutFrame(frame))
        case .group(let blocks, let line, let lead):
            // At the top of a body page the group's leading space is dropped, as for any block there.
            let atTop = bounded && !pageHasContent
            if !bounded || line.height - (atTop ? lead : 0) <= remaining {
                if atTop { y -= lead }
                put(line)
            } else if line.height - lead <= bodyHeight {
                newPage()
                y -= lead
                put(line)
            } else {
                ctx.warn(.keepIgnored, "a keep-together group is taller than a page; it is split")
                try place(blocks)
            }
        }
    }

    /// Places a paragraph's lines, honouring keep-together, widows and orphans.
    func placeParagraph(_ p: ParagraphBox) {
        space(p.spaceBefore)
        var next = 0
        let n = p.lines.count
        while next < n {
            // Lines that fit on this page.
            var fit = 0
            var h = 0.0
            while next + fit < n, h + p.lines[next + fit].height <= remaining + 0.001 {
                h += p.lines[next + fit].height
                fit += 1
            }
            if !bounded || next + fit == n {
                for line in p.lines[next...] { put(line) }
                break
            }
            let left = n - next
            var take = fit
            if p.keepTogether && next == 0 && pageHasContent && p.linesHeight <= bodyHeight {
                take = 0
            } else {
                if left - take < p.widows { take = left - p.widows }
                if next == 0 && take < p.orphans { take = 0 }
                if take <= 0 {
                    take = 0
                    if !pageHasContent { take = max(1, fit) }   // a fresh page: widows/orphans cannot be honoured
                }
            }
            for line in p.lines[next..<(next + take)] { put(line) }
            next += take
            newPage()
        }
        space(p.spaceAfter)
    }
}

extension LayoutContext {
    /// Lays out a frame at its absolute position: background, border, then content.
    func layoutFrame(_ frame: Frame) throws(LayoutError) -> [PageItem] {
        let pad = frame.padding
        let innerWidth = frame.width.value - pad.left.value - pad.right.value
        let column = Paginator(ctx: self, width: max(1, innerWidth), defaultStyle: nil)
        try column.place(frame.blocks)
        let contentHeight = column.y
        let boxHeight = frame.height?.value ?? (contentHeight + pad.top.value + pad.bottom.value)
        let innerHeight = boxHeight - pad.top.value - pad.bottom.value
        var dy = 0.0
        if contentHeight > innerHeight + 0.01 {
            warn(.overflow, "frame at (\(frame.x.millimetres.rounded()) mm, \(frame.y.millimetres.rounded()) mm) holds \(Int(contentHeight.rounded())) pt of content in \(Int(innerHeight.rounded())) pt")
        } else {
            switch frame.verticalAlignment {
            case .top: break
            case .middle: dy = (innerHeight - contentHeight) / 2
            case .bottom: dy = innerHeight - contentHeight
            }
        }
        var result: [PageItem] = []
        let box = Rect(x: frame.x.value, y: frame.y.value, width: frame.width.value, height: boxHeight)
        if frame.background != nil || frame.border != nil {
            result.append(.shape(ShapeItem(.rect(box), fill: frame.background, stroke: frame.border)))
        }
        result.append(column.items, dx: frame.x.value + pad.left.value, dy: frame.y.value + pad.top.value + dy)
        return result
    }

    /// Lays out a header or footer region across the body width of `master` on a page of `pageSize`.
    func layoutRegion(_ region: Region, master: PageMaster, pageSize: Size, isFooter: Bool) throws(LayoutError) -> [PageItem] {
        let left = master.margins.left.value
        let width = pageSize.width - left - master.margins.right.value
        let column = Paginator(ctx: self, width: max(1, width), defaultStyle: nil)
        try column.place(region.blocks)
        let top = isFooter ? pageSize.height - region.offset.value - column.y : region.offset.value
        var result: [PageItem] = []
        result.append(column.items, dx: left, dy: top)
        return result
    }
}
