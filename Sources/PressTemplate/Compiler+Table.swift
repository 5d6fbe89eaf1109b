import Foundation
import PressLayout

extension Compiler {
    func compileTable(_ e: ElementSyntax) throws -> TableNode {
        try checkProperties(e, allowed: ["columns", "style", "padding", "border", "grid", "row-rule", "column-rule",
                                         "header-rule", "outer-border", "header-background", "space-before",
                                         "space-after", "keep-with-next"])
        try checkPositional(e, max: 0)
        guard let columnsProperty = property(e, "columns") else {
            throw error(.invalidValue, e.location, "a table needs 'columns'", expected: "columns: [20mm, 1fr, auto]")
        }
        var columnValues = columnsProperty.values
        if columnValues.count == 1, case .list(let items) = columnValues[0].kind { columnValues = items }
        let columns: [TableColumn] = try columnValues.map { v in
            switch v.kind {
            case .number(let n, "fr"?): return .relative(NSDecimalNumber(decimal: n).doubleValue)
            case .word("auto"): return .auto
            case .number: return .fixed(try length(v, "columns"))
            default:
                throw error(.invalidValue, v.location, "invalid column width", expected: "a length (25mm), a share (1fr) or auto")
            }
        }
        var rules = TableRules()
        if let p = property(e, "border") ?? property(e, "grid") { rules = .grid(try stroke(p) ?? Stroke()) }
        if let p = property(e, "outer-border") { rules.outer = try stroke(p) }
        if let p = property(e, "row-rule") { rules.rows = try stroke(p) }
        if let p = property(e, "column-rule") { rules.columns = try stroke(p) }
        if let p = property(e, "header-rule") { rules.headerBottom = try stroke(p) }
        var cellStyle: String?
        if let p = property(e, "style") {
            cellStyle = try word(p, [])
            referencedStyles.append((cellStyle!, p.location))
        }
        var node = TableNode(columns: columns, header: [], rows: [], footer: [], carryForward: nil, rules: rules,
                             cellPadding: try property(e, "padding").map(insets) ?? .symmetric(vertical: 2, horizontal: 3),
                             cellStyle: cellStyle,
                             headerBackground: try property(e, "header-background").map { try color(try single($0), "header-background") },
                             headerText: nil, footerText: nil,
                             spaceBefore: try optionalLength(e, "space-before") ?? 0,
                             spaceAfter: try optionalLength(e, "space-after") ?? 0,
                             keepWithNext: try property(e, "keep-with-next").map(bool) ?? false,
                             location: e.location)
        let bodyRows: [Flow<RowNode>] = try compileFlow(e.children) { statement in
            guard case .element(let child) = statement else {
                throw self.unexpected(statement, in: "a table", allowed: ["header", "row", "footer", "carry-forward"])
            }
            switch child.name {
            case "row":
                return [.item(try self.compileRow(child, columns: columns.count))]
            case "header", "footer":
                try self.checkProperties(child, allowed: styleProperties.union(["background"]))
                let rows = try self.compileRows(child.children, columns: columns.count)
                let text = try self.styleOverrides(child)
                if child.name == "header" {
                    node.header += rows
                    node.headerText = text
                    if let p = self.property(child, "background") { node.headerBackground = try self.color(try self.single(p), "background") }
                } else {
                    node.footer += rows
                    node.footerText = text
                }
                return []
            case "carry-forward":
                node.carryForward = try self.compileCarry(child, columns: columns.count)
                return []
            default:
                throw self.unexpected(statement, in: "a table", allowed: ["header", "row", "footer", "carry-forward"])
            }
        }
        node.rows = bodyRows
        return node
    }

    func compileRows(_ statements: [StatementSyntax], columns: Int) throws -> [Flow<RowNode>] {
        try compileFlow(statements) { statement in
            guard case .element(let e) = statement, e.name == "row" else {
                throw self.unexpected(statement, in: "table header/footer", allowed: ["row"])
            }
            return [.item(try self.compileRow(e, columns: columns))]
        }
    }

