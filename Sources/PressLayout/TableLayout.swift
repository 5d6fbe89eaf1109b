// Tables: column widths, row measurement, page breaks between and inside rows, repeated headers,
// carried-forward subtotal rows, rules and backgrounds.
import Foundation

/// A row laid out at the table's column widths, positions relative to the table's left edge.
struct MeasuredRow {
    struct Cell {
        var x: Double
        var width: Double
        var lines: [LineBox]
        var padTop: Double, padBottom: Double, padLeft: Double
        var background: Color?
        /// The cell's own borders; nil when it has none (kept out of line: `Borders` is large and
        /// rows are copied while paginating).
        var borders: Boxed<Borders>?
        var verticalAlignment: VerticalAlignment
        /// Right edge is a column boundary inside the table (not the table's right edge).
        var isLast: Bool

        var contentHeight: Double {
            var h = 0.0
            for line in lines { h += line.height }
            return h
        }
    }
    var cells: [Cell]
    var height: Double
    var keepTogether: Bool
    var minHeight: Double
}

extension Borders {
    /// No edge has a stroke.
    var isEmpty: Bool { top == nil && right == nil && bottom == nil && left == nil }
}


/// Column geometry of a table for one flow width.
struct TableColumns {
    /// Left edge of each column and, last, the table's right edge (relative to the table's left edge).
    var edges: [Double]
    var width: Double { edges.last ?? 0 }
}

extension Paginator {
    func tableColumns(_ table: Table) throws(LayoutError) -> TableColumns {
        let n = max(1, table.columns.count)
        var widths = [Double](repeating: 0, count: n)
        var fixed = 0.0, weights = 0.0
        var autoColumns: [Int] = []
        for (i, column) in table.columns.enumerated() {
            switch column.width {
            case .fixed(let w): widths[i] = w.value; fixed += w.value
            case .relative(let weight): weights += max(0, weight)
            case .auto: autoColumns.append(i)
            }
        }
        if table.columns.isEmpty { weights = 1 }
        var autoTotal = 0.0
        if !autoColumns.isEmpty {
            // Natural width of the widest single-column cell of each auto column.
            for row in table.headerRows + table.rows + table.footerRows {
                var column = 0
                for cell in row.cells {
                    defer { column += max(1, cell.columnSpan) }
                    guard cell.columnSpan <= 1, column < n, case .auto = table.columns[column].width else { continue }
                    let pad = cell.padding ?? table.cellPadding
                    var natural = 0.0
                    for block in cell.blocks {
                        if case .paragraph(let p) = block {
                            natural = max(natural, try ctx.naturalWidth(of: p, defaultStyle: table.cellStyle))
                        }
                    }
                    widths[column] = max(widths[column], natural + pad.left.value + pad.right.value + 0.01)
                }
            }
            for i in autoColumns { autoTotal += widths[i] }
            let room = max(0, width - fixed)
            if autoTotal > room, autoTotal > 0 {
                for i in autoColumns { widths[i] *= room / autoTotal }
                autoTotal = room
            } else if weights == 0, autoTotal > 0 {
                // No relative column takes the rest: auto columns share it.
                for i in autoColumns { widths[i] += (room - autoTotal) * widths[i] / autoTotal }
                autoTotal = room
            }
        }
        let rest = max(0, width - fixed - autoTotal)
        if weights > 0 {
            if table.columns.isEmpty { widths[0] = rest }
            for (i, column) in table.columns.enumerated() {
                if case .relative(let weight) = column.width { widths[i] = rest * max(0, weight) / weights }
            }
        }
        var edges = [0.0]
        edges.reserveCapacity(n + 1)
        for w in widths { edges.append(edges[edges.count - 1] + w) }
        return TableColumns(edges: edges)
    }

