// The document tree: what PressTemplate produces and LayoutEngine lays out.
// Plain Sendable values; lengths are `Points`; nothing here knows about PDF syntax.
public import Foundation
public import PressImages

/// A document to lay out: page setup, page masters, named styles and a body flow of blocks.
public struct Document: Sendable {
    /// Title, author, language, ...; copied to the laid-out document. `language` is also used for shaping.
    public var metadata: DocumentMetadata
    /// Paper size before orientation is applied (default A4).
    public var pageSize: PageSize
    public var orientation: PageOrientation
    /// The master of page 1 (margins, header, footer, frames, DIN 5008 letter parts).
    public var firstPage: PageMaster
    /// The master of pages 2, 3, ...
    public var followingPages: PageMaster
    /// Named styles, referenced by `Paragraph.style` and `Span.style`; each may name a parent.
    public var styles: [String: Style]
    /// The root style every lookup starts from; its unset fields take `Style.defaults`.
    public var baseStyle: Style
    /// Families tried in order, per character, when the style's font has no glyph for it.
    public var fallbackFamilies: [String]
    /// The body flow, laid out from the top of the first page's body area.
    public var body: [Block]

    /// A document whose pages all use `master`.
    public init(metadata: DocumentMetadata = DocumentMetadata(), pageSize: PageSize = .a4,
                orientation: PageOrientation = .portrait, master: PageMaster = PageMaster(),
                styles: [String: Style] = [:], baseStyle: Style = Style(), fallbackFamilies: [String] = [],
                body: [Block] = []) {
        self.init(metadata: metadata, pageSize: pageSize, orientation: orientation, firstPage: master,
                  followingPages: master, styles: styles, baseStyle: baseStyle,
                  fallbackFamilies: fallbackFamilies, body: body)
    }

    /// A document with a different master for the first page.
    public init(metadata: DocumentMetadata = DocumentMetadata(), pageSize: PageSize = .a4,
                orientation: PageOrientation = .portrait, firstPage: PageMaster, followingPages: PageMaster,
                styles: [String: Style] = [:], baseStyle: Style = Style(), fallbackFamilies: [String] = [],
                body: [Block] = []) {
        self.metadata = metadata
        self.pageSize = pageSize
        self.orientation = orientation
        self.firstPage = firstPage
        self.followingPages = followingPages
        self.styles = styles
        self.baseStyle = baseStyle
        self.fallbackFamilies = fallbackFamilies
        self.body = body
    }

    /// The page size after applying the orientation.
    public var orientedPageSize: Size {
        let w = pageSize.width.value, h = pageSize.height.value
        switch orientation {
        case .portrait: return Size(width: min(w, h), height: max(w, h))
        case .landscape: return Size(width: max(w, h), height: min(w, h))
        }
    }
}

/// Paper size (width x height in portrait). Presets: A4, A5, A3, Letter, Legal; or any custom size.
public struct PageSize: Sendable, Hashable {
    public var width: Points
    public var height: Points
    public init(width: Points, height: Points) {
        self.width = width
        self.height = height
    }
    /// ISO 216 A4, 210 x 297 mm.
    public static let a4 = PageSize(width: .mm(210), height: .mm(297))
    /// ISO 216 A5, 148 x 210 mm.
    public static let a5 = PageSize(width: .mm(148), height: .mm(210))
    /// ISO 216 A3, 297 x 420 mm.
    public static let a3 = PageSize(width: .mm(297), height: .mm(420))
    /// US Letter, 8.5 x 11 in.
    public static let letter = PageSize(width: .inch(8.5), height: .inch(11))
    /// US Legal, 8.5 x 14 in.
    public static let legal = PageSize(width: .inch(8.5), height: .inch(14))

    /// The preset called `name` (case-insensitive: `a3`, `a4`, `a5`, `letter`, `legal`); nil when unknown,
    /// so a template can report an unknown page size with its location.
    public static func named(_ name: String) -> PageSize? {
        switch name.lowercased() {
        case "a3": return .a3
        case "a4": return .a4
        case "a5": return .a5
        case "letter": return .letter
        case "legal": return .legal
        default: return nil
        }
    }
}

/// Page orientation: portrait keeps the long side vertical.
public enum PageOrientation: String, Sendable, Hashable {
    case portrait, landscape
}

/// One element of a flow (body, header, footer, frame, table cell).
///
/// The large payloads are `indirect` (one pointer), so a `Block` is about the size of a paragraph:
/// blocks are copied into and out of arrays for every table cell.
public enum Block: Sendable {
    /// A paragraph of styled spans, broken into lines.
    case paragraph(Paragraph)
    /// A table, split across pages by rows (and inside rows when a row is taller than the rest of the page).
    indirect case table(Table)
    /// An image in the flow.
    indirect case image(ImageBlock)
    /// Vertical space in points; dropped at the top of a page.
    case spacer(Points)
    /// A horizontal line across the flow's width.
    indirect case rule(Rule)
    /// Continue on a new page.
    case pageBreak
    /// Blocks kept on one page when they fit on one (moved to the next page as a whole otherwise).
    case keepTogether([Block])
    /// A frame placed at absolute page coordinates on the page where the flow currently is;
    /// takes no room in the flow.
    indirect case frame(Frame)
}

/// A paragraph: spans of text with styles, broken into lines.
public struct Paragraph: Sendable {
    public var spans: [Span]
    /// Named style (paragraph and character properties); nil: the document's base style.
    public var style: String?
    /// Properties that override the named style for this paragraph only.
    public var overrides: Style? {
        get { boxedOverrides?.value }
        set { boxedOverrides = newValue.map(Boxed.init) }
    }
    /// Out of line (see ``Boxed``): paragraphs are copied with every cell and block.
    private var boxedOverrides: Boxed<Style>?
    /// Whether `overrides` is set, without copying the 200-byte `Style?` out (layout asks per paragraph).
    var hasOverrides: Bool { boxedOverrides != nil }

