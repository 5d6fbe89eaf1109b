// Tables: columns, header rows repeated on every page, body rows, spans, rules, carried-forward subtotals.
public import Foundation

/// A table in the flow. Header rows repeat at the top of every page the table covers; body rows split
/// across pages unless `keepTogether`; a `CarryForward` adds "carried forward" rows at page breaks.
public struct Table: Sendable {
    public var columns: [TableColumn]
    /// Repeated at the top of every page the table is on.
    public var headerRows: [TableRow]
    public var rows: [TableRow]
    /// Placed once after the last body row (totals); kept together with the last body row.
    public var footerRows: [TableRow]
    /// Lines between and around cells (cell `borders` are drawn in addition).
    public var rules: TableRules
    /// Padding of every cell unless the cell sets its own. Default 2 pt vertical, 3 pt horizontal.
    public var cellPadding: Insets
    /// Default paragraph style of cells that do not name one.
    public var cellStyle: String?
    /// Background of header rows unless the row or cell sets one.
    public var headerBackground: Color?
    /// Carried-forward subtotal rows at each page break; nil: none.
    public var carryForward: CarryForward?
    public var spaceBefore: Points
    public var spaceAfter: Points
    /// Keep the table's start on the same page as the next block.
    public var keepWithNext: Bool

    public init(columns: [TableColumn], headerRows: [TableRow] = [], rows: [TableRow],
                footerRows: [TableRow] = [], rules: TableRules = TableRules(),
                cellPadding: Insets = .symmetric(vertical: 2, horizontal: 3), cellStyle: String? = nil,
                headerBackground: Color? = nil, carryForward: CarryForward? = nil,
                spaceBefore: Points = 0, spaceAfter: Points = 0, keepWithNext: Bool = false) {
        self.columns = columns
        self.headerRows = headerRows
        self.rows = rows
        self.footerRows = footerRows
        self.rules = rules
        self.cellPadding = cellPadding
        self.cellStyle = cellStyle
        self.headerBackground = headerBackground
        self.carryForward = carryForward
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
    }
}

/// One column of a table.
public struct TableColumn: Sendable, Hashable {
    public var width: ColumnWidth
    public init(_ width: ColumnWidth) { self.width = width }
    public static func fixed(_ width: Points) -> TableColumn { TableColumn(.fixed(width)) }
    public static func relative(_ weight: Double) -> TableColumn { TableColumn(.relative(weight)) }
    public static let auto = TableColumn(.auto)
}

/// How a column's width is found. Fixed columns are served first, then auto columns get their content's
/// natural width (capped so that relative columns keep at least a share), then relative columns share the
/// rest in proportion to their weights.
public enum ColumnWidth: Sendable, Hashable {
    case fixed(Points)
    /// A share of the width left after fixed and auto columns (weights are relative to each other).
    case relative(Double)
    /// The widest unbroken content of the column (its longest line without wrapping), plus padding.
    case auto
}

/// One row of a table.
public struct TableRow: Sendable {
    public var cells: [TableCell]
    /// Never split this row across pages (it moves to the next page as a whole when it does not fit).
    /// When false, a row taller than the rest of the page is split between lines of its cells.
    public var keepTogether: Bool
    /// The amount summed into the carried-forward subtotal (money is `Decimal`); nil counts as zero.
    public var amount: Decimal?
    /// Background of the whole row (cells may override).
    public var background: Color?
    /// Minimum height of the row.
    public var minHeight: Points

    public init(_ cells: [TableCell], keepTogether: Bool = false, amount: Decimal? = nil,
                background: Color? = nil, minHeight: Points = 0) {
        self.cells = cells
        self.keepTogether = keepTogether
        self.amount = amount
        self.background = background
        self.minHeight = minHeight
    }
}

