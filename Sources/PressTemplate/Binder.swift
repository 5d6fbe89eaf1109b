import Foundation
import PressData
import PressLayout
import PressImages

/// Binds one record to a compiled template: walks the compiled nodes, evaluates expressions, and
/// builds the layout `Document`. One per record; never shared.
final class Binder {
    let template: CompiledTemplate
    let evaluator: Evaluator
    let context: BindContext
    var blockCount = 0
    // DIN 5008 parts collected from `address` in the body.
    var returnAddress: [Block] = []
    var endorsement: [Block] = []
    var address: [Block] = []
    var information: [Block] = []
    var addressSeen = false

    init(template: CompiledTemplate, evaluator: Evaluator, context: BindContext) {
        self.template = template
        self.evaluator = evaluator
        self.context = context
    }

    // MARK: Flow

    func walk<T>(_ flows: [Flow<T>], _ visit: (T) throws -> Void) throws {
        for flow in flows {
            switch flow {
            case .item(let x):
                try visit(x)
            case .set(let slot, let expr):
                evaluator.slots[slot] = try evaluator.eval(expr)
            case .branch(let branches, let otherwise):
                var taken = false
                for branch in branches {
                    if try evaluator.eval(branch.condition).truthy {
                        try walk(branch.body, visit)
                        taken = true
                        break
                    }
                }
                if !taken, let otherwise { try walk(otherwise, visit) }
            case .loop(let element, let state, let sequence, let body, let location):
                let elements = try evaluator.eval(sequence).elements
                let count = elements.count
                for (i, x) in elements.enumerated() {
                    try evaluator.step(location)
                    evaluator.slots[element] = x
                    evaluator.slots[state] = .loop(index: i, count: count)
                    try walk(body, visit)
                }
            }
        }
    }

    // MARK: Styles and text

    func resolve(_ spec: StyleSpec, default defaultStyle: String?) throws -> (String?, Style?) {
        if spec.isStatic { return (spec.name ?? defaultStyle, spec.overrides) }
        var name = spec.name ?? defaultStyle
        if let e = spec.dynamicName {
            let v = evaluator.display(try evaluator.eval(e))
            if !v.isEmpty { name = v }
        }
        var overrides = spec.overrides
        if let e = spec.dynamicBold {
            if overrides == nil { overrides = Style() }
            overrides!.bold = try evaluator.eval(e).truthy
        }
        if let e = spec.dynamicItalic {
            if overrides == nil { overrides = Style() }
            overrides!.italic = try evaluator.eval(e).truthy
        }
        return (name, overrides)
    }

    struct InlineState {
        var bold = false
        var italic = false
    }

    static let boldOverride = Style(bold: true)
    static let italicOverride = Style(italic: true)
    static let boldItalicOverride = Style(bold: true, italic: true)

