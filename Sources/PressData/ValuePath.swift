/// One step of a path into a value: an object key or a 0-based array index.
public enum PathComponent: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    public var description: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return String(index)
        }
    }
}

/// A path into a value, e.g. `["items", 3, "amount"]`, rendered for messages as the
/// RFC 6901 JSON pointer `/items/3/amount` (indices 0-based, `~` -> `~0`, `/` -> `~1`).
public struct ValuePath: Sendable, Hashable, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The steps from the root.
    public var components: [PathComponent]

    public init(_ components: [PathComponent] = []) { self.components = components }
    public init(arrayLiteral elements: PathComponent...) { components = elements }

    /// The empty path (the root value).
    public static let root = ValuePath()

    /// This path with `component` appended.
    public func appending(_ component: PathComponent) -> ValuePath {
        ValuePath(components + [component])
    }

    /// The RFC 6901 JSON pointer: `""` for the root, else `/a/0/b`.
    public var jsonPointer: String {
        var result = ""
        for component in components {
            result.append("/")
            switch component {
            case .index(let index):
                result.append(String(index))
            case .key(let key):
                if key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                    result.append(key.replacing("~", with: "~0").replacing("/", with: "~1"))
                } else {
                    result.append(key)
                }
            }
        }
        return result
    }

    /// The JSON pointer, `/` for the root so that messages never show an empty path.
    public var description: String { components.isEmpty ? "/" : jsonPointer }
}