/// One cell of a table row: a small flow of blocks (usually one paragraph).
public struct TableCell: Sendable {
    public var blocks: [Block]
    /// Number of columns the cell covers (>= 1).
    public var columnSpan: Int
    /// Overrides the row's and table's background.
    public var background: Color?
    /// Overrides the table's `cellPadding`.
    public var padding: Insets?
    /// Lines drawn on the cell's edges, in addition to the table's rules.
    public var borders: Borders {
        get { boxedBorders?.value ?? Borders() }
        set { boxedBorders = newValue.isEmpty ? nil : Boxed(newValue) }
    }
    /// Out of line and nil when no edge is set (see ``Boxed``): most cells have no borders.
    private(set) var boxedBorders: Boxed<Borders>?
    public var verticalAlignment: VerticalAlignment

    public init(_ blocks: [Block], columnSpan: Int = 1, background: Color? = nil, padding: Insets? = nil,
                borders: Borders? = nil, verticalAlignment: VerticalAlignment = .top) {
        self.blocks = blocks
        self.columnSpan = columnSpan
        self.background = background
        self.padding = padding
        // nil by default: building, checking and destroying an empty `Borders` (four optional strokes)
        // per cell showed in the profile of document building.
        if let borders, !borders.isEmpty { self.boxedBorders = Boxed(borders) } else { self.boxedBorders = nil }
        self.verticalAlignment = verticalAlignment
    }

    /// A cell of one paragraph with one text span.
    public init(_ text: String, style: String? = nil, alignment: TextAlignment? = nil, columnSpan: Int = 1,
                background: Color? = nil) {
        let overrides = alignment.map { Style(alignment: $0) }
        self.init([.paragraph(Paragraph([Span(text)], style: style, overrides: overrides))],
                  columnSpan: columnSpan, background: background)
    }

    /// A cell of one paragraph of spans.
    public init(_ spans: [Span], style: String? = nil, alignment: TextAlignment? = nil, columnSpan: Int = 1,
                background: Color? = nil) {
        let overrides = alignment.map { Style(alignment: $0) }
        self.init([.paragraph(Paragraph(spans, style: style, overrides: overrides))],
                  columnSpan: columnSpan, background: background)
    }
}

/// Strokes for the four edges of a box; nil: no line.
public struct Borders: Sendable, Hashable {
    public var top: Stroke?
    public var right: Stroke?
    public var bottom: Stroke?
    public var left: Stroke?

    public init(top: Stroke? = nil, right: Stroke? = nil, bottom: Stroke? = nil, left: Stroke? = nil) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// The same stroke on all four edges.
    public static func all(_ stroke: Stroke) -> Borders { Borders(top: stroke, right: stroke, bottom: stroke, left: stroke) }
}

/// Table-wide lines. Each nil: not drawn.
public struct TableRules: Sendable, Hashable {
    /// Around each page's part of the table.
    public var outer: Stroke?
    /// Below the (last) header row.
    public var headerBottom: Stroke?
    /// Between body rows.
    public var rows: Stroke?
    /// Between columns.
    public var columns: Stroke?

    public init(outer: Stroke? = nil, headerBottom: Stroke? = nil, rows: Stroke? = nil, columns: Stroke? = nil) {
        self.outer = outer
        self.headerBottom = headerBottom
        self.rows = rows
        self.columns = columns
    }
    /// A full grid of `stroke`.
    public static func grid(_ stroke: Stroke = Stroke()) -> TableRules {
        TableRules(outer: stroke, headerBottom: stroke, rows: stroke, columns: stroke)
    }
}

/// Carried-forward subtotal rows ("Übertrag: 1.234,56 €") at each page break inside a table.
///
/// `bottom` closes every page the table continues from, `top` opens every continuation page (after the
/// repeated header). In their cells, `Span.carriedForward` shows the sum of the `amount` of all body rows
/// completed so far, formatted by `format` (supplied by the template so layout stays locale-agnostic).
/// A row split across pages counts on the page where it ends.
public struct CarryForward: Sendable {
    public var bottom: TableRow
    public var top: TableRow
    public var format: @Sendable (Decimal) -> String

    public init(bottom: TableRow, top: TableRow, format: @escaping @Sendable (Decimal) -> String) {
        self.bottom = bottom
        self.top = top
        self.format = format
    }
}
