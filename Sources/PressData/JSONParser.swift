import Foundation

/// An RFC 8259 JSON parser over bytes, producing ``Value`` with exact `Decimal` numbers.
///
/// Strict by design (data for invoices must mean one thing): rejects invalid UTF-8 (RFC 3629,
/// no overlongs or encoded surrogates), unescaped control characters in strings, unpaired
/// `\u` surrogate escapes, trailing commas, leading zeros, `NaN`/`Infinity`, comments,
/// **duplicate keys in one object**, numbers with more than 38 significant digits or outside
/// Decimal's range, and nesting deeper than ``maxDepth``. A UTF-8 byte order mark at the very
/// start of a document is skipped. Errors carry line and column (1-based, columns in Unicode
/// scalars), what was expected and what was found, and the JSON pointer of the value being read:
/// `line 3, column 17: expected ',' or '}' after object member, found '"'`.
///
/// A parser keeps scratch buffers between documents; reuse one per reader/thread (it is not Sendable).
public struct JSONParser {
    /// Maximum nesting of arrays/objects (protects the stack); 512 by default.
    public var maxDepth: Int
    /// Scratch space kept between documents. Plain struct fields (not a class) so that accesses are
    /// checked for exclusivity statically; a class here cost ~10% in runtime access checks.
    var members: [ValueObject.Member] = []
    var elements: [Value] = []
    var bytes: [UInt8] = []
    var keySpans: [KeySpan] = []

    public init(maxDepth: Int = 512) {
        self.maxDepth = maxDepth
        members.reserveCapacity(64)
        elements.reserveCapacity(256)
        bytes.reserveCapacity(256)
        keySpans.reserveCapacity(64)
    }

    /// Parses one complete JSON document.
    public static func parse(_ bytes: [UInt8]) throws(DataError) -> Value {
        var parser = JSONParser()
        return try parser.parse(bytes)
    }

    /// Parses one complete JSON document from text.
    public static func parse(_ text: String) throws(DataError) -> Value {
        var parser = JSONParser()
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(DataError) -> Value in try parser.parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one complete JSON document.
    public mutating func parse(_ bytes: [UInt8]) throws(DataError) -> Value {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(DataError) -> Value in try parse(buffer) }
        }
        return try result.get()
    }

    /// Parses one complete JSON document; `line`/`column` say where `buffer` starts in its file
    /// (used for error locations when the buffer is one record of a larger input).
    public mutating func parse(_ buffer: UnsafeBufferPointer<UInt8>, line: Int = 1, column: Int = 1) throws(DataError) -> Value {
        guard let base = buffer.baseAddress, !buffer.isEmpty else {
            throw DataError(.jsonSyntax, "expected a JSON value, found end of input", location: SourceLocation(line: line, column: column))
        }
        var start = 0
        if buffer.count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
        var scanner = JSONScanner(base: base, end: buffer.count, pos: start, maxDepth: maxDepth)
        swap(&scanner.members, &members)
        swap(&scanner.elements, &elements)
        swap(&scanner.bytes, &bytes)
        swap(&scanner.keySpans, &keySpans)
        defer {
            swap(&scanner.members, &members)
            swap(&scanner.elements, &elements)
            swap(&scanner.bytes, &bytes)
            swap(&scanner.keySpans, &keySpans)
            // After an error the stacks may hold partial results.
            members.removeAll(keepingCapacity: true)
            elements.removeAll(keepingCapacity: true)
            keySpans.removeAll(keepingCapacity: true)
        }
        do {
            return try scanner.parseDocument()
        } catch {
            throw error.dataError(base: base, count: buffer.count, line: line, column: column)
        }
    }
}

/// Where an object key's raw bytes are (for duplicate detection without comparing Strings).
struct KeySpan {
    var start: Int
    var count: Int
    /// The key had escapes: its raw bytes are not its text, compare the Strings instead.
    var escaped: Bool
}

/// A parse failure at a byte offset; converted to a located ``DataError`` once, at the top.
struct JSONFailure: Error {
    var offset: Int
    var code: DataError.Code
    var message: String
    /// Path components, innermost first (appended while unwinding).
    var reversedPath: [PathComponent] = []

    func dataError(base: UnsafePointer<UInt8>, count: Int, line: Int, column: Int) -> DataError {
        let location = TextPosition.locate(offset: min(offset, count), in: base, startLine: line, startColumn: column)
        return DataError(code, message, location: location, path: ValuePath(reversedPath.reversed()))
    }
}

