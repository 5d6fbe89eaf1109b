// The positioned-pages model: the output of layout and the input of PressRender.
// Units are PDF points, origin at the top-left corner of the page, y grows downwards (PressRender flips).
public import PressFonts
public import PressImages

/// A laid-out document: pages of positioned items, metadata, and the warnings layout collected.
public struct LaidOutDocument: Sendable {
    public var pages: [Page]
    public var metadata: DocumentMetadata
    /// Recoverable problems (missing glyphs, overflowing frames); the document is still correct otherwise.
    public var warnings: [LayoutWarning]

    public init(pages: [Page], metadata: DocumentMetadata, warnings: [LayoutWarning] = []) {
        self.pages = pages
        self.metadata = metadata
        self.warnings = warnings
    }
}

/// Document information written to the PDF info dictionary and XMP.
public struct DocumentMetadata: Sendable, Hashable {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    /// BCP 47 language tag, e.g. `de-DE`; also passed to HarfBuzz for shaping.
    public var language: String?

    public init(title: String? = nil, author: String? = nil, subject: String? = nil,
                keywords: String? = nil, language: String? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.language = language
    }
}

/// One page: its size (media box) and its items in painting order.
public struct Page: Sendable {
    public var size: Size
    public var items: [PageItem]

    public init(size: Size, items: [PageItem] = []) {
        self.size = size
        self.items = items
    }
}

/// One positioned item on a page.
public enum PageItem: Sendable {
    /// A run of glyphs in one font, size and colour.
    case text(TextRun)
    /// A rectangle, rounded rectangle, line or polygon.
    case shape(ShapeItem)
    /// An image drawn into a rectangle.
    case image(PlacedImage)
}

/// A run of shaped glyphs in one font, size and colour.
///
/// Glyphs are drawn one after the other from `origin` (the left end of the baseline), each moved by its
/// `xAdvance` (font units, scaled by `size / unitsPerEm`); advances may include justification space.
public struct TextRun: Sendable {
    public var font: FontFace
    /// Font size in points.
    public var size: Double
    public var color: Color
    /// Left end of the baseline.
    public var origin: Point
    public var glyphs: [ShapedGlyph]
    /// Source text; each glyph's `cluster` is a UTF-8 byte offset into it (for the ToUnicode map).
    public var text: String

    public init(font: FontFace, size: Double, color: Color, origin: Point, glyphs: [ShapedGlyph], text: String) {
        self.font = font
        self.size = size
        self.color = color
        self.origin = origin
        self.glyphs = glyphs
        self.text = text
    }

    /// The run's width in points (sum of the glyph advances).
    public var width: Double {
        var units = 0
        for glyph in glyphs { units += Int(glyph.xAdvance) }
        return Double(units) * size / Double(font.unitsPerEm)
    }
}

/// A vector shape with an optional fill and an optional stroke.
public struct ShapeItem: Sendable, Hashable {
    public var geometry: ShapeGeometry
    /// Fill colour; nil: not filled.
    public var fill: Color?
    /// Stroke; nil: not stroked.
    public var stroke: Stroke?

    public init(_ geometry: ShapeGeometry, fill: Color? = nil, stroke: Stroke? = nil) {
        self.geometry = geometry
        self.fill = fill
        self.stroke = stroke
    }
}

/// The outline of a shape, in page coordinates (points, top-left origin).
public enum ShapeGeometry: Sendable, Hashable {
    case rect(Rect)
    /// A rectangle with circular corners of `radius` points.
    case roundedRect(Rect, radius: Double)
    case line(from: Point, to: Point)
    /// A polyline; closed when `closed` is true.
    case polygon([Point], closed: Bool)
}

/// How a line or outline is stroked.
public struct Stroke: Sendable, Hashable {
    public var color: Color
    /// Line width in points (default 0.5).
    public var width: Double
    /// Dash pattern in points (on, off, ...); empty: solid.
    public var dash: [Double]
    /// Dash phase in points.
    public var dashPhase: Double

    public init(color: Color = .black, width: Double = 0.5, dash: [Double] = [], dashPhase: Double = 0) {
        self.color = color
        self.width = width
        self.dash = dash
        self.dashPhase = dashPhase
    }
}

/// An image drawn into a rectangle (scaled to fill it).
public struct PlacedImage: Sendable {
    public var image: ImageResource
    public var rect: Rect

    public init(image: ImageResource, rect: Rect) {
        self.image = image
        self.rect = rect
    }
}

/// A recoverable layout problem: the document is produced, but something is not as asked.
public struct LayoutWarning: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem.
    public enum Code: String, Sendable, Hashable {
        /// No font (the style's font or any fallback family) has a glyph for a character.
        case missingGlyph = "missing-glyph"
        /// Content does not fit its frame, cell or page and was clipped or overflows.
        case overflow
        /// A keep-together or keep-with-next request could not be honoured (content taller than a page).
        case keepIgnored = "keep-ignored"
        /// A style name that the document does not define.
        case unknownStyle = "unknown-style"
    }
    public var code: Code
    public var message: String
    /// 1-based page number the problem was found on, when known.
    public var page: Int?

    public init(code: Code, message: String, page: Int? = nil) {
        self.code = code
        self.message = message
        self.page = page
    }

    public var description: String {
        if let page { return "warning[\(code.rawValue)] page \(page): \(message)" }
        return "warning[\(code.rawValue)]: \(message)"
    }
}
