/// The shape a CSV header row describes: flat names become keys, dotted names (`recipient.name`)
/// nested objects, and numeric segments (`items.0.desc`, `items.1.desc`) arrays in numeric order.
struct CSVHeader {
    indirect enum Node {
        case field(Int)
        case object([(String, Node)])
        case array([Node])
    }

    let names: [String]
    let root: Node

    /// A mutable tree used only while reading the header.
    private final class Builder {
        var field: Int?
        var children: [(String, Builder)] = []

        func child(_ name: String) -> Builder {
            if let existing = children.first(where: { $0.0 == name }) { return existing.1 }
            let created = Builder()
            children.append((name, created))
            return created
        }

        func freeze(path: String) throws(CSVHeaderError) -> Node {
            if let field { return .field(field) }
            let numeric = children.map { Int($0.0) != nil && $0.0.utf8.allSatisfy { $0 &- 0x30 < 10 } }
            if numeric.allSatisfy({ $0 }) {
                let sorted = children.sorted { Int($0.0)! < Int($1.0)! }
                var nodes: [Node] = []
                for (name, child) in sorted { nodes.append(try child.freeze(path: path + "." + name)) }
                return .array(nodes)
            }
            if numeric.contains(true) {
                throw CSVHeaderError(message: "column names under '\(path)' mix numbers (array elements) and names (object keys)")
            }
            var members: [(String, Node)] = []
            for (name, child) in children {
                members.append((name, try child.freeze(path: path.isEmpty ? name : path + "." + name)))
            }
            return .object(members)
        }
    }

    struct CSVHeaderError: Error { var message: String }

    init(names: [String]) throws(CSVHeaderError) {
        self.names = names
        let root = Builder()
        var seen = Set<String>()
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else { throw CSVHeaderError(message: "column \(index + 1) of the header has no name") }
            guard seen.insert(name).inserted else { throw CSVHeaderError(message: "column name '\(name)' appears twice in the header") }
            var node = root
            let segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard !segments.contains("") else { throw CSVHeaderError(message: "column name '\(name)' has an empty path segment") }
            for segment in segments {
                if node.field != nil { throw CSVHeaderError(message: "column name '\(name)' conflicts with column '\(segments.prefix { $0 != segment }.joined(separator: "."))'") }
                node = node.child(segment)
            }
            guard node.field == nil, node.children.isEmpty else {
                throw CSVHeaderError(message: "column name '\(name)' conflicts with a column nested under it")
            }
            node.field = index
        }
        if let rootField = root.field { _ = rootField }
        let frozen = try root.freeze(path: "")
        if case .array = frozen, !names.isEmpty {
            throw CSVHeaderError(message: "the header's top-level column names must not be numbers")
        }
        self.root = frozen
    }

    /// The record value for one row's fields (as many as there are names).
    func value(_ fields: [String]) -> Value {
        build(root, fields)
    }

    private func build(_ node: Node, _ fields: [String]) -> Value {
        switch node {
        case .field(let index):
            return .string(fields[index])
        case .object(let members):
            return .object(ValueObject(uniqueMembers: members.map { ValueObject.Member(key: $0.0, value: build($0.1, fields)) }))
        case .array(let elements):
            // Elements whose cells are all empty are left out: `items.0..items.9` with three items used.
            return .array(elements.compactMap { element -> Value? in
                let value = build(element, fields)
                return Self.isBlank(value) ? Value?.none : value
            })
        }
    }

    static func isBlank(_ value: Value) -> Bool {
        switch value {
        case .string(let string): return string.isEmpty
        case .object(let object): return object.allSatisfy { isBlank($0.value) }
        case .array(let elements): return elements.allSatisfy(isBlank)
        default: return false
        }
    }
}
