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

/// An immutable box: compiled nodes are matched on every bind, and matching a large struct payload
/// copies it (memcpy + a retain per field); a box costs one retain.
final class Ref<T: Sendable>: Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Style properties that may depend on the data (`bold: (item.highlight)`, `style: (x ? "a" : "b")`).
final class StyleSpec: Sendable {
    let name: String?
    let dynamicName: Expr?
    let overrides: Style?
    let dynamicBold: Expr?
    let dynamicItalic: Expr?
    let isStatic: Bool

    init(name: String? = nil, dynamicName: Expr? = nil, overrides: Style? = nil, dynamicBold: Expr? = nil,
         dynamicItalic: Expr? = nil) {
        self.name = name
        self.dynamicName = dynamicName
        self.overrides = overrides
        self.dynamicBold = dynamicBold
        self.dynamicItalic = dynamicItalic
        isStatic = dynamicName == nil && dynamicBold == nil && dynamicItalic == nil
    }

    static let none = StyleSpec()
}

enum BlockNode: Sendable {
    case paragraph(Ref<ParagraphNode>)
    case table(Ref<TableNode>)
    case image(Ref<ImageNode>)
    case spacer(Points)
    case rule(Rule)
    case pageBreak
    case keep([Flow<BlockNode>])
    case frame(Ref<FrameNode>)
    case address(Ref<AddressNode>)
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

final class RowNode: Sendable {
    let cells: [Flow<CellNode>]
    let amount: Expr?
    let keepTogether: Bool
    let background: Color?
    let minHeight: Points
    let text: StyleSpec
    let location: SourceLocation

    init(cells: [Flow<CellNode>], amount: Expr?, keepTogether: Bool, background: Color?, minHeight: Points,
         text: StyleSpec, location: SourceLocation) {
        self.cells = cells
        self.amount = amount
        self.keepTogether = keepTogether
        self.background = background
        self.minHeight = minHeight
        self.text = text
        self.location = location
    }
}

enum CellContent: Sendable {
    case text([Flow<InlineNode>])
    case blocks([Flow<BlockNode>])
}

final class CellNode: Sendable {
    let content: CellContent
    let columnSpan: Int
    let style: StyleSpec
    let background: Color?
    let padding: Insets?
    let borders: Borders
    let verticalAlignment: VerticalAlignment

    init(content: CellContent, columnSpan: Int, style: StyleSpec, background: Color?, padding: Insets?,
         borders: Borders, verticalAlignment: VerticalAlignment) {
        self.content = content
        self.columnSpan = columnSpan
        self.style = style
        self.background = background
        self.padding = padding
        self.borders = borders
        self.verticalAlignment = verticalAlignment
    }
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
    case frame(Ref<FrameNode>)
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