    /// Lays out the cells of `row` at the column widths.
    func measureRow(_ row: TableRow, in table: Table, columns: TableColumns, isHeader: Bool) throws(LayoutError) -> MeasuredRow {
        var cells: [MeasuredRow.Cell] = []
        cells.reserveCapacity(row.cells.count)
        var column = 0
        let n = columns.edges.count - 1
        var height = row.minHeight.value
        // Cells are read in place (a `TableCell` is large; copying each one out costs more than its use).
        for index in row.cells.indices {
            guard column < n else { break }
            let span = max(1, row.cells[index].columnSpan)
            let end = min(n, column + span)
            let x = columns.edges[column], w = columns.edges[end] - x
            let pad = row.cells[index].padding ?? table.cellPadding
            let inner = max(1, w - pad.left.value - pad.right.value)
            let lines = try cellLines(row.cells[index].blocks, width: inner, defaultStyle: table.cellStyle)
            let background = row.cells[index].background ?? row.background ?? (isHeader ? table.headerBackground : nil)
            let measured = MeasuredRow.Cell(x: x, width: w, lines: lines, padTop: pad.top.value, padBottom: pad.bottom.value,
                                            padLeft: pad.left.value, background: background,
                                            borders: row.cells[index].boxedBorders,
                                            verticalAlignment: row.cells[index].verticalAlignment,
                                            isLast: end >= n || index == row.cells.count - 1)
            height = max(height, measured.contentHeight + measured.padTop + measured.padBottom)
            cells.append(measured)
            column = end
        }
        return MeasuredRow(cells: cells, height: height, keepTogether: row.keepTogether, minHeight: row.minHeight.value)
    }

    /// The blocks of a cell as line boxes: paragraph lines (so rows can split between them), other
    /// blocks as one box each.
    func cellLines(_ blocks: [Block], width: Double, defaultStyle: String?) throws(LayoutError) -> [LineBox] {
        if blocks.count == 1, case .paragraph(let p) = blocks[0] {
            let box = try ctx.layoutParagraph(p, width: width, defaultStyle: defaultStyle)
            if box.spaceBefore == 0 && box.spaceAfter == 0 { return box.lines }
        }
        var lines: [LineBox] = []
        for block in blocks {
            switch block {
            case .paragraph(let p):
                let box = try ctx.layoutParagraph(p, width: width, defaultStyle: defaultStyle)
                if box.spaceBefore > 0 && !lines.isEmpty { lines.append(LineBox(height: box.spaceBefore, items: [])) }
                lines.append(contentsOf: box.lines)
                if box.spaceAfter > 0 { lines.append(LineBox(height: box.spaceAfter, items: [])) }
            default:
                let column = Paginator(ctx: ctx, width: width, defaultStyle: defaultStyle)
                column.dropsLeadingSpace = false
                try column.place([block])
                lines.append(LineBox(height: column.y, items: column.items))
            }
        }
        return lines
    }

    /// Splits `row` so that its first part is at most `available` tall; nil when no line fits.
    func split(_ row: MeasuredRow, available: Double) -> (MeasuredRow, MeasuredRow)? {
        var first = row, rest = row
        var anyTaken = false, anyLeft = false
        var firstHeight = 0.0, restHeight = row.minHeight
        for (i, cell) in row.cells.enumerated() {
            let room = available - cell.padTop - cell.padBottom
            var h = 0.0, take = 0
            while take < cell.lines.count, h + cell.lines[take].height <= room + 0.001 {
                h += cell.lines[take].height
                take += 1
            }
            if take > 0 { anyTaken = true }
            if take < cell.lines.count { anyLeft = true }
            first.cells[i].lines = Array(cell.lines[..<take])
            first.cells[i].verticalAlignment = .top
            rest.cells[i].lines = Array(cell.lines[take...])
            rest.cells[i].verticalAlignment = .top
            firstHeight = max(firstHeight, h + cell.padTop + cell.padBottom)
            restHeight = max(restHeight, rest.cells[i].contentHeight + cell.padTop + cell.padBottom)
        }
        guard anyTaken, anyLeft else { return nil }
        first.height = max(firstHeight, min(available, row.minHeight))
        rest.height = restHeight
        rest.keepTogether = false
        return (first, rest)
    }

