public import PressData

/// A tiny text template for e-mail subjects, bodies and attachment names: `{{dotted.path}}` is replaced by the
/// record's value at that path (scalars only; missing or non-scalar values become empty). No logic, no escaping
/// (the output is plain text; header encoding happens in the e-mail encoder).
public struct TextTemplate: Sendable, Hashable {
    enum Part: Sendable, Hashable { case literal(String), field(ValuePath) }
    let parts: [Part]

    public init(_ text: String) {
        var parts: [Part] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { parts.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                parts.append(.literal(String(rest[open.lowerBound...])))
                rest = rest[rest.endIndex...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            parts.append(.field(RecordFacts.path(name)))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    /// The text with placeholders filled from `value`.
    public func render(_ value: Value) -> String {
        var out = ""
        for p in parts {
            switch p {
            case .literal(let s): out += s
            case .field(let path): out += value.lookup(path: path).flatMap(RecordFacts.scalarText) ?? ""
            }
        }
        return out
    }
}
