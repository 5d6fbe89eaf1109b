public import Foundation

/// A data value read from JSON, XML or CSV: the one shape every template binds against.
///
/// Numbers are `Decimal`, parsed exactly from their literal text (never through `Double`), so
/// `0.1` is exactly one tenth and money keeps its cents. XML and CSV produce only strings,
/// objects and arrays (see `Docs/Data.md`); the template layer converts numeric strings on demand
/// with ``Value/decimalValue``.
public enum Value: Sendable, Hashable {
    /// JSON `null`; also an XML element marked `xsi:nil="true"`.
    case null
    /// JSON `true` / `false`.
    case bool(Bool)
    /// A number, exact to 38 significant digits.
    case number(Decimal)
    /// A Unicode string.
    case string(String)
    /// An ordered list.
    case array([Value])
    /// An object whose keys keep their document order.
    case object(ValueObject)
}

extension Value {
    /// The member named `key` when this is an object, else `nil`.
    public subscript(key: String) -> Value? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The element at the 0-based `index` when this is an array and the index is in range, else `nil`.
    public subscript(index: Int) -> Value? {
        if case .array(let elements) = self, elements.indices.contains(index) { return elements[index] }
        return nil
    }

    /// The value at `path` (object keys and 0-based array indices), or `nil` if any step is missing.
    public func lookup(path: ValuePath) -> Value? {
        var current = self
        for component in path.components {
            switch component {
            case .key(let key):
                guard let next = current[key] else { return nil }
                current = next
            case .index(let index):
                guard let next = current[index] else { return nil }
                current = next
            }
        }
        return current
    }

    /// The string when this is `.string`, else `nil`.
    public var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    /// The boolean when this is `.bool`, else `nil`.
    public var boolValue: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    /// The elements when this is `.array`, else `nil`.
    public var arrayValue: [Value]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The object when this is `.object`, else `nil`.
    public var objectValue: ValueObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The number when this is `.number`, or a string holding a JSON number literal (`"12.50"`,
    /// `"-3"`, `"1e9"`, surrounding spaces allowed), else `nil`.
    ///
    /// This is how data from XML and CSV (strings only) becomes a number: exactly, never via `Double`.
    /// Locale-formatted text such as `"1.234,56"` is not a number here; the template decides how to read it.
    public var decimalValue: Decimal? {
        switch self {
        case .number(let number): return number
        case .string(let string): return DecimalLiteral.parse(string.trimmingASCIISpaces())
        default: return nil
        }
    }

    /// The kind of value, for error messages: `null`, `boolean`, `number`, `string`, `array` or `object`.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    public init(arrayLiteral elements: Value...) { self = .array(elements) }
    /// Keys keep the literal's order; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, Value)...) {
        var object = ValueObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces, tabs and line breaks.
    func trimmingASCIISpaces() -> Substring {
        var utf8 = self.utf8[...]
        while let first = utf8.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D {
            utf8 = utf8.dropFirst()
        }
        while let last = utf8.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D {
            utf8 = utf8.dropLast()
        }
        return Substring(utf8)
    }
}