    /// Draws a row (or part of one) with its top at the cursor; `ruleAbove` draws the row separator.
    ///
    /// Consumes `row`: the items of its lines are moved onto the page, not copied (a copy retained the
    /// face, glyphs and text of every run and destroying the row released them again). A row that is
    /// still shared (a repeated header) is copied on write, as before.
    func draw(_ row: consuming MeasuredRow, table: Table, ruleAbove: Stroke?) {
        let x0 = left, y0 = y, h = row.height
        // Consecutive cells with the same background share one rectangle (fewer PDF operators).
        var i = 0
        while i < row.cells.count {
            guard let fill = row.cells[i].background else { i += 1; continue }
            var j = i + 1
            while j < row.cells.count, row.cells[j].background == fill { j += 1 }
            let x = row.cells[i].x, w = row.cells[j - 1].x + row.cells[j - 1].width - x
            items.append(.shape(ShapeItem(.rect(Rect(x: x0 + x, y: y0, width: w, height: h)), fill: fill)))
            i = j
        }
        for c in row.cells.indices {
            var dy = row.cells[c].padTop
            let padding = row.cells[c].padTop + row.cells[c].padBottom
            switch row.cells[c].verticalAlignment {
            case .top: break
            case .middle: dy += max(0, (h - padding - row.cells[c].contentHeight) / 2)
            case .bottom: dy += max(0, h - padding - row.cells[c].contentHeight)
            }
            let dx = x0 + row.cells[c].x + row.cells[c].padLeft
            for l in row.cells[c].lines.indices {
                if !row.cells[c].lines[l].items.isEmpty {
                    items.append(taking: &row.cells[c].lines[l].items, dx: dx, dy: y0 + dy)
                }
                dy += row.cells[c].lines[l].height
            }
        }
        if let ruleAbove {
            items.append(.shape(ShapeItem(.line(from: Point(x: x0, y: y0), to: Point(x: x0 + (row.cells.last.map { $0.x + $0.width } ?? 0), y: y0)),
                                          stroke: ruleAbove)))
        }
        for cell in row.cells {
            let cx = x0 + cell.x
            if let stroke = table.rules.columns, !cell.isLast {
                items.append(.shape(ShapeItem(.line(from: Point(x: cx + cell.width, y: y0), to: Point(x: cx + cell.width, y: y0 + h)), stroke: stroke)))
            }
            guard let b = cell.borders?.value else { continue }
            if let s = b.top { items.append(.shape(ShapeItem(.line(from: Point(x: cx, y: y0), to: Point(x: cx + cell.width, y: y0)), stroke: s))) }
            if let s = b.bottom { items.append(.shape(ShapeItem(.line(from: Point(x: cx, y: y0 + h), to: Point(x: cx + cell.width, y: y0 + h)), stroke: s))) }
            if let s = b.left { items.append(.shape(ShapeItem(.line(from: Point(x: cx, y: y0), to: Point(x: cx, y: y0 + h)), stroke: s))) }
            if let s = b.right { items.append(.shape(ShapeItem(.line(from: Point(x: cx + cell.width, y: y0), to: Point(x: cx + cell.width, y: y0 + h)), stroke: s))) }
        }
        y += h
        pageHasContent = true
    }

    /// Height the start of `table` needs: space before, header rows and the first row.
    func tableLeadHeight(_ table: Table) throws(LayoutError) -> Double {
        let columns = try tableColumns(table)
        var h = table.spaceBefore.value
        for row in table.headerRows { h += try measureRow(row, in: table, columns: columns, isHeader: true).height }
        if let first = table.rows.first ?? table.footerRows.first {
            h += try measureRow(first, in: table, columns: columns, isHeader: false).height
        }
        return h
    }

