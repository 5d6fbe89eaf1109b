// Page masters: the fixed parts of a page around the body flow.

/// The fixed parts of a page: body margins, header and footer flows, absolute frames, DIN 5008 letter
/// parts and decoration shapes. A document has one for the first page and one for the following pages.
public struct PageMaster: Sendable {
    /// The body area: distances from the page edges. Default 20 mm all round.
    public var margins: Insets
    /// Laid out across the body width (between the left and right margins), its top at `header.offset`
    /// from the top edge of the page. Laid out after the body, so page X of Y resolves.
    public var header: Region?
    /// Laid out across the body width, its bottom at `footer.offset` from the bottom edge of the page.
    public var footer: Region?
    /// Frames at absolute positions (letterhead, sender block, ...).
    public var frames: [Frame]
    /// DIN 5008 letter parts (address field, information block, fold and hole marks).
    public var letter: Din5008Letter?
    /// Extra shapes drawn on every page of this master (coordinates in points, top-left origin).
    public var shapes: [ShapeItem]

    public init(margins: Insets = .all(.mm(20)), header: Region? = nil, footer: Region? = nil,
                frames: [Frame] = [], letter: Din5008Letter? = nil, shapes: [ShapeItem] = []) {
        self.margins = margins
        self.header = header
        self.footer = footer
        self.frames = frames
        self.letter = letter
        self.shapes = shapes
    }
}

/// A header or footer flow and its distance from the page edge.
public struct Region: Sendable {
    public var blocks: [Block]
    /// Header: top edge from the top of the page; footer: bottom edge from the bottom of the page.
    public var offset: Points

    public init(_ blocks: [Block], offset: Points = .mm(10)) {
        self.blocks = blocks
        self.offset = offset
    }
}
