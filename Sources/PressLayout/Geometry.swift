// Geometry of the positioned-pages model: points, sizes, rectangles, colours and the `Points` unit.

/// A length in PDF points (1/72 inch), the unit of every length in PressLayout.
///
/// Use the constructors that say the unit at the call site: `.mm(20)`, `.cm(2)`, `.inch(1)`, `.pt(10)`.
/// Integer and float literals are read as points.
public struct Points: Hashable, Sendable, Comparable, AdditiveArithmetic,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The length in points.
    public var value: Double

    /// A length of `value` points.
    public init(_ value: Double) { self.value = value }
    public init(floatLiteral value: Double) { self.value = value }
    public init(integerLiteral value: Int) { self.value = Double(value) }

    /// `value` points.
    public static func pt(_ value: Double) -> Points { Points(value) }
    /// `value` millimetres (1 mm = 72 / 25.4 pt).
    public static func mm(_ value: Double) -> Points { Points(value * 72.0 / 25.4) }
    /// `value` centimetres.
    public static func cm(_ value: Double) -> Points { Points(value * 720.0 / 25.4) }
    /// `value` inches (1 in = 72 pt).
    public static func inch(_ value: Double) -> Points { Points(value * 72.0) }

    /// The length in millimetres.
    public var millimetres: Double { value * 25.4 / 72.0 }

    public static let zero = Points(0)
    public static func + (a: Points, b: Points) -> Points { Points(a.value + b.value) }
    public static func - (a: Points, b: Points) -> Points { Points(a.value - b.value) }
    /// The length multiplied by `factor`. (A method, not `*`: with literal conformances a mixed
    /// `Points * Double` operator makes plain `Double` arithmetic on literals ambiguous.)
    public func scaled(by factor: Double) -> Points { Points(value * factor) }
    public static prefix func - (a: Points) -> Points { Points(-a.value) }
    public static func < (a: Points, b: Points) -> Bool { a.value < b.value }
    public var description: String { "\(value)pt" }
}

/// A point on a page, in points; origin at the top-left corner, y grows downwards.
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    public static let zero = Point(x: 0, y: 0)
}

/// A size in points.
public struct Size: Hashable, Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double, height: Double) { self.width = width; self.height = height }
    public static let zero = Size(width: 0, height: 0)
}

/// A rectangle in points; `origin` is its top-left corner (y grows downwards).
public struct Rect: Hashable, Sendable {
    public var origin: Point
    public var size: Size
    public init(origin: Point, size: Size) { self.origin = origin; self.size = size }
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.origin = Point(x: x, y: y)
        self.size = Size(width: width, height: height)
    }
    public var minX: Double { origin.x }
    public var minY: Double { origin.y }
    public var maxX: Double { origin.x + size.width }
    public var maxY: Double { origin.y + size.height }
    public var width: Double { size.width }
    public var height: Double { size.height }
}

/// A colour: device gray, RGB or CMYK, each component in 0...1.
public enum Color: Sendable, Hashable {
    /// Gray level: 0 is black, 1 is white.
    case gray(Double)
    case rgb(Double, Double, Double)
    case cmyk(Double, Double, Double, Double)

    public static let black = Color.gray(0)
    public static let white = Color.gray(1)
}
