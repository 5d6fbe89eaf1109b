import Foundation
import PressData

/// One token of a template file.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case identifier      // letters, digits, `_`, `@` (XML attribute keys); `-` joins are done by the parser
        case string          // "…" with interpolation parts
        case number          // 12, 1.5, 10mm (unit in `unit`)
        case color           // #RRGGBB (hex digits in `text`)
        case symbol          // punctuation / operators (in `text`)
        case newline         // a statement separator (also `;`)
        case end
    }
    var kind: Kind
    var text: String = ""
    var number: Decimal = 0
    var unit: String?
    var parts: [StringPart] = []
    /// Byte offsets of the token in the file.
    var start: Int
    var end: Int
    var line: Int
    var column: Int
}

/// A piece of a string literal: literal text, or an interpolated expression given by its byte range.
enum StringPart: Sendable {
    case literal(String)
    case expression(start: Int, end: Int, line: Int, column: Int)
}

/// A hand-written lexer over UTF-8 bytes that tracks exact line and column (in Unicode scalars).
struct Lexer {
    let bytes: [UInt8]
    let file: String
    let fileID: Int32
    var position: Int
    let limit: Int
    var line: Int
    var column: Int

    init(bytes: [UInt8], file: String, start: Int = 0, end: Int? = nil, line: Int = 1, column: Int = 1) {
        self.bytes = bytes
        self.file = file
        self.fileID = SourceFiles.id(file)
        self.position = start
        self.limit = end ?? bytes.count
        self.line = line
        self.column = column
    }

