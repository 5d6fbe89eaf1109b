internal import CLibXML2
import Foundation

/// Turns a libxml2 element subtree into a ``Value`` following ``XMLMapping``'s rules.
///
/// One builder per reader/document: it caches the Swift strings of element and attribute names by
/// their libxml2 pointer. That is safe because only names interned in the document's dictionary
/// are cached, and the dictionary (and so each pointer's text) lives as long as the reader.
final class XMLValueBuilder {
    let mapping: XMLMapping
    private var nameCache: [UnsafeRawPointer: String] = [:]
    private let hasArrayElements: Bool
    static let schemaInstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance"

    init(mapping: XMLMapping) {
        self.mapping = mapping
        hasArrayElements = !mapping.arrayElements.isEmpty
    }

    /// The key for a node's name under the mapping's key style.
    func key(_ node: xmlNodePtr) -> String {
        key(name: node.pointee.name, namespace: node.pointee.ns, document: node.pointee.doc)
    }

    func key(name: UnsafePointer<xmlChar>?, namespace: xmlNsPtr?, document: xmlDocPtr?) -> String {
        guard let name else { return "" }
        if mapping.keyStyle == .qualifiedName, let prefix = namespace?.pointee.prefix {
            return String(cString: prefix) + ":" + String(cString: name)
        }
        if let cached = nameCache[UnsafeRawPointer(name)] { return cached }
        let string = String(cString: name)
        if let dictionary = document?.pointee.dict, xmlDictOwns(dictionary, name) == 1 {
            nameCache[UnsafeRawPointer(name)] = string
        }
        return string
    }

    func isSchemaInstance(_ namespace: xmlNsPtr?) -> Bool {
        guard let href = namespace?.pointee.href else { return false }
        return strcmp(UnsafeRawPointer(href).assumingMemoryBound(to: CChar.self), Self.schemaInstanceNamespace) == 0
    }

    /// The text of an attribute (its children are text and entity-reference nodes).
    func attributeText(_ attribute: xmlAttrPtr) -> String {
        if let only = attribute.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
           let content = only.pointee.content
        {
            return String(cString: content)
        }
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

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    /// Maps an element node.
    func value(of element: xmlNodePtr) -> Value {
        // Fast path, most leaves: `<name>text</name>` without attributes.
        if element.pointee.properties == nil {
            let first = element.pointee.children
            if first == nil {
                if !mapping.listElements.isEmpty, mapping.listElements.contains(key(element)) { return .array([]) }
                return .string("")
            }
            if let only = first, only.pointee.next == nil,
               only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE,
               let content = only.pointee.content
            {
                return .string(String(cString: content))
            }
        }

        var parts = XMLMapping.ElementParts(name: key(element))
        var attribute = element.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            if isSchemaInstance(current.pointee.ns) {
                if let name = current.pointee.name, strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), "nil") == 0 {
                    let text = attributeText(current)
                    if text == "true" || text == "1" { return .null }
                }
                continue
            }
            parts.attributes.append(ValueObject.Member(key: key(name: current.pointee.name, namespace: current.pointee.ns, document: element.pointee.doc),
                                                       value: .string(attributeText(current))))
        }

        var text = ""
        var child = element.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE {
                parts.childKeys.append(key(node))
                parts.childValues.append(value(of: node))
            } else {
                let before = text.utf8.count
                appendText(of: node, to: &text)
                if !parts.hasSignificantText, text.utf8.count > before {
                    parts.hasSignificantText = text.utf8.dropFirst(before).contains { !Self.isSpace($0) }
                }
            }
            child = node.pointee.next
        }
        return mapping.value(of: parts, text: { text }, mixedText: {
            var all = ""
            textContent(element, into: &all)
            return all
        })
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
