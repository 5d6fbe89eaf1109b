import Foundation

/// A recursive-descent parser for `.pwt` files: markup statements and expressions.
struct Parser {
    let bytes: [UInt8]
    let file: String
    let fileID: Int32
    private var tokens: [Token]
    private var index = 0
    /// > 0 inside `(…)`/`[…]` in expressions, where line breaks do not end anything.
    private var nesting = 0

    init(source: [UInt8], file: String) throws(TemplateError) {
        bytes = source
        self.file = file
        fileID = SourceFiles.id(file)
        var lexer = Lexer(bytes: source, file: file)
        tokens = try lexer.tokenize()
    }

    /// Parses an expression in a byte range (an interpolation inside a text).
    init(source: [UInt8], file: String, start: Int, end: Int, line: Int, column: Int) throws(TemplateError) {
        bytes = source
        self.file = file
        fileID = SourceFiles.id(file)
        var lexer = Lexer(bytes: source, file: file, start: start, end: end, line: line, column: column)
        tokens = try lexer.tokenize()
        nesting = 1
    }

    /// Parses a whole file.
    static func parseFile(source: [UInt8], file: String) throws(TemplateError) -> [StatementSyntax] {
        var parser = try Parser(source: source, file: file)
        let statements = try parser.parseStatements(closing: nil)
        return statements
    }

    // MARK: Tokens

    private var current: Token {
        if nesting > 0 {
            var i = index
            while tokens[i].kind == .newline { i += 1 }
            return tokens[i]
        }
        return tokens[index]
    }

    private mutating func take() -> Token {
        if nesting > 0 { while tokens[index].kind == .newline { index += 1 } }
        let token = tokens[index]
        if token.kind != .end { index += 1 }
        return token
    }

    private func peekToken(_ offset: Int) -> Token {
        var i = index, remaining = offset
        while true {
            if nesting > 0 { while tokens[i].kind == .newline { i += 1 } }
            if remaining == 0 || tokens[i].kind == .end { return tokens[i] }
            i += 1
            remaining -= 1
        }
    }

    private func location(_ token: Token) -> SourceLocation {
        SourceLocation(fileID: fileID, line: token.line, column: token.column)
    }

