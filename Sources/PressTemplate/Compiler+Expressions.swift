import Foundation

/// Names with a fixed meaning in expressions (unless a variable of the same name is declared).
enum BuiltinName {
    static let all = ["today", "page", "pages", "carried", "t", "loop", "it"]
}

extension Compiler {
    /// The path as written, for messages: `invoice.number`, `items[0].text`.
    static func pathText(_ e: ExprSyntax) -> String {
        switch e {
        case .name(let n, _): return n
        case .member(let b, let k, _): return pathText(b) + "." + k
        case .index(let b, .number(let n, _), _): return pathText(b) + "[\(n)]"
        case .index(let b, _, _): return pathText(b) + "[…]"
        case .required(let b, _): return pathText(b)
        case .call(let f, _, _): return f + "(…)"
        default: return "…"
        }
    }

    /// The path in the data record an expression stands for, when it is a plain path (`recipient`,
    /// `company.bank`, `party.name` inside a block that was passed `recipient`); nil for computed values,
    /// loop variables and built-ins.
    func dataPath(_ e: ExprSyntax) -> String? {
        switch e {
        case .name(let name, _):
            if let slot = lookup(name) { return slotOrigins[slot]?.dataPath }
            return BuiltinName.all.contains(name) ? nil : name
        case .member(let base, let key, _):
            return dataPath(base).map { $0 + "." + key }
        case .index(let base, .number(let n, _), _):
            return dataPath(base).map { $0 + "[\(n)]" }
        case .index(let base, .string(let key, _), _):
            return dataPath(base).map { $0 + "." + key }
        case .required(let base, _):
            return dataPath(base)
        default:
            return nil
        }
    }

    /// The include / sub-template parameter a path starts at, if it was passed a data path.
    func argumentOrigin(_ e: ExprSyntax) -> ArgumentOrigin? {
        switch e {
        case .name(let name, _): return lookup(name).flatMap { slotOrigins[$0] }
        case .member(let base, _, _), .index(let base, _, _), .required(let base, _): return argumentOrigin(base)
        default: return nil
        }
    }

    /// An include / sub-template argument. A plain data path is evaluated as a presence test (a block
    /// may only test it with `if`); uses of the parameter inside the block report it as missing instead,
    /// under its data path. Returns the data path too.
    func compileArgument(_ syntax: ExprSyntax) throws -> (Expr, String?) {
        let expr = try compile(syntax)
        guard let path = dataPath(syntax) else { return (expr, nil) }
        return (.probe(expr), path)
    }

    func compile(_ syntax: ExprSyntax, markup: Bool = false) throws -> Expr {
        switch syntax {
        case .number(let n, _): return .constant(.number(n))
        case .string(let s, _): return .constant(.string(markup ? Compiler.applyMarkup(s) : s))
        case .bool(let b, _): return .constant(.bool(b))
        case .null: return .constant(.null)
        case .duration(let n, let unit, _): return .constant(.duration(n, unit))
        case .name(let name, let loc):
            if let slot = lookup(name) { return slotOrigins[slot]?.isArgument == true ? .argument(slot, loc) : .slot(slot) }
            switch name {
            case "today": return .today
            case "page": return .constant(.string(String(Sentinel.pageNumber)))
            case "pages": return .constant(.string(String(Sentinel.pageCount)))
            case "carried": return .constant(.string(String(Sentinel.carriedForward)))
            case "t":
                throw error(.syntax, loc, "'t' is the table of texts", expected: "t.key, e.g. t.title")
            case "it":
                throw error(.syntax, loc, "'it' is only defined inside an aggregate such as sum(items, it.price)")
            case "loop":
                throw error(.syntax, loc, "'loop' is only defined inside a 'for' loop")
            default:
                return .rootKey(name, loc)
            }
        case .member(.name("t", let tLoc), let key, let loc) where lookup("t") == nil:
            return try compileText(key: key, at: loc, tLocation: tLoc)
        case .member(let base, let key, let loc):
            return .member(try compile(base), key, loc)
        case .index(let base, let index, let loc):
            return .index(try compile(base), try compile(index), loc)
        case .required(let inner, let loc):
            let written = Compiler.pathText(inner)
            var name = DataPathName(data: written)
            if let origin = argumentOrigin(inner), let path = dataPath(inner) {
                name = DataPathName(data: path, note: origin.note(written: written))
            }
            return .required(try compile(inner), name, loc)
        case .call(let name, let arguments, let loc):
            return try compileCall(name, arguments, loc)
        case .unary(let op, let inner, let loc):
            return op == .negate ? .negate(try compile(inner), loc) : .not(try compile(inner))
        case .binary(let op, let l, let r, let loc):
            if op == .coalesce { return .binary(op, .probe(try compile(l)), try compile(r), loc) }
            return .binary(op, try compile(l), try compile(r), loc)
        case .conditional(let c, let a, let b, _):
            return .conditional(.probe(try compile(c)), try compile(a, markup: markup), try compile(b, markup: markup))
        case .list(let items, _):
            return .list(try items.map { try compile($0) })
        case .interpolated(let parts, _):
            var compiled: [InterpolationPart] = []
            for part in parts {
                switch part {
                case .literal(let s): compiled.append(.literal(markup ? Compiler.applyMarkup(s) : s))
                case .expression(let e): compiled.append(.expression(try compile(e)))
                }
            }
            if compiled.count == 1, case .literal(let s) = compiled[0] { return .constant(.string(s)) }
            return .interpolate(compiled)
        }
    }