/// Line/column computation, done only when an error is reported (the hot path counts nothing).
enum TextPosition {
    /// The location of byte `offset`; the buffer's first byte is at `startLine`/`startColumn`.
    static func locate(offset: Int, in base: UnsafePointer<UInt8>, startLine: Int, startColumn: Int) -> SourceLocation {
        var line = startLine
        var lineStart = 0
        for i in 0..<offset where base[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = lineStart == 0 ? startColumn : 1
        for i in lineStart..<offset where base[i] & 0xC0 != 0x80 { column += 1 }
        return SourceLocation(line: line, column: column)
    }

    /// How a byte is shown in "found ..." messages.
    static func describe(_ base: UnsafePointer<UInt8>, at offset: Int, end: Int) -> String {
        guard offset < end else { return "end of input" }
        let byte = base[offset]
        switch byte {
        case 0x0A, 0x0D: return "a line break"
        case 0x20...0x7E: return "'\(Character(Unicode.Scalar(byte)))'"
        default: return "byte 0x" + String(byte, radix: 16, uppercase: true)
        }
    }
}

struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let end: Int
    var pos: Int
    let maxDepth: Int
    var depth = 0
    var members: [ValueObject.Member] = []
    var elements: [Value] = []
    var bytes: [UInt8] = []
    var keySpans: [KeySpan] = []
    /// Whether the last string parsed had escapes (its raw bytes differ from its text).
    var lastStringEscaped = false

    init(base: UnsafePointer<UInt8>, end: Int, pos: Int, maxDepth: Int) {
        self.base = base
        self.end = end
        self.pos = pos
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONFailure) -> Value {
        skipWhitespace()
        guard pos < end else { throw fail("expected a JSON value", at: pos, found: false) }
        let value = try parseValue()
        skipWhitespace()
        if pos < end { throw fail("unexpected content after the JSON value", at: pos) }
        return value
    }

    @inline(__always)
    func fail(_ expected: String, at offset: Int, found: Bool = true, code: DataError.Code = .jsonSyntax) -> JSONFailure {
        JSONFailure(offset: offset, code: code, message: expected + ", found " + TextPosition.describe(base, at: offset, end: end))
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < end {
            let byte = base[pos]
            // ' ' \t \n \r
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            pos += 1
        }
    }

    mutating func parseValue() throws(JSONFailure) -> Value {
        guard pos < end else { throw fail("expected a JSON value", at: pos) }
        switch base[pos] {
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "{"):
            return try parseObject()
        case UInt8(ascii: "["):
            return try parseArray()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        default:
            throw fail("expected a JSON value (object, array, string, number, true, false or null)", at: pos)
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONFailure) {
        let count = literal.utf8CodeUnitCount
        let text = literal.utf8Start
        for i in 0..<count {
            guard pos + i < end, base[pos + i] == text[i] else {
                throw fail("expected '\(literal)'", at: pos + i)
            }
        }
        pos += count
    }

    mutating func parseNumber() throws(JSONFailure) -> Value {
        let start = pos
        let scan = DecimalLiteral.scan(base, from: pos, limit: end)
        if let error = scan.error {
            if scan.errorAtLiteralStart {
                throw JSONFailure(offset: start, code: .numberOutOfRange, message: error)
            }
            throw fail(error, at: scan.end)
        }
        pos = scan.end
        return .number(scan.value)
    }

    mutating func enter() throws(JSONFailure) {
        depth += 1
        if depth > maxDepth {
            throw JSONFailure(offset: pos, code: .tooDeep, message: "nesting deeper than \(maxDepth) levels")
        }
    }

