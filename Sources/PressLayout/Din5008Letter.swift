// DIN 5008 business letter geometry (A4), form A (27 mm letterhead) and form B (45 mm letterhead).

/// The parts of a DIN 5008 letter that sit at fixed positions on the first page.
///
/// Geometry (all from the top-left corner of an A4 page, DIN 5008:2020):
/// - address field: 20 mm from the left, 85 x 45 mm, top at 27 mm (form A) or 45 mm (form B);
///   its upper 17.7 mm are the Zusatz- und Vermerkzone (5 lines), the lower 27.3 mm the Anschriftzone
///   (6 lines). The return address (Rücksendeangabe) takes the top 2 lines of the Vermerkzone, the
///   endorsements (Vermerke: "Einschreiben", ...) the bottom 3 lines, bottom-aligned.
/// - information block: 125 mm from the left, 75 mm wide, top at 32 mm (A) or 50 mm (B), down to the
///   bottom of the address field.
/// - fold marks at 87 and 192 mm (A) or 105 and 210 mm (B); hole mark at 148.5 mm.
/// - body text starts 8.46 mm (two 12 pt lines) below the address field; left margin 25 mm, right 20 mm.
public struct Din5008Letter: Sendable {
    /// Form A (small letterhead, 27 mm) or form B (large letterhead, 45 mm).
    public enum Form: String, Sendable, Hashable { case a, b }

    public var form: Form
    /// Return address line(s) in the top of the Vermerkzone, usually small (6-8 pt) and underlined.
    public var returnAddress: [Block]
    /// Endorsements ("Einschreiben", "Persönlich"), bottom-aligned above the address.
    public var endorsement: [Block]
    /// The recipient's address, top-aligned in the Anschriftzone (up to 6 lines).
    public var address: [Block]
    /// The information block beside the address field (date, numbers, contact).
    public var informationBlock: [Block]
    /// Draw the two fold marks at the left page edge.
    public var foldMarks: Bool
    /// Draw the hole (punch) mark at the left page edge.
    public var holeMark: Bool
    /// Stroke of the fold and hole marks (default 0.3 pt black).
    public var markStroke: Stroke

    public init(form: Form = .b, returnAddress: [Block] = [], endorsement: [Block] = [], address: [Block] = [],
                informationBlock: [Block] = [], foldMarks: Bool = true, holeMark: Bool = true,
                markStroke: Stroke = Stroke(width: 0.3)) {
        self.form = form
        self.returnAddress = returnAddress
        self.endorsement = endorsement
        self.address = address
        self.informationBlock = informationBlock
        self.foldMarks = foldMarks
        self.holeMark = holeMark
        self.markStroke = markStroke
    }

    /// The geometry of this letter's form.
    public var geometry: Din5008Geometry { Din5008Geometry(form: form) }

    /// A first-page master for this letter: DIN margins (left 25 mm, right 20 mm, bottom `bottomMargin`),
    /// the body starting below the address field, plus the given header, footer and frames.
    public func firstPageMaster(bottomMargin: Points = .mm(25), header: Region? = nil, footer: Region? = nil,
                                frames: [Frame] = []) -> PageMaster {
        let g = geometry
        return PageMaster(
            margins: Insets(top: g.bodyTop, right: .mm(20), bottom: bottomMargin, left: .mm(25)),
            header: header, footer: footer, frames: frames, letter: self)
    }