    func compileRow(_ e: ElementSyntax, columns: Int) throws -> RowNode {
        try checkProperties(e, allowed: styleProperties.union(["style", "amount", "background", "min-height"]))
        try checkPositional(e, max: 0)
        var amount: Expr?
        if let p = property(e, "amount") {
            let v = try single(p)
            switch v.kind {
            case .expression(let x): amount = try compile(x)
            case .number(let n, nil): amount = .constant(.number(n))
            default: throw error(.invalidValue, v.location, "'amount' expects a number or (expression)", expected: "amount: (item.qty * item.price)")
            }
        }
        let cells: [Flow<CellNode>] = try compileFlow(e.children) { statement in
            guard case .element(let c) = statement, c.name == "cell" else {
                throw self.unexpected(statement, in: "a table row", allowed: ["cell"])
            }
            return [.item(try self.compileCell(c))]
        }
        let text = try styleSpec(e, dropKeepTogether: true)
        return RowNode(cells: cells, amount: amount, keepTogether: try property(e, "keep-together").map(bool) ?? false,
                       background: try property(e, "background").map { try color(try single($0), "background") },
                       minHeight: try optionalLength(e, "min-height") ?? 0, text: text, location: e.location)
    }

    func compileCell(_ e: ElementSyntax) throws -> CellNode {
        try checkProperties(e, allowed: styleProperties.union(["style", "span", "colspan", "background", "padding", "border",
                                                               "border-top", "border-bottom", "border-left", "border-right", "valign"]))
        let content: CellContent
        let texts: [Flow<InlineNode>] = try e.positional.map { .item(.text(try textExpr($0))) }
        if e.children.isEmpty {
            content = .text(texts)
        } else if texts.isEmpty, e.children.allSatisfy({ if case .text = $0 { return true } else { return false } }) {
            content = .text(try compileInline(e.children))
        } else {
            var blocks: [Flow<BlockNode>] = texts.isEmpty ? [] : [.item(.paragraph(Ref(ParagraphNode(style: .none, content: texts))))]
            blocks += try compileBlocks(e.children)
            content = .blocks(blocks)
        }
        var borders = Borders()
        if let p = property(e, "border"), let s = try stroke(p) { borders = .all(s) }
        if let p = property(e, "border-top") { borders.top = try stroke(p) }
        if let p = property(e, "border-bottom") { borders.bottom = try stroke(p) }
        if let p = property(e, "border-left") { borders.left = try stroke(p) }
        if let p = property(e, "border-right") { borders.right = try stroke(p) }
        var valign = VerticalAlignment.top
        if let p = property(e, "valign") { valign = VerticalAlignment(rawValue: try word(p, ["top", "middle", "bottom"])) ?? .top }
        return CellNode(content: content, columnSpan: max(1, Int(try (property(e, "span") ?? property(e, "colspan")).map(number) ?? 1)),
                        style: try styleSpec(e),
                        background: try property(e, "background").map { try color(try single($0), "background") },
                        padding: try property(e, "padding").map(insets), borders: borders, verticalAlignment: valign)
    }

    func compileCarry(_ e: ElementSyntax, columns: Int) throws -> CarryNode {
        try checkProperties(e, allowed: styleProperties.union(["style", "column", "bottom", "top", "label", "format"]))
        try checkPositional(e, max: 0)
        let column = Int(try property(e, "column").map(number) ?? Double(columns))
        guard column >= 1, column <= columns else {
            throw error(.invalidValue, property(e, "column")?.location ?? e.location,
                        "carry-forward column \(column) is outside the table's \(columns) columns", expected: "1…\(columns)")
        }
        let label = try property(e, "label").map { try textExpr(try single($0)) }
        guard let bottom = try property(e, "bottom").map({ try textExpr(try single($0)) }) ?? label,
              let top = try property(e, "top").map({ try textExpr(try single($0)) }) ?? label else {
            throw error(.invalidValue, e.location, "carry-forward needs its texts",
                        expected: "carry-forward column: 5 { bottom: \"Zwischensumme\"; top: \"Übertrag\" }")
        }
        var format = CarryFormat.money
        if let p = property(e, "format") { format = CarryFormat(rawValue: try word(p, ["money", "number"])) ?? .money }
        return CarryNode(column: column, bottom: bottom, top: top, style: try styleSpec(e), format: format, location: e.location)
    }
}
