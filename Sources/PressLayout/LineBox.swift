// A laid-out line (or any unsplittable slice of a flow): its height and its items relative to its top-left.

/// A horizontal slice of a flow: items positioned relative to the slice's top-left corner.
struct LineBox {
    var height: Double
    var items: [PageItem]
}

/// A paragraph broken into lines, with the properties pagination needs.
struct ParagraphBox {
    var lines: [LineBox]
    var spaceBefore: Double
    var spaceAfter: Double
    var keepWithNext: Bool
    var keepTogether: Bool
    var widows: Int
    var orphans: Int

    var linesHeight: Double {
        var h = 0.0
        for line in lines { h += line.height }
        return h
    }
}

extension PageItem {
    /// The item moved by (dx, dy) (a copy; `movedBy` is the same for an item the caller gives up).
    func offsetBy(dx: Double, dy: Double) -> PageItem { (copy self).movedBy(dx: dx, dy: dy) }
}

extension ShapeGeometry {
    func offsetBy(dx: Double, dy: Double) -> ShapeGeometry {
        switch self {
        case .rect(var r):
            r.origin.x += dx; r.origin.y += dy
            return .rect(r)
        case .roundedRect(var r, let radius):
            r.origin.x += dx; r.origin.y += dy
            return .roundedRect(r, radius: radius)
        case .line(let a, let b):
            return .line(from: Point(x: a.x + dx, y: a.y + dy), to: Point(x: b.x + dx, y: b.y + dy))
        case .polygon(let points, let closed):
            return .polygon(points.map { Point(x: $0.x + dx, y: $0.y + dy) }, closed: closed)
        }
    }
}

extension Array where Element == PageItem {
    /// Appends `items` moved by (dx, dy).
    mutating func append(_ items: [PageItem], dx: Double, dy: Double) {
        // No reserveCapacity(count + n) here: an exact reservation on every call defeats geometric
        // growth and copies the page's whole item array each time.
        for item in items { append(item.offsetBy(dx: dx, dy: dy)) }
    }
}

extension Array where Element == PageItem {
    /// Appends the items of `source` moved by (dx, dy), taking them out of `source` (left empty).
    ///
    /// Popping moves each item out without a retain, and `movedBy` consumes it, so a uniquely
    /// referenced `source` costs no reference counting at all (see `Paginator.draw`).
    mutating func append(taking source: inout [PageItem], dx: Double, dy: Double) {
        let start = count
        while let item = source.popLast() { append(item.movedBy(dx: dx, dy: dy)) }
        if count - start > 1 { self[start...].reverse() }
    }
}

extension PageItem {
    /// The item moved by (dx, dy), for an item the caller gives up: its payload is moved, not copied.
    consuming func movedBy(dx: Double, dy: Double) -> PageItem {
        switch consume self {
        case .text(var run):
            run.origin.x += dx
            run.origin.y += dy
            return .text(run)
        case .shape(var shape):
            shape.geometry = shape.geometry.offsetBy(dx: dx, dy: dy)
            return .shape(shape)
        case .image(var image):
            image.rect.origin.x += dx
            image.rect.origin.y += dy
            return .image(image)
        }
    }
}