    /// `**bold**` and `__italic__` in literal template text become style switches.
    static func applyMarkup(_ text: String) -> String {
        guard text.contains("**") || text.contains("__") else { return text }
        return text.replacingOccurrences(of: "**", with: String(Sentinel.boldToggle))
            .replacingOccurrences(of: "__", with: String(Sentinel.italicToggle))
    }

    /// `t.key`: compiled once per language in the current scope.
    func compileText(key: String, at loc: SourceLocation, tLocation: SourceLocation) throws -> Expr {
        var perLanguage: [Expr?] = []
        var found = false
        for language in languages {
            if let (syntax, _) = texts[language]?[key] {
                perLanguage.append(try compile(syntax, markup: true))
                found = true
            } else {
                perLanguage.append(nil)
            }
        }
        guard found else {
            let known = Set(texts.values.flatMap(\.keys))
            throw error(.unknownText, loc, "unknown text 't.\(key)'",
                        expected: languages.isEmpty ? "a texts file such as texts.de.pwt or a 'texts de { … }' section"
                                                    : "a key defined in texts.\(languages[0]).pwt",
                        hint: Suggestion.hint(for: key, in: known.sorted()))
        }
        for (i, language) in languages.enumerated() where perLanguage[i] == nil {
            let w = TemplateDiagnostic(.unknownText, .warning, at: loc,
                                       "text 't.\(key)' is missing in language '\(language)'; the default language is used")
            if !warnings.contains(w) { warnings.append(w) }
        }
        return .text(key, perLanguage, loc)
    }

    func compileCall(_ name: String, _ arguments: [ExprSyntax], _ loc: SourceLocation) throws -> Expr {
        guard let builtin = Builtin(rawValue: name) else {
            if defines[name] != nil {
                throw error(.unknownFunction, loc, "'\(name)' is a sub-template, not a function",
                            hint: "use it as a statement: call \(name)(…)")
            }
            let extra = ["days", "weeks", "months", "years", "pow", "range"]
            throw error(.unknownFunction, loc, "unknown function '\(name)'",
                        hint: Suggestion.hint(for: name, in: Builtin.allCases.map(\.rawValue) + extra))
        }
        guard builtin.arity.contains(arguments.count) else {
            let range = builtin.arity
            let count = range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
            throw error(.wrongArguments, loc,
                        "\(name)() takes \(count) argument\(range.upperBound == 1 ? "" : "s"), found \(arguments.count)",
                        expected: builtin.signature)
        }
        if builtin == .language { return .language }
        if builtin == .locale { return .call(.locale, [], loc) }
        if builtin == .text {
            if case .string(let key, _) = arguments[0] { return try compileText(key: key, at: loc, tLocation: loc) }
            return .call(.text, [try compile(arguments[0])], loc)
        }
        let isAggregate: Bool
        switch builtin {
        case .sum, .count, .avg, .filter, .sort, .groupby, .min, .max: isAggregate = true
        case .join: isAggregate = arguments.count == 3
        default: isAggregate = false
        }
        if isAggregate {
            let list = try compile(arguments[0])
            pushScope()
            defer { popScope() }
            let itSlot = declare("it")
            let lambdas = try arguments.dropFirst().map { try compile($0) }
            return .aggregate(builtin, list, itSlot: itSlot, lambdas, loc)
        }
        if builtin == .exists || builtin == .empty { return .call(builtin, [.probe(try compile(arguments[0]))], loc) }
        return .call(builtin, try arguments.map { try compile($0) }, loc)
    }
}
