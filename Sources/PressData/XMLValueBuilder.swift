internal import CLibXML2

/// Turns a libxml2 element subtree into a ``Value`` following ``XMLMapping``'s rules.
struct XMLValueBuilder {
    let mapping: XMLMapping
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    /// The key for a node's name under the mapping's key style.
    func key(name: UnsafePointer<xmlChar>?, namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        if mapping.keyStyle == .qualifiedName, let prefix = namespace?.pointee.prefix {
            return String(cString: prefix) + ":" + local
        }
        return local
    }

    func isSchemaInstance(_ namespace: xmlNsPtr?) -> Bool {
        guard let href = namespace?.pointee.href else { return false }
        return String(cString: href) == Self.schemaInstanceNamespace
    }

    /// The text of an attribute (its children are text and entity-reference nodes).
    func attributeText(_ attribute: xmlAttrPtr) -> String {
        var text = ""
        var child = attribute.pointee.children
        while let node = child {
            appendText(of: node, to: &text)
            child = node.pointee.next
        }
        return text
    }

    /// Appends a text, CDATA or (internal) entity-reference node's text; anything else adds nothing.
    func appendText(of node: xmlNodePtr, to text: inout String) {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            if let content = node.pointee.content { text += String(cString: content) }
        case XML_ENTITY_REF_NODE:
            // Only entities declared inside the document; external ones are never read (no XXE).
            if let entity = xmlGetDocEntity(node.pointee.doc, node.pointee.name),
               entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY,
               let content = entity.pointee.content
            {
                text += String(cString: content)
            }
        default:
            break
        }
    }

    /// All text below `node` (for mixed content).
    func textContent(_ node: xmlNodePtr, into text: inout String) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                textContent(current, into: &text)
            } else {
                appendText(of: current, to: &text)
            }
            child = current.pointee.next
        }
    }

    /// Maps an element node.
    func value(of element: xmlNodePtr) -> Value {
        var attributes: [(String, Value)] = []
        var attribute = element.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            if isSchemaInstance(current.pointee.ns) {
                if let name = current.pointee.name, String(cString: name) == "nil" {
                    let text = attributeText(current)
                    if text == "true" || text == "1" { return .null }
                }
                continue
            }
            attributes.append((key(name: current.pointee.name, namespace: current.pointee.ns), .string(attributeText(current))))
        }

        var text = ""
        var hasSignificantText = false
        var childKeys: [String] = []
        var childNodes: [xmlNodePtr] = []
        var child = element.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                childKeys.append(key(name: node.pointee.name, namespace: node.pointee.ns))
                childNodes.append(node)
            } else {
                let before = text.utf8.count
                appendText(of: node, to: &text)
                if !hasSignificantText, text.utf8.count > before {
                    hasSignificantText = text.utf8.dropFirst(before).contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
                }
            }
            child = node.pointee.next
        }

        if childNodes.isEmpty {
            if attributes.isEmpty {
                if mapping.listElements.contains(key(name: element.pointee.name, namespace: element.pointee.ns)) {
                    return .array([])
                }
                return .string(text)
            }
            if hasSignificantText { attributes.append((mapping.textKey, .string(text))) }
            return .object(uniqueObject(attributes))
        }
        if hasSignificantText {
            var all = ""
            textContent(element, into: &all)
            if attributes.isEmpty { return .string(all) }
            attributes.append((mapping.textKey, .string(all)))
            return .object(uniqueObject(attributes))
        }

        if attributes.isEmpty, let first = childKeys.first, childKeys.allSatisfy({ $0 == first }) {
            let name = key(name: element.pointee.name, namespace: element.pointee.ns)
            if mapping.listElements.contains(name)
                || (mapping.collapsesPluralContainers && XMLMapping.isPlural(name, of: first))
            {
                return .array(childNodes.map { value(of: $0) })
            }
        }

        // Group repeated siblings by key, in order of first appearance.
        var groupKeys: [String] = []
        var groups: [[Value]] = []
        for (childKey, node) in zip(childKeys, childNodes) {
            let childValue = value(of: node)
            if let index = groupKeys.firstIndex(of: childKey) {
                groups[index].append(childValue)
            } else {
                groupKeys.append(childKey)
                groups.append([childValue])
            }
        }
        var members: [(String, Value)] = []
        members.reserveCapacity(attributes.count + groupKeys.count)
        for (attributeKey, attributeValue) in attributes {
            // An attribute whose name a child element also uses stays reachable as `@name`.
            members.append((groupKeys.contains(attributeKey) ? "@" + attributeKey : attributeKey, attributeValue))
        }
        for (groupKey, values) in zip(groupKeys, groups) {
            if values.count == 1 && !mapping.arrayElements.contains(groupKey) {
                members.append((groupKey, values[0]))
            } else {
                members.append((groupKey, .array(values)))
            }
        }
        return .object(uniqueObject(members))
    }

    /// Builds an object; keys are unique by construction except for pathological attribute names
    /// (`@x` next to `x`), where the later member wins.
    func uniqueObject(_ members: [(String, Value)]) -> ValueObject {
        ValueObject(members)
    }
}

/// One-time libxml2 set-up (xmlInitParser is not reentrant; never call xmlCleanupParser in a library).
enum LibXML2 {
    private static let initialized: Void = { xmlInitParser() }()
    static func initialize() { _ = initialized }

    /// Parser options for untrusted input: no network, no entity substitution (so no XXE), no
    /// DTD loading, errors only through our handler, CDATA merged into text.
    static var safeOptions: Int32 {
        Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)
    }

    /// A located DataError from a libxml2 error record.
    static func dataError(_ error: UnsafePointer<xmlError>?, file: String?, fallback: String) -> DataError {
        guard let error else { return DataError(.xmlSyntax, fallback, file: file) }
        var message = error.pointee.message.map { String(cString: $0) } ?? fallback
        while message.last == "\n" || message.last == " " { message.removeLast() }
        let line = Int(error.pointee.line)
        let column = Int(error.pointee.int2)
        let location = line > 0 ? SourceLocation(line: line, column: max(column, 1)) : nil
        return DataError(.xmlSyntax, message, location: location, file: file)
    }
}