    public init(_ spans: [Span], style: String? = nil, overrides: Style? = nil) {
        self.spans = spans
        self.style = style
        self.boxedOverrides = overrides.map(Boxed.init)
    }

    /// A paragraph of one plain text span.
    public init(_ text: String, style: String? = nil, overrides: Style? = nil) {
        self.init([Span(text)], style: style, overrides: overrides)
    }
}

/// A piece of a paragraph: text or a placeholder, with optional character style.
public struct Span: Sendable {
    /// What the span shows.
    public enum Content: Sendable, Hashable {
        /// Literal text. `\n` forces a line break; U+00AD (soft hyphen) marks a hyphenation point;
        /// U+00A0 (no-break space) never breaks.
        case text(String)
        /// The current page number (1-based), resolved once the page is known.
        case pageNumber
        /// The document's page count, resolved after the body is paginated ("page X of Y").
        case pageCount
        /// The running sum of the table's row amounts, formatted by the table's `CarryForward.format`;
        /// only meaningful in a `CarryForward` row.
        case carriedForward
    }
    public var content: Content
    /// Named style merged over the paragraph's style (character properties are what matter here).
    public var style: String?
    /// Inline character properties overriding `style`.
    public var overrides: Style? {
        get { boxedOverrides?.value }
        set { boxedOverrides = newValue.map(Boxed.init) }
    }
    /// Out of line (see ``Boxed``).
    private var boxedOverrides: Boxed<Style>?
    /// Whether `overrides` is set, without copying the `Style?` out.
    var hasOverrides: Bool { boxedOverrides != nil }

    public init(_ text: String, style: String? = nil, overrides: Style? = nil) {
        self.content = .text(text)
        self.style = style
        self.boxedOverrides = overrides.map(Boxed.init)
    }

    public init(content: Content, style: String? = nil, overrides: Style? = nil) {
        self.content = content
        self.style = style
        self.boxedOverrides = overrides.map(Boxed.init)
    }

    /// The current page number.
    public static func pageNumber(style: String? = nil) -> Span { Span(content: .pageNumber, style: style) }
    /// The total page count.
    public static func pageCount(style: String? = nil) -> Span { Span(content: .pageCount, style: style) }
    /// The carried-forward subtotal of the enclosing table.
    public static func carriedForward(style: String? = nil) -> Span { Span(content: .carriedForward, style: style) }
}

/// An image in the flow. Size: `width` and/or `height` (the other from the aspect ratio); neither: the
/// pixel size at `dpi`. Always scaled down to fit the flow's width.
public struct ImageBlock: Sendable {
    public var image: ImageResource
    public var width: Points?
    public var height: Points?
    /// Resolution used when neither width nor height is given (default 150).
    public var dpi: Double
    /// Horizontal placement in the flow (`.justified` acts as `.left`).
    public var alignment: TextAlignment
    public var spaceBefore: Points
    public var spaceAfter: Points

    public init(_ image: ImageResource, width: Points? = nil, height: Points? = nil, dpi: Double = 150,
                alignment: TextAlignment = .left, spaceBefore: Points = 0, spaceAfter: Points = 0) {
        self.image = image
        self.width = width
        self.height = height
        self.dpi = dpi
        self.alignment = alignment
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }
}

/// A horizontal line across the flow's width, with space above and below.
public struct Rule: Sendable, Hashable {
    public var stroke: Stroke
    public var spaceBefore: Points
    public var spaceAfter: Points

    public init(stroke: Stroke = Stroke(), spaceBefore: Points = 3, spaceAfter: Points = 3) {
        self.stroke = stroke
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
    }
}

/// Distances from the four edges of a box, in points.
public struct Insets: Sendable, Hashable {
    public var top: Points
    public var right: Points
    public var bottom: Points
    public var left: Points

    public init(top: Points = 0, right: Points = 0, bottom: Points = 0, left: Points = 0) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }

    /// The same distance on all four sides.
    public static func all(_ value: Points) -> Insets { Insets(top: value, right: value, bottom: value, left: value) }
    /// `vertical` above and below, `horizontal` left and right.
    public static func symmetric(vertical: Points = 0, horizontal: Points = 0) -> Insets {
        Insets(top: vertical, right: horizontal, bottom: vertical, left: horizontal)
    }
    public static let zero = Insets()
}

/// A box of blocks at absolute page coordinates (top-left origin): letterheads, address fields, stamps.
public struct Frame: Sendable {
    /// Left edge, from the page's left edge.
    public var x: Points
    /// Top edge, from the page's top edge.
    public var y: Points
    public var width: Points
    /// Fixed height; content taller than it overflows with a warning. Nil: as tall as its content.
    public var height: Points?
    public var blocks: [Block]
    /// Where the content sits inside a fixed height.
    public var verticalAlignment: VerticalAlignment
    public var padding: Insets
    public var background: Color?
    public var border: Stroke?

    public init(x: Points, y: Points, width: Points, height: Points? = nil, blocks: [Block],
                verticalAlignment: VerticalAlignment = .top, padding: Insets = .zero,
                background: Color? = nil, border: Stroke? = nil) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.blocks = blocks
        self.verticalAlignment = verticalAlignment
        self.padding = padding
        self.background = background
        self.border = border
    }
}

/// Vertical placement of content inside a taller box.
public enum VerticalAlignment: String, Sendable, Hashable {
    case top, middle, bottom
}
