// A readable text dump of positioned pages, for golden tests and debugging.

extension LaidOutDocument {
    /// One line per page and per item: page number, kind, position (points, 2 decimals), font and size,
    /// text. Deterministic, so it can be compared with a stored golden file.
    public func textDump() -> String {
        var out = ""
        for (index, page) in pages.enumerated() {
            out += "page \(index + 1) \(Self.fmt(page.size.width))x\(Self.fmt(page.size.height))\n"
            for item in page.items {
                out += "  p\(index + 1) "
                switch item {
                case .text(let run):
                    out += "text x=\(Self.fmt(run.origin.x)) y=\(Self.fmt(run.origin.y)) w=\(Self.fmt(run.width)) "
                    out += "\(run.font.postScriptName) \(Self.fmt(run.size)) \(Self.color(run.color)) \"\(run.text)\"\n"
                case .shape(let shape):
                    out += "shape \(Self.geometry(shape.geometry))"
                    if let fill = shape.fill { out += " fill=\(Self.color(fill))" }
                    if let stroke = shape.stroke { out += " stroke=\(Self.color(stroke.color))/\(Self.fmt(stroke.width))" }
                    out += "\n"
                case .image(let image):
                    out += "image \(image.image.id) \(Self.rect(image.rect))\n"
                }
            }
        }
        for warning in warnings { out += "\(warning)\n" }
        return out
    }

    /// `value` rounded to 0.01 with exactly two decimals, without Foundation formatting.
    static func fmt(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = abs(hundredths)
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func rect(_ r: Rect) -> String {
        "x=\(fmt(r.minX)) y=\(fmt(r.minY)) w=\(fmt(r.width)) h=\(fmt(r.height))"
    }

    static func geometry(_ g: ShapeGeometry) -> String {
        switch g {
        case .rect(let r): return "rect \(rect(r))"
        case .roundedRect(let r, let radius): return "roundedRect \(rect(r)) r=\(fmt(radius))"
        case .line(let a, let b): return "line \(fmt(a.x)),\(fmt(a.y)) -> \(fmt(b.x)),\(fmt(b.y))"
        case .polygon(let points, let closed):
            return "polygon\(closed ? " closed" : "") " + points.map { "\(fmt($0.x)),\(fmt($0.y))" }.joined(separator: " ")
        }
    }

    static func color(_ c: Color) -> String {
        switch c {
        case .gray(let g): return "gray(\(fmt(g)))"
        case .rgb(let r, let g, let b): return "rgb(\(fmt(r)),\(fmt(g)),\(fmt(b)))"
        case .cmyk(let c, let m, let y, let k): return "cmyk(\(fmt(c)),\(fmt(m)),\(fmt(y)),\(fmt(k)))"
        }
    }
}