    mutating func parseObject() throws(JSONFailure) -> Value {
        try enter()
        pos += 1  // '{'
        skipWhitespace()
        if pos < end, base[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return .object(ValueObject())
        }
        let first = members.count
        let firstSpan = keySpans.count
        defer {
            members.removeSubrange(first...)
            keySpans.removeSubrange(firstSpan...)
        }
        // Above 32 members, duplicate detection switches from a scan to a set (no quadratic blow-up).
        var seen: Set<String>? = nil
        while true {
            guard pos < end, base[pos] == UInt8(ascii: "\"") else {
                if members.count > first {
                    if pos < end, base[pos] == UInt8(ascii: "}") {
                        throw fail("expected a string key after ',' (trailing commas are not allowed)", at: pos)
                    }
                    throw fail("expected a string key after ','", at: pos)
                }
                throw fail("expected a string key or '}'", at: pos)
            }
            let keyOffset = pos
            let key = try parseString()
            let span = KeySpan(start: keyOffset + 1, count: pos - keyOffset - 2, escaped: lastStringEscaped)
            if var set = seen {
                if !set.insert(key).inserted { throw duplicate(key, at: keyOffset) }
                seen = set
            } else {
                // Compare raw bytes (memcmp of equal-length spans) rather than Strings: much cheaper.
                for i in firstSpan..<keySpans.count {
                    let other = keySpans[i]
                    if other.escaped || span.escaped {
                        if members[first + i - firstSpan].key == key { throw duplicate(key, at: keyOffset) }
                    } else if other.count == span.count, memcmp(base + other.start, base + span.start, span.count) == 0 {
                        throw duplicate(key, at: keyOffset)
                    }
                }
                if keySpans.count - firstSpan >= 32 {
                    seen = Set(members[first...].map(\.key) + [key])
                }
            }
            keySpans.append(span)
            skipWhitespace()
            guard pos < end, base[pos] == UInt8(ascii: ":") else {
                throw fail("expected ':' after object key", at: pos)
            }
            pos += 1
            skipWhitespace()
            let value: Value
            do {
                value = try parseValue()
            } catch {
                var error = error
                error.reversedPath.append(.key(key))
                throw error
            }
            members.append(ValueObject.Member(key: key, value: value))
            skipWhitespace()
            guard pos < end else { throw fail("expected ',' or '}' after object member", at: pos) }
            let byte = base[pos]
            pos += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if byte == UInt8(ascii: "}") { break }
            throw fail("expected ',' or '}' after object member", at: pos - 1)
        }
        depth -= 1
        return .object(ValueObject(uniqueMembers: Array(members[first...])))
    }

    func duplicate(_ key: String, at offset: Int) -> JSONFailure {
        JSONFailure(offset: offset, code: .duplicateKey, message: "duplicate key \"\(key)\" in object")
    }

    mutating func parseArray() throws(JSONFailure) -> Value {
        try enter()
        pos += 1  // '['
        skipWhitespace()
        if pos < end, base[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return .array([])
        }
        let first = elements.count
        defer { elements.removeSubrange(first...) }
        while true {
            if pos < end, base[pos] == UInt8(ascii: "]"), elements.count > first {
                throw fail("expected a JSON value after ',' (trailing commas are not allowed)", at: pos)
            }
            let value: Value
            do {
                value = try parseValue()
            } catch {
                var error = error
                error.reversedPath.append(.index(elements.count - first))
                throw error
            }
            elements.append(value)
            skipWhitespace()
            guard pos < end else { throw fail("expected ',' or ']' after array element", at: pos) }
            let byte = base[pos]
            pos += 1
            if byte == UInt8(ascii: ",") {
                skipWhitespace()
                continue
            }
            if byte == UInt8(ascii: "]") { break }
            throw fail("expected ',' or ']' after array element", at: pos - 1)
        }
        depth -= 1
        return .array(Array(elements[first...]))
    }

    // MARK: Strings

