// Named, reusable styles: every property optional, resolved along the parent chain.

/// Horizontal alignment of the lines of a paragraph.
public enum TextAlignment: String, Sendable, Hashable {
    case left, right, center
    /// Both edges flush (the last line and lines ending in a forced break are left-aligned);
    /// lines are chosen by Knuth–Plass optimal breaking.
    case justified
}

/// Distance between baselines.
public enum LineHeight: Sendable, Hashable {
    /// A multiple of the largest font size on the line (1.2 is the usual "single" spacing).
    case multiple(Double)
    /// A fixed distance.
    case exactly(Points)
}

/// A set of text and paragraph properties; nil fields are inherited from `parent`, then from the
/// document's base style, then from `Style.defaults`.
public struct Style: Sendable, Hashable {
    /// Name of the style this one inherits from.
    public var parent: String?
    /// Font family name as found by `FontLibrary` (e.g. "DejaVu Sans"). Default "DejaVu Sans".
    public var fontFamily: String?
    /// Font size. Default 10 pt.
    public var fontSize: Points?
    public var bold: Bool?
    public var italic: Bool?
    /// Text colour. Default black.
    public var color: Color?
    /// Paragraph alignment. Default `.left`.
    public var alignment: TextAlignment?
    /// Default `.multiple(1.2)`.
    public var lineHeight: LineHeight?
    public var spaceBefore: Points?
    public var spaceAfter: Points?
    /// Indent of the first line (may be negative for hanging indents only with `leftIndent`).
    public var firstLineIndent: Points?
    public var leftIndent: Points?
    public var rightIndent: Points?
    /// Keep this paragraph on the same page as the start of the next block (headings).
    public var keepWithNext: Bool?
    /// Never split this paragraph across pages (when it fits on one).
    public var keepTogether: Bool?
    /// Minimum lines of a split paragraph left alone at the top of the next page. Default 2.
    public var widows: Int?
    /// Minimum lines of a split paragraph left at the bottom of a page. Default 2.
    public var orphans: Int?

    public init(parent: String? = nil, fontFamily: String? = nil, fontSize: Points? = nil, bold: Bool? = nil,
                italic: Bool? = nil, color: Color? = nil, alignment: TextAlignment? = nil,
                lineHeight: LineHeight? = nil, spaceBefore: Points? = nil, spaceAfter: Points? = nil,
                firstLineIndent: Points? = nil, leftIndent: Points? = nil, rightIndent: Points? = nil,
                keepWithNext: Bool? = nil, keepTogether: Bool? = nil, widows: Int? = nil, orphans: Int? = nil) {
        self.parent = parent
        self.fontFamily = fontFamily
        self.fontSize = fontSize
        self.bold = bold
        self.italic = italic
        self.color = color
        self.alignment = alignment
        self.lineHeight = lineHeight
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.firstLineIndent = firstLineIndent
        self.leftIndent = leftIndent
        self.rightIndent = rightIndent
        self.keepWithNext = keepWithNext
        self.keepTogether = keepTogether
        self.widows = widows
        self.orphans = orphans
    }

    /// The values used when no style in the chain sets a property.
    public static let defaults = Style(
        fontFamily: "DejaVu Sans", fontSize: 10, bold: false, italic: false, color: .black,
        alignment: .left, lineHeight: .multiple(1.2), spaceBefore: 0, spaceAfter: 0,
        firstLineIndent: 0, leftIndent: 0, rightIndent: 0, keepWithNext: false, keepTogether: false,
        widows: 2, orphans: 2)

    /// This style with every field that is nil here taken from `base` (`parent` is kept from `self`).
    public func merged(over base: Style) -> Style {
        Style(parent: parent,
              fontFamily: fontFamily ?? base.fontFamily, fontSize: fontSize ?? base.fontSize,
              bold: bold ?? base.bold, italic: italic ?? base.italic, color: color ?? base.color,
              alignment: alignment ?? base.alignment, lineHeight: lineHeight ?? base.lineHeight,
              spaceBefore: spaceBefore ?? base.spaceBefore, spaceAfter: spaceAfter ?? base.spaceAfter,
              firstLineIndent: firstLineIndent ?? base.firstLineIndent,
              leftIndent: leftIndent ?? base.leftIndent, rightIndent: rightIndent ?? base.rightIndent,
              keepWithNext: keepWithNext ?? base.keepWithNext, keepTogether: keepTogether ?? base.keepTogether,
              widows: widows ?? base.widows, orphans: orphans ?? base.orphans)
    }
}
