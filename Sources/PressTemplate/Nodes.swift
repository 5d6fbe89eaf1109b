import Foundation
import PressLayout
import PressImages

/// Compiled markup: what `Binder` walks for each record. Static properties are already converted to
/// layout values; only expressions are evaluated per record.
indirect enum Flow<Item: Sendable>: Sendable {
    case item(Item)
    /// `let`: evaluate into a slot.
    case set(Int, Expr)
    /// `if` / `elif` / `else`.
    case branch([Branch<Item>], [Flow<Item>]?)
    /// `for name in expr`: element slot, loop-state slot, sequence, body.
    case loop(element: Int, state: Int, Expr, [Flow<Item>], SourceLocation)
}

struct Branch<Item: Sendable>: Sendable {
    var condition: Expr
    var body: [Flow<Item>]
}

/// Style properties that may depend on the data (`bold: (item.highlight)`, `style: (x ? "a" : "b")`).
struct StyleSpec: Sendable {
    var name: String?
    var dynamicName: Expr?
    var overrides: Style?
    var dynamicBold: Expr?
    var dynamicItalic: Expr?

    static let none = StyleSpec()
    var isStatic: Bool { dynamicName == nil && dynamicBold == nil && dynamicItalic == nil }
}

enum BlockNode: Sendable {
    case paragraph(ParagraphNode)
    case table(TableNode)
    case image(ImageNode)
    case spacer(Points)
    case rule(Rule)
    case pageBreak
    case keep([Flow<BlockNode>])
    case frame(FrameNode)
    case address(AddressNode)
}

struct ParagraphNode: Sendable {
    var style: StyleSpec
    var content: [Flow<InlineNode>]
}

enum InlineNode: Sendable {
    case text(Expr)
    case span(Expr, StyleSpec)
    case lineBreak
}

struct TableNode: Sendable {
    var columns: [TableColumn]
    var header: [Flow<RowNode>]
    var rows: [Flow<RowNode>]
    var footer: [Flow<RowNode>]
    var carryForward: CarryNode?
    var rules: TableRules
    var cellPadding: Insets
    var cellStyle: String?
    var headerBackground: Color?
    /// Text properties of the `header` element (e.g. `bold: true`) applied to its cells.
    var headerText: Style?
    var footerText: Style?
    var spaceBefore: Points
    var spaceAfter: Points
    var keepWithNext: Bool
    var location: SourceLocation
}

struct RowNode: Sendable {
    var cells: [Flow<CellNode>]
    var amount: Expr?
    var keepTogether: Bool
    var background: Color?
    var minHeight: Points
    var text: StyleSpec
    var location: SourceLocation
}

enum CellContent: Sendable {
    case text([Flow<InlineNode>])
    case blocks([Flow<BlockNode>])
}

struct CellNode: Sendable {
    var content: CellContent
    var columnSpan: Int
    var style: StyleSpec
    var background: Color?
    var padding: Insets?
    var borders: Borders
    var verticalAlignment: VerticalAlignment
}

struct CarryNode: Sendable {
    var column: Int
    var bottom: Expr
    var top: Expr
    var style: StyleSpec
    var format: CarryFormat
    var location: SourceLocation
}

enum CarryFormat: String, Sendable { case money, number }

enum ImageSource: Sendable {
    case resource(ImageResource)
    case path(Expr)
}

struct ImageNode: Sendable {
    var source: ImageSource
    var width: Points?
    var height: Points?
    var dpi: Double
    var alignment: TextAlignment
    var spaceBefore: Points
    var spaceAfter: Points
    var location: SourceLocation
}

struct FrameNode: Sendable {
    var x: Points
    var y: Points
    var width: Points
    var height: Points?
    var blocks: [Flow<BlockNode>]
    var verticalAlignment: VerticalAlignment
    var padding: Insets
    var background: Color?
    var border: Stroke?
}

enum AddressItem: Sendable {
    case block(BlockNode)
    case returnAddress(Expr, StyleSpec)
    case endorsement(Expr, StyleSpec)
    case information([Flow<BlockNode>])
}

struct AddressNode: Sendable {
    var items: [Flow<AddressItem>]
    var location: SourceLocation
}

enum MasterItem: Sendable {
    case header([Flow<BlockNode>], offset: Points?)
    case footer([Flow<BlockNode>], offset: Points?)
    case frame(FrameNode)
}

struct MasterNode: Sendable {
    var margins: Insets?
    var items: [Flow<MasterItem>] = []
}

struct PageNode: Sendable {
    var size: PageSize = .a4
    var orientation: PageOrientation = .portrait
    var margins: Insets?
    var letter: Din5008Letter.Form?
    var foldMarks = true
    var holeMark = true
    var common = MasterNode()
    var first: MasterNode?
    var following: MasterNode?
}

struct DocumentNode: Sendable {
    var title: Expr?
    var author: Expr?
    var subject: Expr?
    var keywords: Expr?
    var language: Expr?
    var defaultLanguage: String = "de"
    var currency: Expr?
    var fallbackFonts: [String] = []
}
