// Generic dictionary and array writers. Typed writers (``CatalogWriter``, ``PageWriter``…) wrap a
// ``DictWriter`` so call sites never spell keys; the generic `pair` methods remain for extensions.

/// A writer for the body of one PDF dictionary (§7.3.7). Created by ``PDFWriter`` or a parent
/// writer; the enclosing `<<` `>>` are written by the creator.
public struct DictWriter {
    var buf: [UInt8]

    init(buf: [UInt8]) { self.buf = buf }

    @inline(__always)
    mutating func key(_ key: StaticString) { buf.appendASCII(key) }

    /// Writes `/key value` for any ``PDFValue``.
    public mutating func pair(_ key: Name, _ value: some PDFValue) {
        key.write(to: &buf)
        buf.separateToken(value)
        value.writeValue(to: &buf)
    }

    mutating func entry(_ key: StaticString, _ value: some PDFValue) {
        buf.appendASCII(key)
        buf.separateToken(value)
        value.writeValue(to: &buf)
    }

    mutating func int(_ key: StaticString, _ value: Int) {
        buf.appendASCII(key); buf.append(0x20); buf.appendInt(value)
    }

    mutating func real(_ key: StaticString, _ value: Double) {
        buf.appendASCII(key); buf.append(0x20); buf.appendReal(value)
    }

    mutating func bool(_ key: StaticString, _ value: Bool) {
        buf.appendASCII(key); buf.appendASCII(value ? " true" : " false")
    }

    mutating func ref(_ key: StaticString, _ value: ObjectRef) {
        buf.appendASCII(key); buf.append(0x20); value.write(to: &buf)
    }

    mutating func name(_ key: StaticString, _ value: Name) {
        buf.appendASCII(key); value.write(to: &buf)
    }

    /// Key followed by a static name token, e.g. `raw("/Type", "/Page")`.
    mutating func raw(_ key: StaticString, _ value: StaticString) {
        buf.appendASCII(key); buf.appendASCII(value)
    }

    /// Writes `/key << … >>` with a typed nested writer.
    mutating func nested<W: DictBacked>(_ key: StaticString, _ type: W.Type, _ body: (inout W) -> Void) {
        buf.appendASCII(key)
        buf.appendASCII("<<")
        var writer = W(dict: DictWriter(buf: take()))
        body(&writer)
        buf = writer.dict.take()
        buf.appendASCII(">>")
    }

    /// Writes `/key [ … ]` with an array writer.
    mutating func arrayEntry(_ key: StaticString, _ body: (inout ArrayWriter) -> Void) {
        buf.appendASCII(key)
        buf.append(0x5B)
        var writer = ArrayWriter(buf: take())
        body(&writer)
        buf = writer.take()
        buf.append(0x5D)
    }

    /// Writes `/key [ … ]` with an array writer (public form for extensions).
    public mutating func array(_ key: Name, _ body: (inout ArrayWriter) -> Void) {
        key.write(to: &buf)
        buf.append(0x5B)
        var writer = ArrayWriter(buf: take())
        body(&writer)
        buf = writer.take()
        buf.append(0x5D)
    }

    /// Writes `/key << … >>` with a generic nested writer (public form for extensions).
    public mutating func dict(_ key: Name, _ body: (inout DictWriter) -> Void) {
        key.write(to: &buf)
        buf.appendASCII("<<")
        var writer = DictWriter(buf: take())
        body(&writer)
        buf = writer.take()
        buf.appendASCII(">>")
    }

    mutating func take() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &buf)
        return out
    }
}

/// A typed writer backed by a ``DictWriter``.
public protocol DictBacked {
    var dict: DictWriter { get set }
    init(dict: DictWriter)
}

/// A writer for the items of one PDF array (§7.3.6).
public struct ArrayWriter {
    var buf: [UInt8]

    init(buf: [UInt8]) { self.buf = buf }

    /// Appends any ``PDFValue``.
    public mutating func item(_ value: some PDFValue) {
        buf.separateToken(value)
        value.writeValue(to: &buf)
    }

    /// Appends an integer.
    public mutating func int(_ value: Int) { buf.separateRegular(); buf.appendInt(value) }
    /// Appends a real (at most 3 decimals).
    public mutating func real(_ value: Double) { buf.separateRegular(); buf.appendReal(value) }
    /// Appends an indirect reference.
    public mutating func ref(_ value: ObjectRef) { buf.separateRegular(); value.write(to: &buf) }
    /// Appends a name.
    public mutating func name(_ value: Name) { value.write(to: &buf) }

    /// Appends a nested array.
    public mutating func array(_ body: (inout ArrayWriter) -> Void) {
        buf.append(0x5B)
        var writer = ArrayWriter(buf: take())
        body(&writer)
        buf = writer.take()
        buf.append(0x5D)
    }

    /// Appends a nested dictionary.
    public mutating func dict(_ body: (inout DictWriter) -> Void) {
        buf.appendASCII("<<")
        var writer = DictWriter(buf: take())
        body(&writer)
        buf = writer.take()
        buf.appendASCII(">>")
    }

    mutating func take() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &buf)
        return out
    }
}

/// A value that can be written as a PDF direct object.
public protocol PDFValue {
    /// Writes the value's tokens (no leading separator).
    func writeValue(to out: inout [UInt8])
    /// True when the first byte is a regular character (numbers, `true`, references), so a
    /// separator is needed after a preceding regular character (§7.2.2).
    var startsWithRegularCharacter: Bool { get }
}

extension PDFValue {
    public var startsWithRegularCharacter: Bool { false }
}

extension Array where Element == UInt8 {
    /// Appends a space when the previous byte is a regular character, so two tokens do not merge.
    @inline(__always)
    mutating func separateRegular() {
        if let last, !ByteClass.isDelimiter(last), !ByteClass.isWhitespace(last) { append(0x20) }
    }

    @inline(__always)
    mutating func separateToken(_ value: some PDFValue) {
        if value.startsWithRegularCharacter { separateRegular() }
    }
}

extension Name: PDFValue {
    public func writeValue(to out: inout [UInt8]) { write(to: &out) }
}
extension PDFString: PDFValue {
    public func writeValue(to out: inout [UInt8]) { write(to: &out) }
}
extension TextString: PDFValue {
    public func writeValue(to out: inout [UInt8]) { write(to: &out) }
}
extension ObjectRef: PDFValue {
    public func writeValue(to out: inout [UInt8]) { write(to: &out) }
    public var startsWithRegularCharacter: Bool { true }
}
extension Rect: PDFValue {
    public func writeValue(to out: inout [UInt8]) { write(to: &out) }
}
extension PDFDate: PDFValue {
    public func writeValue(to out: inout [UInt8]) { writePDF(to: &out) }
}
extension Int: PDFValue {
    public func writeValue(to out: inout [UInt8]) { out.appendInt(self) }
    public var startsWithRegularCharacter: Bool { true }
}
extension Double: PDFValue {
    public func writeValue(to out: inout [UInt8]) { out.appendReal(self) }
    public var startsWithRegularCharacter: Bool { true }
}
extension Bool: PDFValue {
    public func writeValue(to out: inout [UInt8]) { out.appendASCII(self ? "true" : "false") }
    public var startsWithRegularCharacter: Bool { true }
}