    /// Places a table: rows page by page, with repeated headers and carried-forward rows.
    func placeTable(_ table: Table) throws(LayoutError) {
        let columns = try tableColumns(table)
        let headers = try table.headerRows.map { (row) throws(LayoutError) in try measureRow(row, in: table, columns: columns, isHeader: true) }
        var headerHeight = 0.0
        for h in headers { headerHeight += h.height }
        let body = table.rows.count, total = body + table.footerRows.count
        let carry = bounded ? table.carryForward : nil
        // Running sums of the row amounts (`sums[k]`: rows 0..<k), computed once for carry tables:
        // the grand total sizes the reserved carry rows (the widest figure they will show) and every
        // carry row reads its figure from here (Foundation's Decimal addition is slow: one per row).
        var sums: [Decimal] = []
        var completedRows = 0
        var carryBottomHeight = 0.0, carryTopHeight = 0.0
        if let carry {
            sums.reserveCapacity(body + 1)
            var running = Decimal(0)
            sums.append(running)
            for row in table.rows {
                if let amount = row.amount { running += amount }
                sums.append(running)
            }
            ctx.carriedForward = carry.format(running)
            carryBottomHeight = try measureRow(carry.bottom, in: table, columns: columns, isHeader: false).height
            carryTopHeight = try measureRow(carry.top, in: table, columns: columns, isHeader: false).height
            ctx.carriedForward = nil
        }
        func carryRow(_ row: TableRow) throws(LayoutError) -> MeasuredRow {
            ctx.carriedForward = carry?.format(sums[completedRows])
            defer { ctx.carriedForward = nil }
            return try measureRow(row, in: table, columns: columns, isHeader: false)
        }

        space(table.spaceBefore.value)
        var segmentTop = y
        var rowsOnPage = 0
        var afterHeader = false
        func beginSegment(continuation: Bool) throws(LayoutError) {
            segmentTop = y
            rowsOnPage = 0
            for header in headers { draw(header, table: table, ruleAbove: nil) }
            afterHeader = !headers.isEmpty
            if continuation, let carry {
                draw(try carryRow(carry.top), table: table, ruleAbove: nil)
                afterHeader = false
            }
        }
        func endSegment(continuing: Bool) throws(LayoutError) {
            if continuing, let carry {
                draw(try carryRow(carry.bottom), table: table, ruleAbove: table.rules.rows)
            }
            if !headers.isEmpty, let stroke = table.rules.headerBottom, rowsOnPage > 0 || continuing {
                let hy = segmentTop + headerHeight
                items.append(.shape(ShapeItem(.line(from: Point(x: left, y: hy), to: Point(x: left + columns.width, y: hy)), stroke: stroke)))
            }
            if let stroke = table.rules.outer {
                items.append(.shape(ShapeItem(.rect(Rect(x: left, y: segmentTop, width: columns.width, height: y - segmentTop)), stroke: stroke)))
            }
        }
        func breakPage() throws(LayoutError) {
            try endSegment(continuing: true)
            newPage()
            try beginSegment(continuation: true)
        }

        // Do not strand the header (and a top carry row) at the bottom of a page without a first row.
        if bounded, pageHasContent, total > 0 {
            let first = try measureRow(total > body ? table.footerRows[0] : table.rows[0], in: table, columns: columns, isHeader: false)
            if headerHeight + min(first.height, bodyHeight / 2) + (total > 1 ? carryBottomHeight : 0) > remaining {
                newPage()
            }
        }
        try beginSegment(continuation: false)

        var index = 0
        var pending: MeasuredRow?
        while index < total {
            let source = index < body ? table.rows[index] : table.footerRows[index - body]
            var row: MeasuredRow
            if let p = pending { row = p } else { row = try measureRow(source, in: table, columns: columns, isHeader: false) }
            let isLast = index == total - 1
            let reserve = (carry != nil && !isLast) ? carryBottomHeight : 0
            let ruleAbove: Stroke? = afterHeader ? nil : (rowsOnPage > 0 ? table.rules.rows : nil)
            if !bounded || row.height <= remaining - reserve + 0.001 {
                draw(consume row, table: table, ruleAbove: ruleAbove)
                afterHeader = false
                rowsOnPage += 1
                if index < body { completedRows = index + 1 }
                pending = nil
                index += 1
                continue
            }
            // The row does not fit in what is left of this page.
            let splitRoom = remaining - (carry != nil ? carryBottomHeight : 0)
            let fresh = rowsOnPage == 0
            let pageRoom = bodyHeight - headerHeight - carryTopHeight - reserve
            let maySplit = !row.keepTogether || row.height > pageRoom
            if maySplit || fresh, let (part, rest) = split(row, available: splitRoom) {
                if !maySplit { ctx.warn(.keepIgnored, "a keep-together table row is taller than a page; it is split") }
                draw(consume part, table: table, ruleAbove: ruleAbove)
                afterHeader = false
                rowsOnPage += 1
                pending = rest
                try breakPage()
            } else if fresh {
                ctx.warn(.overflow, "a table row does not fit on a page and cannot be split")
                draw(consume row, table: table, ruleAbove: ruleAbove)
                rowsOnPage += 1
                if index < body { completedRows = index + 1 }
                pending = nil
                index += 1
            } else {
                try breakPage()
            }
        }
        try endSegment(continuing: false)
        space(table.spaceAfter.value)
    }
}