    func location() -> SourceLocation { SourceLocation(fileID: fileID, line: line, column: column) }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < limit ? bytes[i] : nil
    }

    private mutating func advance() {
        let b = bytes[position]
        position += 1
        if b == 0x0A {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func error(_ message: String, expected: String? = nil, hint: String? = nil) -> TemplateError {
        TemplateError(TemplateDiagnostic(.syntax, at: location(), message, expected: expected, hint: hint))
    }

    /// All tokens up to and including `.end`.
    mutating func tokenize() throws(TemplateError) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity((limit - position) / 4)
        while true {
            let token = try next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    static func isIdentStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F || b == 0x40 || b >= 0x80
    }
    static func isIdentPart(_ b: UInt8) -> Bool { isIdentStart(b) || (b >= 0x30 && b <= 0x39) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    mutating func next() throws(TemplateError) -> Token {
        // Skip spaces and comments.
        while let b = peek() {
            if b == 0x20 || b == 0x09 || b == 0x0D {
                advance()
            } else if b == 0x2F, peek(1) == 0x2F {
                while let c = peek(), c != 0x0A { advance() }
            } else {
                break
            }
        }
        let start = position, startLine = line, startColumn = column
        func make(_ kind: Token.Kind, _ text: String = "") -> Token {
            Token(kind: kind, text: text, start: start, end: position, line: startLine, column: startColumn)
        }
        guard let b = peek() else { return make(.end) }
        if b == 0x0A || b == 0x3B {
            advance()
            return make(.newline, b == 0x0A ? "\n" : ";")
        }
        if Lexer.isIdentStart(b) {
            while let c = peek(), Lexer.isIdentPart(c) { advance() }
            return make(.identifier, String(decoding: bytes[start..<position], as: UTF8.self))
        }
        if Lexer.isDigit(b) || (b == 0x2E && peek(1).map(Lexer.isDigit) == true) {
            return try lexNumber(start: start, line: startLine, column: startColumn)
        }
        if b == 0x22 { return try lexString(start: start, line: startLine, column: startColumn) }
        if b == 0x23 {
            advance()
            var hex = ""
            while let c = peek(), Lexer.isIdentPart(c) {
                hex.append(Character(Unicode.Scalar(c)))
                advance()
            }
            guard hex.count == 6 || hex.count == 3, hex.allSatisfy(\.isHexDigit) else {
                throw TemplateError(TemplateDiagnostic(.syntax, at: SourceLocation(fileID: fileID, line: startLine, column: startColumn),
                    "invalid colour '#\(hex)'", expected: "6 hex digits like #1F3A5F"))
            }
            var token = make(.color)
            token.text = hex
            return token
        }
        // Symbols: two-character operators first.
        let two: [(UInt8, UInt8, String)] = [(0x3D, 0x3D, "=="), (0x21, 0x3D, "!="), (0x3C, 0x3D, "<="),
                                              (0x3E, 0x3D, ">="), (0x3F, 0x3F, "??")]
        for (a, c, text) in two where b == a && peek(1) == c {
            advance(); advance()
            return make(.symbol, text)
        }
        switch b {
        case 0x7B, 0x7D, 0x28, 0x29, 0x5B, 0x5D, 0x2C, 0x3A, 0x2E, 0x21, 0x3F, 0x26, 0x2B, 0x2D, 0x2A, 0x2F, 0x25,
             0x3C, 0x3E, 0x3D:
            advance()
            return make(.symbol, String(Character(Unicode.Scalar(b))))
        default:
            let scalarText = String(decoding: bytes[start..<min(limit, start + 4)], as: UTF8.self).prefix(1)
            throw error("unexpected character '\(scalarText)'", expected: "an element, a property or an expression")
        }
    }

    private mutating func lexNumber(start: Int, line startLine: Int, column startColumn: Int) throws(TemplateError) -> Token {
        var seenDot = false
        while let c = peek() {
            if Lexer.isDigit(c) {
                advance()
            } else if c == 0x2E, !seenDot, peek(1).map(Lexer.isDigit) == true {
                seenDot = true
                advance()
            } else {
                break
            }
        }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Value.string(literal).decimalValue else {
            throw error("invalid number '\(literal)'")
        }
        var unit: String?
        if let c = peek(), Lexer.isIdentStart(c) || c == 0x25 {
            let unitStart = position
            if c == 0x25 {
                advance()
            } else {
                while let d = peek(), Lexer.isIdentStart(d) { advance() }
            }
            unit = String(decoding: bytes[unitStart..<position], as: UTF8.self)
        }
        return Token(kind: .number, text: literal, number: value, unit: unit, start: start, end: position,
                     line: startLine, column: startColumn)
    }

    private mutating func lexString(start: Int, line startLine: Int, column startColumn: Int) throws(TemplateError) -> Token {
        advance()  // opening quote
        var parts: [StringPart] = []
        var literal: [UInt8] = []
        func flush() {
            if !literal.isEmpty {
                parts.append(.literal(String(decoding: literal, as: UTF8.self)))
                literal.removeAll(keepingCapacity: true)
            }
        }
        while true {
            guard let c = peek(), c != 0x0A else {
                throw TemplateError(TemplateDiagnostic(.syntax, at: location(), "unterminated text",
                    expected: "a closing '\"' before the end of the line",
                    hint: "the text starts at \(startLine):\(startColumn)"))
            }
            if c == 0x22 {
                advance()
                break
            }
            if c == 0x5C {  // backslash escape
                advance()
                guard let e = peek(), e != 0x0A else { throw error("unterminated escape sequence") }
                advance()
                switch e {
                case 0x6E: literal.append(0x0A)
                case 0x74: literal.append(0x09)
                case 0x22, 0x5C, 0x7B, 0x7D: literal.append(e)
                case 0x75:
                    guard peek() == 0x7B else { throw error("invalid \\u escape", expected: "\\u{XXXX}") }
                    advance()
                    var hex = ""
                    while let h = peek(), h != 0x7D, hex.count < 8 {
                        hex.append(Character(Unicode.Scalar(h)))
                        advance()
                    }
                    guard peek() == 0x7D, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        throw error("invalid \\u escape", expected: "\\u{XXXX} with hex digits")
                    }
                    advance()
                    literal.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))'", expected: "\\\" \\\\ \\n \\t \\u{…} \\{ \\}")
                }
                continue
            }
            if c == 0x7B {
                if peek(1) == 0x7B {
                    advance(); advance()
                    literal.append(0x7B)
                    continue
                }
                flush()
                let openLine = line, openColumn = column
                advance()
                let exprStart = position, exprLine = line, exprColumn = column
                var depth = 0
                while true {
                    guard let d = peek(), d != 0x0A else {
                        throw TemplateError(TemplateDiagnostic(.syntax, at: location(), "unterminated '{' in text",
                            expected: "'}'", hint: "the expression starts at \(openLine):\(openColumn)"))
                    }
                    if d == 0x22 {  // nested string inside the expression
                        advance()
                        while let s = peek(), s != 0x22, s != 0x0A {
                            if s == 0x5C { advance() }
                            if peek() != nil { advance() }
                        }
                        if peek() == 0x22 { advance() }
                        continue
                    }
                    if d == 0x7B { depth += 1 }
                    if d == 0x7D {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    advance()
                }
                let exprEnd = position
                advance()  // closing brace
                if exprStart == exprEnd {
                    throw TemplateError(TemplateDiagnostic(.syntax,
                        at: SourceLocation(file: file, line: openLine, column: openColumn),
                        "empty '{}' in text", expected: "an expression such as {invoice.number}",
                        hint: "write {{ for a literal brace"))
                }
                parts.append(.expression(start: exprStart, end: exprEnd, line: exprLine, column: exprColumn))
                continue
            }
            if c == 0x7D, peek(1) == 0x7D {
                advance(); advance()
                literal.append(0x7D)
                continue
            }
            literal.append(c)
            advance()
        }
        flush()
        var token = Token(kind: .string, start: start, end: position, line: startLine, column: startColumn)
        token.parts = parts
        return token
    }
}