    private func isSymbol(_ token: Token, _ symbol: String) -> Bool { token.kind == .symbol && token.text == symbol }
    private func isWord(_ token: Token, _ word: String) -> Bool { token.kind == .identifier && token.text == word }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "end of file"
        case .newline: return "end of line"
        case .string: return "a text"
        case .number: return "number '\(token.text)\(token.unit ?? "")'"
        case .color: return "colour '#\(token.text)'"
        case .identifier: return "'\(token.text)'"
        case .symbol: return "'\(token.text)'"
        }
    }

    private func syntaxError(_ token: Token, _ message: String, expected: String? = nil, hint: String? = nil) -> TemplateError {
        TemplateError(TemplateDiagnostic(.syntax, at: location(token), message, expected: expected, hint: hint))
    }

    private mutating func expectSymbol(_ symbol: String, _ what: String, hint: String? = nil) throws(TemplateError) -> Token {
        let token = current
        guard isSymbol(token, symbol) else {
            throw syntaxError(token, "expected '\(symbol)' \(what), found \(describe(token))", expected: "'\(symbol)'", hint: hint)
        }
        return take()
    }

    /// An identifier, with `-` joins when there is no space around the dash (`space-before`, `din5008-b`).
    private mutating func dashedIdentifier() -> String {
        var name = take().text
        while isSymbol(tokens[index], "-"), tokens[index].start == tokens[index - 1].end,
              tokens[index + 1].kind == .identifier || tokens[index + 1].kind == .number,
              tokens[index + 1].start == tokens[index].end {
            index += 1
            let part = take()
            name += "-" + part.text + (part.unit ?? "")
        }
        return name
    }

    private mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    // MARK: Statements

    /// Statements until `}` (consumed) or the end of the file.
    mutating func parseStatements(closing open: Token?) throws(TemplateError) -> [StatementSyntax] {
        var statements: [StatementSyntax] = []
        while true {
            skipNewlines()
            let token = current
            if token.kind == .end {
                if let open {
                    throw syntaxError(token, "expected '}' to close the block opened at \(open.line):\(open.column), found end of file",
                                      expected: "'}'")
                }
                return statements
            }
            if isSymbol(token, "}") {
                guard open != nil else { throw syntaxError(token, "unexpected '}' with no open block", hint: "remove it or add the '{' it closes") }
                _ = take()
                return statements
            }
            statements.append(try parseStatement())
            // A statement ends at a line break, `;`, `}` or the end.
            let after = current
            if after.kind == .newline || after.kind == .end || isSymbol(after, "}") { continue }
            throw syntaxError(after, "unexpected \(describe(after)) after the statement", expected: "a line break or ';'")
        }
    }

    private mutating func parseBlock() throws(TemplateError) -> [StatementSyntax] {
        let open = try expectSymbol("{", "to open a block")
        return try parseStatements(closing: open)
    }

    private mutating func parseStatement() throws(TemplateError) -> StatementSyntax {
        let token = current
        let loc = location(token)
        switch token.kind {
        case .string:
            return .text(try parseTextLiteral(take()), loc)
        case .identifier:
            switch token.text {
            case "let", "set":
                _ = take()
                let name = current
                guard name.kind == .identifier else { throw syntaxError(name, "expected a variable name after '\(token.text)', found \(describe(name))", expected: "a name like 'total'") }
                _ = take()
                _ = try expectSymbol("=", "after '\(token.text) \(name.text)'")
                let value = try parseExpression()
                return token.text == "let" ? .letVariable(name.text, value, loc) : .setVariable(name.text, value, loc)
            case "if":
                _ = take()
                var branches: [(ExprSyntax, [StatementSyntax])] = [(try parseExpression(), try parseBlock())]
                var otherwise: [StatementSyntax]?
                while true {
                    let save = index
                    skipNewlines()
                    if isWord(current, "elif") {
                        _ = take()
                        branches.append((try parseExpression(), try parseBlock()))
                    } else if isWord(current, "else") {
                        _ = take()
                        if isWord(current, "if") {
                            _ = take()
                            branches.append((try parseExpression(), try parseBlock()))
                            continue
                        }
                        otherwise = try parseBlock()
                        break
                    } else {
                        index = save
                        break
                    }
                }
                return .ifChain(branches, otherwise: otherwise, loc)
            case "for":
                _ = take()
                let name = current
                guard name.kind == .identifier else { throw syntaxError(name, "expected a loop variable after 'for', found \(describe(name))", expected: "for item in items { … }") }
                _ = take()
                guard isWord(current, "in") else { throw syntaxError(current, "expected 'in' after 'for \(name.text)', found \(describe(current))", expected: "for item in items { … }") }
                _ = take()
                let sequence = try parseExpression()
                return .forLoop(name.text, sequence, try parseBlock(), loc)
            case "include":
                _ = take()
                let path = current
                guard path.kind == .string, path.parts.count <= 1, case .literal(let name)? = path.parts.first ?? .literal("") else {
                    throw syntaxError(path, "expected the block name as a plain text after 'include', found \(describe(path))", expected: "include \"letterhead\"")
                }
                _ = take()
                var arguments: [(String, ExprSyntax)] = []
                if isWord(current, "with") {
                    _ = take()
                    _ = try expectSymbol("(", "after 'with'", hint: "include \"bank-details\" with (account: sender.bank)")
                    nesting += 1
                    while !isSymbol(current, ")") {
                        let key = current
                        guard key.kind == .identifier else { nesting -= 1; throw syntaxError(key, "expected a variable name, found \(describe(key))", expected: "name: expression") }
                        _ = take()
                        _ = try expectSymbol(":", "after '\(key.text)'")
                        arguments.append((key.text, try parseExpression()))
                        if isSymbol(current, ",") { _ = take() } else { break }
                    }
                    _ = try expectSymbol(")", "to close 'with ('")
                    nesting -= 1
                }
                return .include(name, arguments, loc)
            case "call":
                _ = take()
                guard current.kind == .identifier else { throw syntaxError(current, "expected a sub-template name after 'call', found \(describe(current))", expected: "call name(arguments)") }
                let name = dashedIdentifier()
                _ = try expectSymbol("(", "after 'call \(name)'")
                return .call(name, try parseArguments(), loc)
            case "define":
                _ = take()
                guard current.kind == .identifier else { throw syntaxError(current, "expected a name after 'define', found \(describe(current))", expected: "define name(a, b) { … }") }
                let name = dashedIdentifier()
                _ = try expectSymbol("(", "after 'define \(name)'", hint: "write 'define \(name)() { … }' when there are no parameters")
                var parameters: [String] = []
                nesting += 1
                while current.kind == .identifier {
                    parameters.append(take().text)
                    if isSymbol(current, ",") { _ = take() } else { break }
                }
                _ = try expectSymbol(")", "to close the parameter list")
                nesting -= 1
                return .define(name, parameters, try parseBlock(), loc)
            default:
                break
            }
            let name = dashedIdentifier()
            if isSymbol(current, ":") {
                _ = take()
                let values = try parseValues()
                guard !values.isEmpty else {
                    throw syntaxError(current, "expected a value after '\(name):', found \(describe(current))", expected: "a value like 10mm, \"text\", right or (expression)")
                }
                return .property(PropertySyntax(name: name, location: loc, values: values))
            }
            var element = ElementSyntax(name: name, location: loc)
            while true {
                let t = current
                if t.kind == .newline || t.kind == .end || isSymbol(t, "}") { break }
                if isSymbol(t, "{") {
                    element.hasBlock = true
                    for child in try parseBlock() {
                        if case .property(let property) = child {
                            element.properties.append(property)
                        } else {
                            element.children.append(child)
                        }
                    }
                    break
                }
                if t.kind == .identifier, isPropertyStart() {
                    let propLoc = location(t)
                    let propName = dashedIdentifier()
                    _ = take()  // ':'
                    let values = try parseValues()
                    guard !values.isEmpty else {
                        throw syntaxError(current, "expected a value after '\(propName):', found \(describe(current))", expected: "a value")
                    }
                    element.properties.append(PropertySyntax(name: propName, location: propLoc, values: values))
                    continue
                }
                guard let value = try parseValue() else {
                    throw syntaxError(t, "unexpected \(describe(t)) in '\(name)'", expected: "a value, 'name: value' or '{'")
                }
                element.positional.append(value)
            }
            return .element(element)
        default:
            throw syntaxError(token, "expected an element, a property or a text, found \(describe(token))",
                              expected: "e.g. p \"text\", size: 9pt, let x = …")
        }
    }

    /// True when the tokens ahead read `name:` (a dashed name followed by a colon).
    private func isPropertyStart() -> Bool {
        var i = index
        guard tokens[i].kind == .identifier else { return false }
        i += 1
        while isSymbol(tokens[i], "-"), tokens[i].start == tokens[i - 1].end, tokens[i + 1].start == tokens[i].end,
              tokens[i + 1].kind == .identifier || tokens[i + 1].kind == .number {
            i += 2
        }
        return isSymbol(tokens[i], ":")
    }

    /// Values until the end of the statement, a `{`, or the next `name:`.
    private mutating func parseValues() throws(TemplateError) -> [ValueSyntax] {
        var values: [ValueSyntax] = []
        while true {
            let t = current
            if t.kind == .newline || t.kind == .end || isSymbol(t, "}") || isSymbol(t, "{") { break }
            if t.kind == .identifier, isPropertyStart() { break }
            if isSymbol(t, ","), !values.isEmpty {
                _ = take()
                continue
            }
            guard let value = try parseValue() else {
                throw syntaxError(t, "unexpected \(describe(t))", expected: "a value like 10mm, \"text\", right or (expression)")
            }
            values.append(value)
        }
        return values
    }

    /// One markup value, or nil when the current token cannot start one.
    private mutating func parseValue() throws(TemplateError) -> ValueSyntax? {
        let t = current
        let loc = location(t)
        switch t.kind {
        case .string:
            return ValueSyntax(kind: .text(try parseTextLiteral(take())), location: loc)
        case .number:
            _ = take()
            return ValueSyntax(kind: .number(t.number, unit: t.unit), location: loc)
        case .color:
            _ = take()
            return ValueSyntax(kind: .color(t.text), location: loc)
        case .identifier:
            let next = tokens[index + 1]
            if isSymbol(next, "("), next.start == t.end {
                return ValueSyntax(kind: .expression(try parsePostfix()), location: loc)
            }
            return ValueSyntax(kind: .word(dashedIdentifier()), location: loc)
        case .symbol:
            if t.text == "-", tokens[index + 1].kind == .number {
                _ = take()
                let n = take()
                return ValueSyntax(kind: .number(-n.number, unit: n.unit), location: loc)
            }
            if t.text == "(" {
                _ = take()
                nesting += 1
                let expression = try parseExpression()
                _ = try expectSymbol(")", "to close the expression opened at \(t.line):\(t.column)")
                nesting -= 1
                return ValueSyntax(kind: .expression(expression), location: loc)
            }
            if t.text == "[" {
                _ = take()
                nesting += 1
                var items: [ValueSyntax] = []
                while !isSymbol(current, "]") {
                    guard let item = try parseValue() else {
                        throw syntaxError(current, "unexpected \(describe(current)) in a list", expected: "a value or ']'")
                    }
                    items.append(item)
                    if isSymbol(current, ",") { _ = take() }
                }
                _ = take()
                nesting -= 1
                return ValueSyntax(kind: .list(items), location: loc)
            }
            return nil
        default:
            return nil
        }
    }

    // MARK: Texts

    /// A string token as an expression: `.string` when it has no interpolation.
    private func parseTextLiteral(_ token: Token) throws(TemplateError) -> ExprSyntax {
        let loc = location(token)
        if token.parts.isEmpty { return .string("", loc) }
        if token.parts.count == 1, case .literal(let text) = token.parts[0] { return .string(text, loc) }
        var parts: [InterpolationSyntax] = []
        for part in token.parts {
            switch part {
            case .literal(let text):
                parts.append(.literal(text))
            case .expression(let start, let end, let line, let column):
                var sub = try Parser(source: bytes, file: file, start: start, end: end, line: line, column: column)
                let expression = try sub.parseExpression()
                let rest = sub.current
                guard rest.kind == .end else {
                    throw sub.syntaxError(rest, "unexpected \(sub.describe(rest)) in '{…}'", expected: "'}' after the expression")
                }
                parts.append(.expression(expression))
            }
        }
        return .interpolated(parts, loc)
    }

    // MARK: Expressions

    mutating func parseExpression() throws(TemplateError) -> ExprSyntax {
        let condition = try parseCoalesce()
        if isSymbol(current, "?") {
            let q = take()
            nesting += 1
            let whenTrue = try parseExpression()
            _ = try expectSymbol(":", "in 'condition ? a : b'")
            nesting -= 1
            let whenFalse = try parseExpression()
            return .conditional(condition, whenTrue, whenFalse, location(q))
        }
        return condition
    }

    private mutating func parseCoalesce() throws(TemplateError) -> ExprSyntax {
        var left = try parseOr()
        while isSymbol(current, "??") {
            let op = take()
            left = .binary(.coalesce, left, try parseOr(), location(op))
        }
        return left
    }

    private mutating func parseOr() throws(TemplateError) -> ExprSyntax {
        var left = try parseAnd()
        while isWord(current, "or") {
            let op = take()
            left = .binary(.or, left, try parseAnd(), location(op))
        }
        return left
    }

    private mutating func parseAnd() throws(TemplateError) -> ExprSyntax {
        var left = try parseNot()
        while isWord(current, "and") {
            let op = take()
            left = .binary(.and, left, try parseNot(), location(op))
        }
        return left
    }

    private mutating func parseNot() throws(TemplateError) -> ExprSyntax {
        if isWord(current, "not") {
            let op = take()
            return .unary(.not, try parseNot(), location(op))
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(TemplateError) -> ExprSyntax {
        let left = try parseConcat()
        let t = current
        if t.kind == .symbol, let op = BinaryOperator(rawValue: t.text),
           [.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual].contains(op) {
            _ = take()
            return .binary(op, left, try parseConcat(), location(t))
        }
        if isSymbol(t, "=") {
            throw syntaxError(t, "'=' is not a comparison", expected: "'==' to compare", hint: "write '==' (or use 'let x = …' to define a variable)")
        }
        return left
    }

    private mutating func parseConcat() throws(TemplateError) -> ExprSyntax {
        var left = try parseAdditive()
        while isSymbol(current, "&") {
            let op = take()
            left = .binary(.concat, left, try parseAdditive(), location(op))
        }
        return left
    }

    private mutating func parseAdditive() throws(TemplateError) -> ExprSyntax {
        var left = try parseMultiplicative()
        while current.kind == .symbol, current.text == "+" || current.text == "-" {
            let op = take()
            left = .binary(op.text == "+" ? .add : .subtract, left, try parseMultiplicative(), location(op))
        }
        return left
    }

    private mutating func parseMultiplicative() throws(TemplateError) -> ExprSyntax {
        var left = try parseUnary()
        while current.kind == .symbol, current.text == "*" || current.text == "/" || current.text == "%" {
            let op = take()
            let kind: BinaryOperator = op.text == "*" ? .multiply : op.text == "/" ? .divide : .remainder
            left = .binary(kind, left, try parseUnary(), location(op))
        }
        return left
    }

    private mutating func parseUnary() throws(TemplateError) -> ExprSyntax {
        if isSymbol(current, "-") {
            let op = take()
            return .unary(.negate, try parseUnary(), location(op))
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(TemplateError) -> ExprSyntax {
        var expression = try parsePrimary()
        while true {
            let t = current
            if isSymbol(t, ".") {
                _ = take()
                let name = current
                if name.kind == .identifier {
                    _ = take()
                    expression = .member(expression, name.text, location(name))
                } else if name.kind == .number, name.unit == nil, name.text.allSatisfy(\.isNumber) {
                    _ = take()
                    expression = .index(expression, .number(name.number, location(name)), location(name))
                } else {
                    throw syntaxError(name, "expected a name after '.', found \(describe(name))", expected: "a key like 'number'")
                }
            } else if isSymbol(t, "["), t.start == tokens[max(0, index - 1)].end {
                _ = take()
                nesting += 1
                let subscriptExpr = try parseExpression()
                _ = try expectSymbol("]", "to close the index")
                nesting -= 1
                expression = .index(expression, subscriptExpr, location(t))
            } else if isSymbol(t, "!"), t.start == tokens[max(0, index - 1)].end {
                _ = take()
                expression = .required(expression, expression.startLocation)
            } else {
                return expression
            }
        }
    }

    private mutating func parseArguments() throws(TemplateError) -> [ExprSyntax] {
        nesting += 1
        defer { nesting -= 1 }
        var arguments: [ExprSyntax] = []
        while !isSymbol(current, ")") {
            arguments.append(try parseExpression())
            if isSymbol(current, ",") {
                _ = take()
            } else if !isSymbol(current, ")") {
                throw syntaxError(current, "expected ',' or ')' in the argument list, found \(describe(current))", expected: "',' or ')'")
            }
        }
        _ = take()
        return arguments
    }

    private mutating func parsePrimary() throws(TemplateError) -> ExprSyntax {
        let t = current
        let loc = location(t)
        switch t.kind {
        case .number:
            _ = take()
            if let unit = t.unit {
                let points: Decimal
                switch unit {
                case "pt": points = t.number
                case "mm": points = t.number * 72 / Decimal(string: "25.4")!
                case "cm": points = t.number * 720 / Decimal(string: "25.4")!
                case "in": points = t.number * 72
                default:
                    throw syntaxError(t, "unknown unit '\(unit)' in an expression", expected: "mm, cm, pt or in",
                                      hint: "durations are written with a space: 14 days")
                }
                return .number(points, loc)
            }
            let next = current
            if next.kind == .identifier, let unit = Parser.durationUnits[next.text] {
                _ = take()
                guard let amount = Int(t.text) else {
                    throw syntaxError(t, "a duration needs a whole number, found \(t.text)", expected: "e.g. 14 days")
                }
                return .duration(amount, unit, loc)
            }
            return .number(t.number, loc)
        case .string:
            return try parseTextLiteral(take())
        case .identifier:
            _ = take()
            switch t.text {
            case "true": return .bool(true, loc)
            case "false": return .bool(false, loc)
            case "null": return .null(loc)
            default: break
            }
            if isSymbol(current, "("), current.start == t.end {
                _ = take()
                return .call(t.text, try parseArguments(), loc)
            }
            return .name(t.text, loc)
        case .symbol where t.text == "(":
            _ = take()
            nesting += 1
            let inner = try parseExpression()
            _ = try expectSymbol(")", "to close '(' at \(t.line):\(t.column)")
            nesting -= 1
            return inner
        case .symbol where t.text == "[":
            _ = take()
            nesting += 1
            var items: [ExprSyntax] = []
            while !isSymbol(current, "]") {
                items.append(try parseExpression())
                if isSymbol(current, ",") { _ = take() } else { break }
            }
            _ = try expectSymbol("]", "to close the list")
            nesting -= 1
            return .list(items, loc)
        case .color:
            throw syntaxError(t, "a colour is not an expression", hint: "write the colour outside parentheses")
        default:
            throw syntaxError(t, "expected an expression, found \(describe(t))", expected: "a value, a data path, a function call or '('")
        }
    }

    static let durationUnits: [String: DurationUnit] = [
        "day": .days, "days": .days, "week": .weeks, "weeks": .weeks,
        "month": .months, "months": .months, "year": .years, "years": .years,
    ]
}