    /// Appends `text` as spans; private-use sentinels become page placeholders and bold/italic switches.
    func appendText(_ text: String, style: String?, overrides: Style?, to spans: inout [Span], state: inout InlineState) {
        if text.isEmpty { return }
        if !Binder.hasSentinel(text) {
            spans.append(Span(text, style: style, overrides: stateOverrides(overrides, state)))
            return
        }
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                spans.append(Span(String(current), style: style, overrides: stateOverrides(overrides, state)))
                current = String.UnicodeScalarView()
            }
        }
        for scalar in text.unicodeScalars {
            guard Sentinel.isSentinel(scalar) else {
                current.append(scalar)
                continue
            }
            flush()
            switch Character(scalar) {
            case Sentinel.pageNumber: spans.append(Span(content: .pageNumber, style: style, overrides: stateOverrides(overrides, state)))
            case Sentinel.pageCount: spans.append(Span(content: .pageCount, style: style, overrides: stateOverrides(overrides, state)))
            case Sentinel.carriedForward: spans.append(Span(content: .carriedForward, style: style, overrides: stateOverrides(overrides, state)))
            case Sentinel.boldToggle: state.bold.toggle()
            case Sentinel.italicToggle: state.italic.toggle()
            default: break
            }
        }
        flush()
    }

    /// Whether `text` may hold a sentinel (U+E000…U+E004, UTF-8 EE 80 80…84).
    static func hasSentinel(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { buffer in
            buffer.withUnsafeBytes { raw in raw.baseAddress.map { memchr($0, 0xEE, raw.count) != nil } ?? false }
        } ?? text.utf8.contains(0xEE)
    }

    private func stateOverrides(_ overrides: Style?, _ state: InlineState) -> Style? {
        if !state.bold && !state.italic { return overrides }
        let toggles = state.bold && state.italic ? Binder.boldItalicOverride : state.bold ? Binder.boldOverride : Binder.italicOverride
        guard let overrides else { return toggles }
        return toggles.merged(over: overrides)
    }

    func spans(_ flows: [Flow<InlineNode>]) throws -> [Span] {
        // Fast path: one text without page placeholders or bold/italic switches (most cells).
        if flows.count == 1, case .item(.text(let e)) = flows[0] {
            let text = evaluator.display(try evaluator.eval(e))
            if text.isEmpty { return [] }
            if !Binder.hasSentinel(text) { return [Span(text)] }
        }
        var spans: [Span] = []
        spans.reserveCapacity(flows.count)
        var state = InlineState()
        try walk(flows) { node in
            switch node {
            case .text(let e):
                appendText(evaluator.display(try evaluator.eval(e)), style: nil, overrides: nil, to: &spans, state: &state)
            case .span(let e, let spec):
                let (name, overrides) = try resolve(spec, default: nil)
                appendText(evaluator.display(try evaluator.eval(e)), style: name, overrides: overrides, to: &spans, state: &state)
            case .lineBreak:
                spans.append(Span("\n"))
            }
        }
        return spans
    }

    // MARK: Blocks

    func countBlock(_ location: SourceLocation?) throws {
        blockCount += 1
        if blockCount > context.limits.maxBlocks {
            throw TemplateError(TemplateDiagnostic(.limit, at: location ?? SourceLocation(file: template.name, line: 1, column: 1),
                                                   "more than \(context.limits.maxBlocks) blocks in one document"))
        }
    }

    func blocks(_ flows: [Flow<BlockNode>], defaultStyle: String? = nil) throws -> [Block] {
        var result: [Block] = []
        try walk(flows) { node in
            try countBlock(nil)
            switch node {
            case .paragraph(let box):
                let p = box.value
                let (name, overrides) = try resolve(p.style, default: defaultStyle)
                result.append(.paragraph(Paragraph(try spans(p.content), style: name, overrides: overrides)))
            case .table(let t):
                result.append(.table(try table(t.value)))
            case .image(let i):
                result.append(.image(try image(i.value)))
            case .spacer(let height):
                result.append(.spacer(height))
            case .rule(let rule):
                result.append(.rule(rule))
            case .pageBreak:
                result.append(.pageBreak)
            case .keep(let inner):
                result.append(.keepTogether(try blocks(inner, defaultStyle: defaultStyle)))
            case .frame(let f):
                result.append(.frame(try frame(f.value)))
            case .address(let a):
                try bindAddress(a.value)
            }
        }
        return result
    }

    func frame(_ f: FrameNode) throws -> Frame {
        Frame(x: f.x, y: f.y, width: f.width, height: f.height, blocks: try blocks(f.blocks),
              verticalAlignment: f.verticalAlignment, padding: f.padding, background: f.background, border: f.border)
    }

    func image(_ node: ImageNode) throws -> ImageBlock {
        let resource: ImageResource
        switch node.source {
        case .resource(let r):
            resource = r
        case .path(let e):
            let path = evaluator.display(try evaluator.eval(e))
            resource = try loadDataImage(path, at: node.location)
        }
        return ImageBlock(resource, width: node.width, height: node.height, dpi: node.dpi, alignment: node.alignment,
                          spaceBefore: node.spaceBefore, spaceAfter: node.spaceAfter)
    }

    /// An image named by the data: only inside the allowed folders (templates cannot read arbitrary files).
    func loadDataImage(_ path: String, at location: SourceLocation) throws -> ImageResource {
        let roots = (context.imageDirectories.isEmpty ? [template.directory] : context.imageDirectories)
            .map { ($0 as NSString).standardizingPath }
        for root in roots {
            let candidate = ((path.hasPrefix("/") ? path : root + "/" + path) as NSString).standardizingPath
            guard candidate.hasPrefix(root + "/") else { continue }
            if FileManager.default.fileExists(atPath: candidate) {
                do {
                    return try context.images.image(at: candidate)
                } catch {
                    throw TemplateError(TemplateDiagnostic(.io, at: location, "cannot load image '\(path)': \(error)"))
                }
            }
        }
        throw TemplateError(TemplateDiagnostic(.io, at: location, "image '\(path)' from the data not found",
            expected: "a file inside \(roots.map(Compiler.displayPath).joined(separator: " or "))",
            hint: path.isEmpty ? "the data has no image path here" : nil))
    }

    func bindAddress(_ node: AddressNode) throws {
        guard !addressSeen else {
            evaluator.warnings.append(TemplateDiagnostic(.invalidValue, .warning, at: node.location,
                                                          "only the first 'address' is used (one address field per letter)"))
            return
        }
        addressSeen = true
        try walk(node.items) { item in
            switch item {
            case .block(let b):
                address += try blocks([.item(b)])
            case .returnAddress(let e, _):
                let text = evaluator.display(try evaluator.eval(e))
                if !text.isEmpty { returnAddress.append(.paragraph(smallParagraph(text, styleName: "return-address", size: 7))) }
            case .endorsement(let e, _):
                let text = evaluator.display(try evaluator.eval(e))
                if !text.isEmpty { endorsement.append(.paragraph(smallParagraph(text, styleName: "endorsement", size: 8))) }
            case .information(let flows):
                information += try blocks(flows)
            }
        }
    }

    private func smallParagraph(_ text: String, styleName: String, size: Points) -> Paragraph {
        if template.styles[styleName] != nil { return Paragraph(text, style: styleName) }
        return Paragraph(text, overrides: Style(fontSize: size))
    }

    // MARK: Tables

    func table(_ node: TableNode) throws -> Table {
        // The body flow first: it also holds the `let`s and sub-template arguments written before a
        // `header`/`footer` (those elements are lifted out of the flow when compiling).
        let body = try rows(node.rows, extraText: nil, cellStyle: node.cellStyle)
        let header = try rows(node.header, extraText: node.headerText, cellStyle: node.cellStyle)
        let footer = try rows(node.footer, extraText: node.footerText, cellStyle: node.cellStyle)
        var carry: CarryForward?
        if let c = node.carryForward { carry = try carryForward(c, columns: node.columns.count) }
        return Table(columns: node.columns, headerRows: header, rows: body, footerRows: footer, rules: node.rules,
                     cellPadding: node.cellPadding, cellStyle: node.cellStyle, headerBackground: node.headerBackground,
                     carryForward: carry, spaceBefore: node.spaceBefore, spaceAfter: node.spaceAfter,
                     keepWithNext: node.keepWithNext)
    }

    func rows(_ flows: [Flow<RowNode>], extraText: Style?, cellStyle: String?) throws -> [TableRow] {
        var result: [TableRow] = []
        try walk(flows) { node in
            try countBlock(node.location)
            result.append(try row(node, extraText: extraText, cellStyle: cellStyle))
        }
        return result
    }

    func row(_ node: RowNode, extraText: Style?, cellStyle: String?) throws -> TableRow {
        var (rowStyle, rowOverrides) = try resolve(node.text, default: nil)
        if let extraText { rowOverrides = rowOverrides.map { $0.merged(over: extraText) } ?? extraText }
        var cells: [TableCell] = []
        // TableCell is a large struct: growing the array from empty copies every cell several times.
        cells.reserveCapacity(node.cells.count)
        try walk(node.cells) { cell in
            cells.append(try self.cell(cell, rowStyle: rowStyle, rowOverrides: rowOverrides, tableStyle: cellStyle))
        }
        var amount: Decimal?
        if let e = node.amount {
            let v = try evaluator.eval(e)
            if !v.isMissing {
                guard let n = v.number else {
                    throw TemplateError(TemplateDiagnostic(.typeMismatch, at: node.location,
                        "type mismatch: a row amount must be a number, found \(v.kindDescription)"))
                }
                amount = n
            }
        }
        return TableRow(cells, keepTogether: node.keepTogether, amount: amount, background: node.background,
                        minHeight: node.minHeight)
    }

    func cell(_ node: CellNode, rowStyle: String?, rowOverrides: Style?, tableStyle: String?) throws -> TableCell {
        // Fast path (most cells): a static style and no row overrides; `Style` is a large struct, so
        // skipping the tuple and the merge saves several copies per cell.
        if rowOverrides == nil, node.style.isStatic, case .text(let inline) = node.content {
            return TableCell([.paragraph(Paragraph(try spans(inline), style: node.style.name ?? rowStyle,
                                                   overrides: node.style.overrides))],
                             columnSpan: node.columnSpan, background: node.background, padding: node.padding,
                             borders: node.borders, verticalAlignment: node.verticalAlignment)
        }
        var (name, overrides) = try resolve(node.style, default: rowStyle)
        if let rowOverrides { overrides = overrides.map { $0.merged(over: rowOverrides) } ?? rowOverrides }
        let blocks: [Block]
        switch node.content {
        case .text(let inline):
            blocks = [.paragraph(Paragraph(try spans(inline), style: name, overrides: overrides))]
        case .blocks(let flows):
            blocks = try self.blocks(flows, defaultStyle: name ?? tableStyle)
        }
        return TableCell(blocks, columnSpan: node.columnSpan, background: node.background, padding: node.padding,
                         borders: node.borders, verticalAlignment: node.verticalAlignment)
    }

    func carryForward(_ node: CarryNode, columns: Int) throws -> CarryForward {
        let (name, overrides) = try resolve(node.style, default: nil)
        func makeRow(_ label: Expr) throws -> TableRow {
            var spans: [Span] = []
            var state = InlineState()
            appendText(evaluator.display(try evaluator.eval(label)), style: nil, overrides: nil, to: &spans, state: &state)
            let amountStyle = (overrides ?? Style()).merged(over: Style(alignment: .right))
            var cells: [TableCell] = []
            if node.column > 1 {
                cells.append(TableCell([.paragraph(Paragraph(spans, style: name, overrides: overrides))], columnSpan: node.column - 1))
                cells.append(TableCell([.paragraph(Paragraph([.carriedForward()], style: name, overrides: amountStyle))]))
            } else {
                cells.append(TableCell([.paragraph(Paragraph([.carriedForward()], style: name, overrides: amountStyle))]))
            }
            if node.column < columns {
                let rest = node.column == 1 ? spans : []
                cells.append(TableCell([.paragraph(Paragraph(rest, style: name, overrides: overrides))], columnSpan: columns - node.column))
            }
            return TableRow(cells, keepTogether: true)
        }
        let locale = evaluator.settings.locale
        let currency = evaluator.settings.currency
        let format: @Sendable (Decimal) -> String
        switch node.format {
        case .money: format = { locale.formatMoney($0, currency: currency) }
        case .number: format = { locale.formatNumber($0, decimals: 2) }
        }
        return CarryForward(bottom: try makeRow(node.bottom), top: try makeRow(node.top), format: format)
    }

    // MARK: Masters

    func master(_ node: MasterNode?, letter: Din5008Letter?) throws -> PageMaster {
        var header: Region?
        var footer: Region?
        var frames: [Frame] = []
        func collect(_ items: [Flow<MasterItem>]) throws {
            try walk(items) { item in
                switch item {
                case .header(let flows, let offset): header = Region(try blocks(flows), offset: offset ?? .mm(10))
                case .footer(let flows, let offset): footer = Region(try blocks(flows), offset: offset ?? .mm(10))
                case .frame(let f): frames.append(try frame(f.value))
                }
            }
        }
        try collect(template.page.common.items)
        if let node { try collect(node.items) }
        let margins = node?.margins ?? template.page.margins
        if let letter {
            var master = letter.firstPageMaster(header: header, footer: footer, frames: frames)
            if let margins { master.margins = margins }
            return master
        }
        return PageMaster(margins: margins ?? .all(.mm(20)), header: header, footer: footer, frames: frames)
    }
}