    /// The frames and mark shapes this letter puts on its page.
    public func frames() -> [Frame] {
        let g = geometry
        var result: [Frame] = []
        if !returnAddress.isEmpty {
            result.append(Frame(x: g.returnAddressZone.x, y: g.returnAddressZone.y, width: g.returnAddressZone.width,
                                height: g.returnAddressZone.height, blocks: returnAddress, verticalAlignment: .bottom))
        }
        if !endorsement.isEmpty {
            result.append(Frame(x: g.endorsementZone.x, y: g.endorsementZone.y, width: g.endorsementZone.width,
                                height: g.endorsementZone.height, blocks: endorsement, verticalAlignment: .bottom))
        }
        if !address.isEmpty {
            result.append(Frame(x: g.addressZone.x, y: g.addressZone.y, width: g.addressZone.width,
                                height: g.addressZone.height, blocks: address, verticalAlignment: .top))
        }
        if !informationBlock.isEmpty {
            result.append(Frame(x: g.informationBlock.x, y: g.informationBlock.y, width: g.informationBlock.width,
                                height: nil, blocks: informationBlock, verticalAlignment: .top))
        }
        return result
    }

    /// The fold and hole marks as shapes (short horizontal lines at the left page edge).
    public func markShapes() -> [ShapeItem] {
        let g = geometry
        var shapes: [ShapeItem] = []
        let x0 = Points.mm(3).value
        if foldMarks {
            for y in g.foldMarks {
                shapes.append(ShapeItem(.line(from: Point(x: x0, y: y.value), to: Point(x: x0 + Points.mm(5).value, y: y.value)),
                                        stroke: markStroke))
            }
        }
        if holeMark {
            let y = g.holeMark.value
            shapes.append(ShapeItem(.line(from: Point(x: x0, y: y), to: Point(x: x0 + Points.mm(7).value, y: y)),
                                    stroke: markStroke))
        }
        return shapes
    }
}

/// A rectangle in `Points`, top-left origin (content-side counterpart of `Rect`).
public struct BoxRect: Sendable, Hashable {
    public var x: Points
    public var y: Points
    public var width: Points
    public var height: Points
    public init(x: Points, y: Points, width: Points, height: Points) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    /// The same rectangle as plain points.
    public var rect: Rect { Rect(x: x.value, y: y.value, width: width.value, height: height.value) }
}

/// Positions of the DIN 5008 zones for one form (see `Din5008Letter`).
public struct Din5008Geometry: Sendable, Hashable {
    public let form: Din5008Letter.Form
    /// The whole address field, 85 x 45 mm.
    public let addressField: BoxRect
    /// Zusatz- und Vermerkzone: the top 17.7 mm of the address field.
    public let additionZone: BoxRect
    /// Return address: the top two lines (7.08 mm) of the Vermerkzone.
    public let returnAddressZone: BoxRect
    /// Endorsements: the bottom three lines (10.62 mm) of the Vermerkzone.
    public let endorsementZone: BoxRect
    /// Anschriftzone: the bottom 27.3 mm of the address field.
    public let addressZone: BoxRect
    /// Information block, 75 mm wide, down to the bottom of the address field.
    public let informationBlock: BoxRect
    /// Fold marks (distance from the top edge).
    public let foldMarks: [Points]
    /// Hole mark (distance from the top edge).
    public let holeMark: Points
    /// Where the body text starts on the first page.
    public let bodyTop: Points

    public init(form: Din5008Letter.Form) {
        self.form = form
        let top: Points = form == .a ? .mm(27) : .mm(45)
        let left = Points.mm(20), width = Points.mm(85)
        addressField = BoxRect(x: left, y: top, width: width, height: .mm(45))
        additionZone = BoxRect(x: left, y: top, width: width, height: .mm(17.7))
        returnAddressZone = BoxRect(x: left, y: top, width: width, height: .mm(7.08))
        endorsementZone = BoxRect(x: left, y: top + .mm(7.08), width: width, height: .mm(10.62))
        addressZone = BoxRect(x: left, y: top + .mm(17.7), width: width, height: .mm(27.3))
        let infoTop: Points = form == .a ? .mm(32) : .mm(50)
        informationBlock = BoxRect(x: .mm(125), y: infoTop, width: .mm(75), height: top + .mm(45) - infoTop)
        foldMarks = form == .a ? [.mm(87), .mm(192)] : [.mm(105), .mm(210)]
        holeMark = .mm(148.5)
        bodyTop = top + .mm(45) + .mm(8.46)
    }
}
