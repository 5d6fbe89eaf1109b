extension XMLMapping {
    /// The parts of one element, gathered by the DOM walker or the SAX reader.
    struct ElementParts {
        var name: String
        var attributes: [ValueObject.Member] = []
        var childKeys: [String] = []
        var childValues: [Value] = []
        /// Non-whitespace text directly inside the element.
        var hasSignificantText = false
    }

    /// Applies the mapping rules (see the type's documentation) to one element.
    /// `text` is the element's direct text when it has no child elements, `mixedText` all text below it.
    func value(of parts: ElementParts, text: () -> String, mixedText: () -> String) -> Value {
        var attributes = parts.attributes
        if parts.childKeys.isEmpty {
            if attributes.isEmpty {
                if !listElements.isEmpty, listElements.contains(parts.name) { return .array([]) }
                return .string(text())
            }
            if parts.hasSignificantText { attributes.append(ValueObject.Member(key: textKey, value: .string(text()))) }
            return .object(ValueObject(uniqueMembers: Self.deduplicated(attributes)))
        }
        if parts.hasSignificantText {
            let all = mixedText()
            if attributes.isEmpty { return .string(all) }
            attributes.append(ValueObject.Member(key: textKey, value: .string(all)))
            return .object(ValueObject(uniqueMembers: Self.deduplicated(attributes)))
        }
        let first = parts.childKeys[0]
        if attributes.isEmpty, parts.childKeys.allSatisfy({ $0 == first }),
           listElements.contains(parts.name) || (collapsesPluralContainers && Self.isPlural(parts.name, of: first))
        {
            return .array(parts.childValues)
        }
        var members = attributes
        members.reserveCapacity(attributes.count + parts.childKeys.count)
        if arrayElements.isEmpty && !Self.hasRepeats(parts.childKeys) {
            for (key, value) in zip(parts.childKeys, parts.childValues) {
                members.append(ValueObject.Member(key: key, value: value))
            }
        } else {
            // Group repeated siblings by key, in order of first appearance.
            var groupKeys: [String] = []
            var groups: [[Value]] = []
            for (key, value) in zip(parts.childKeys, parts.childValues) {
                if let index = groupKeys.firstIndex(of: key) {
                    groups[index].append(value)
                } else {
                    groupKeys.append(key)
                    groups.append([value])
                }
            }
            for (key, values) in zip(groupKeys, groups) {
                let single = values.count == 1 && !arrayElements.contains(key)
                members.append(ValueObject.Member(key: key, value: single ? values[0] : .array(values)))
            }
        }
        if attributes.isEmpty { return .object(ValueObject(uniqueMembers: members)) }
        // An attribute whose name a child element also uses stays reachable as `@name`.
        for i in 0..<attributes.count where parts.childKeys.contains(members[i].key) {
            members[i].key = "@" + members[i].key
        }
        return .object(ValueObject(uniqueMembers: Self.deduplicated(members)))
    }

    /// True when a key occurs twice (a quadratic scan: child lists are short; a set above 32).
    static func hasRepeats(_ keys: [String]) -> Bool {
        if keys.count > 32 { return Set(keys).count != keys.count }
        for i in 1..<max(1, keys.count) {
            for j in 0..<i where keys[i] == keys[j] { return true }
        }
        return false
    }

    /// Attribute names are unique in well-formed XML except across namespaces (`a:x`, `b:x` both
    /// become `x`), and `@x` may meet an attribute really named `@x`: the later member is dropped.
    static func deduplicated(_ members: [ValueObject.Member]) -> [ValueObject.Member] {
        guard hasRepeats(members.map(\.key)) else { return members }
        var seen = Set<String>()
        return members.filter { seen.insert($0.key).inserted }
    }
}