    /// High bits set for the bytes of `word` that are a quote, a backslash or a control character;
    /// the lowest set bit is exact (borrow false positives only occur above a real hit). Non-ASCII
    /// bytes do not stop the scan: UTF-8 is validated once per string by the standard library.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = word &- (ones &* 0x20)  // borrows into the high bit for bytes < 0x20
        return (hasQuote | hasBackslash | hasControl) & ~word & highs
    }

    /// Parses a string starting at the opening quote; validates UTF-8 and decodes escapes.
    mutating func parseString() throws(JSONFailure) -> String {
        let open = pos
        pos += 1
        let start = pos
        var nonASCII: UInt64 = 0
        while true {
            while pos + 8 <= end {
                let word = UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)
                let mask = Self.attentionMask(word)
                if mask == 0 {
                    nonASCII |= word
                    pos += 8
                    continue
                }
                // Jump straight to the first byte that needs attention (little-endian: lowest byte first).
                let skip = mask.trailingZeroBitCount >> 3
                nonASCII |= word & ((1 << UInt64(skip << 3)) &- 1)
                pos += skip
                break
            }
            guard pos < end else { throw JSONFailure(offset: open, code: .jsonSyntax, message: "unterminated string") }
            let byte = base[pos]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(start: base + start, count: pos - start)
                pos += 1
                lastStringEscaped = false
                if nonASCII & 0x8080_8080_8080_8080 == 0 { return String(decoding: raw, as: UTF8.self) }
                return try validatedString(raw, offset: start)
            }
            if byte == UInt8(ascii: "\\") {
                lastStringEscaped = true
                return try parseEscapedString(open: open, start: start)
            }
            if byte < 0x20 {
                throw controlCharacter(byte)
            }
            nonASCII |= UInt64(byte)
            pos += 1
        }
    }

    /// A String from bytes that contain non-ASCII: our validator checks them (and finds the offending offset
    /// for the message), then `String(decoding:)` copies them. Why not `String(validating:as:)`: it is not
    /// specialised for us, and looking up its generic metadata on every string cost more than validating.
    func validatedString(_ raw: UnsafeBufferPointer<UInt8>, offset: Int) throws(JSONFailure) -> String {
        if let bad = UTF8Validation.firstInvalid(raw.baseAddress!, from: 0, to: raw.count) {
            throw JSONFailure(offset: offset + bad, code: .invalidUTF8, message: "invalid UTF-8 byte sequence")
        }
        return String(decoding: raw, as: UTF8.self)
    }

    func controlCharacter(_ byte: UInt8) -> JSONFailure {
        let hex = String(byte, radix: 16, uppercase: true)
        return JSONFailure(offset: pos, code: .jsonSyntax,
                           message: "unescaped control character U+" + String(repeating: "0", count: 4 - hex.count) + hex
                               + " in string (write it as an escape such as \\n)")
    }

    /// Validates one multi-byte UTF-8 sequence at `pos` (RFC 3629 table 3-7) and moves past it.
    @inline(__always)
    mutating func skipUTF8Sequence() throws(JSONFailure) {
        let length = UTF8Validation.sequenceLength(base, at: pos, end: end)
        if length == 0 {
            throw JSONFailure(offset: pos, code: .invalidUTF8, message: "invalid UTF-8 byte sequence")
        }
        pos += length
    }

    mutating func parseEscapedString(open: Int, start: Int) throws(JSONFailure) -> String {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: UnsafeBufferPointer(start: base + start, count: pos - start))
        while pos < end {
            let byte = base[pos]
            switch byte {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: bytes, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try decodeEscape()
            case 0..<0x20:
                throw controlCharacter(byte)
            case 0x80...:
                let from = pos
                try skipUTF8Sequence()
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + from, count: pos - from))
            default:
                bytes.append(byte)
                pos += 1
            }
        }
        throw JSONFailure(offset: open, code: .jsonSyntax, message: "unterminated string")
    }

    mutating func decodeEscape() throws(JSONFailure) {
        let escapeStart = pos
        pos += 1
        guard pos < end else { throw JSONFailure(offset: open(escapeStart), code: .jsonSyntax, message: "unterminated string") }
        let byte = base[pos]
        pos += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4(escapeStart)
            if (0xD800...0xDBFF).contains(scalar) {
                let high = scalar
                guard pos + 1 < end, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                    throw JSONFailure(offset: escapeStart, code: .jsonSyntax,
                                      message: "unpaired surrogate \\u\(hexString(high)): a high surrogate must be followed by a \\uDC00-\\uDFFF escape")
                }
                let lowStart = pos
                pos += 2
                let low = try hex4(lowStart)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw JSONFailure(offset: lowStart, code: .jsonSyntax,
                                      message: "unpaired surrogate \\u\(hexString(high)): expected a low surrogate \\uDC00-\\uDFFF, found \\u\(hexString(low))")
                }
                scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw JSONFailure(offset: escapeStart, code: .jsonSyntax,
                                  message: "unpaired surrogate \\u\(hexString(scalar)): a low surrogate must follow a high surrogate")
            }
            UTF8Validation.append(scalar: scalar, to: &bytes)
        default:
            pos -= 1
            throw JSONFailure(offset: escapeStart, code: .jsonSyntax,
                              message: "invalid escape '\\" + TextPosition.describe(base, at: pos, end: end).trimmingCharacters(in: ["'"]) + "' in string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
    }

    @inline(__always) func open(_ offset: Int) -> Int { offset }

    func hexString(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Reads the 4 hex digits after `\u` (pos is at the first digit).
    mutating func hex4(_ escapeStart: Int) throws(JSONFailure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < end else { throw fail("expected 4 hex digits after \\u", at: pos) }
            let byte = base[pos]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail("expected 4 hex digits after \\u", at: pos)
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }
}
