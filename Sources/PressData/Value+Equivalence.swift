extension Value {
    /// Equality after the documented JSON/XML normalisation (`Docs/Data.md`), for checking that the
    /// JSON and the XML form of one document carry the same data.
    ///
    /// XML has only text, so a string equals a number when it is a JSON number literal with the same
    /// decimal value (`"180.00"` ~ `180`), and equals a boolean when it is `"true"`/`"false"`.
    /// Objects compare as key sets (XML puts attributes first, JSON may not); arrays in order.
    /// Everything else compares strictly (`null` only equals `null`, which XML writes as `xsi:nil="true"`).
    public func isEquivalent(to other: Value) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { member in b[member.key].map { member.value.isEquivalent(to: $0) } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.number(let number), .string), (.string, .number(let number)):
            let text = self.stringValue ?? other.stringValue!
            return DecimalLiteral.parse(text[...]) == number
        case (.bool(let bool), .string(let text)), (.string(let text), .bool(let bool)):
            return text == (bool ? "true" : "false")
        default:
            return self == other
        }
    }
}
