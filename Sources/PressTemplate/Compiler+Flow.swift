import Foundation
import PressLayout

extension Compiler {
    static func location(of statement: StatementSyntax) -> SourceLocation {
        switch statement {
        case .element(let e): return e.location
        case .property(let p): return p.location
        case .text(_, let l), .letVariable(_, _, let l), .setVariable(_, _, let l), .ifChain(_, _, let l), .forLoop(_, _, _, let l),
             .include(_, _, let l), .call(_, _, let l), .define(_, _, _, let l):
            return l
        }
    }

    /// Compiles statements of one context: control statements, includes and sub-template calls are
    /// handled here; elements, texts and properties are passed to `item`.
    func compileFlow<T>(_ statements: [StatementSyntax],
                        _ item: (StatementSyntax) throws -> [Flow<T>]) throws -> [Flow<T>] {
        var result: [Flow<T>] = []
        for statement in statements {
            switch statement {
            case .letVariable(let name, let syntax, let loc):
                let expr = try compile(syntax)
                let path = dataPath(syntax)
                let slot = declare(name)
                if let path {
                    // An alias of a data path: messages about paths through it name the data path.
                    slotOrigins[slot] = ArgumentOrigin(dataPath: path, parameter: name,
                                                       context: "; '\(name)' is set at \(shortName(loc.file)):\(loc.line):\(loc.column)",
                                                       isArgument: false)
                }
                result.append(.set(slot, expr))
            case .setVariable(let name, let syntax, let loc):
                guard let slot = lookup(name) else {
                    throw error(.syntax, loc, "'set \(name)' needs a variable declared before with 'let \(name) = …'",
                                hint: Suggestion.hint(for: name, in: visibleNames))
                }
                if slotOrigins[slot]?.isArgument == false { slotOrigins[slot] = nil }
                result.append(.set(slot, try compile(syntax)))
            case .ifChain(let branches, let otherwise, _):
                var compiled: [Branch<T>] = []
                for (condition, body) in branches {
                    let c = Expr.probe(try compile(condition))
                    pushScope()
                    defer { popScope() }
                    compiled.append(Branch(condition: c, body: try compileFlow(body, item)))
                }
                var elseBody: [Flow<T>]?
                if let otherwise {
                    pushScope()
                    defer { popScope() }
                    elseBody = try compileFlow(otherwise, item)
                }
                result.append(.branch(compiled, elseBody))
            case .forLoop(let name, let sequence, let body, let loc):
                let seq = try compile(sequence)
                pushScope()
                defer { popScope() }
                let element = declare(name)
                let state = declare("loop")
                result.append(.loop(element: element, state: state, seq, try compileFlow(body, item), loc))
            case .include(let name, let arguments, let loc):
                let path = try resolveInclude(name, from: loc)
                if includeStack.contains(path) {
                    throw error(.include, loc, "include cycle: '\(name)' includes itself",
                                hint: (includeStack + [path]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → "))
                }
                guard includeStack.count < Compiler.maxIncludeDepth else {
                    throw error(.limit, loc, "includes nested more than \(Compiler.maxIncludeDepth) deep")
                }
                let statements = try parse(path: path, requestedAt: loc)
                let values = try arguments.map { ($0.0, try compileArgument($0.1)) }
                pushScope()
                includeStack.append(path)
                defer {
                    includeStack.removeLast()
                    popScope()
                }
                let context = " in \(shortName(Compiler.displayPath(path))), included from \(shortName(loc.file)):\(loc.line):\(loc.column)"
                for (argName, (expr, dataPath)) in values {
                    let slot = declare(argName)
                    if let dataPath { slotOrigins[slot] = ArgumentOrigin(dataPath: dataPath, parameter: argName, context: context, isArgument: true) }
                    result.append(.set(slot, expr))
                }
                result += try compileFlow(statements, item)
            case .call(let name, let arguments, let loc):
                guard let definition = defines[name] else {
                    throw error(.unknownFunction, loc, "unknown sub-template '\(name)'",
                                expected: "a 'define \(name)(…) { … }' in this template or an included block",
                                hint: Suggestion.hint(for: name, in: defines.keys.sorted()))
                }
                guard !callStack.contains(name) else {
                    throw error(.limit, loc, "sub-template '\(name)' calls itself", hint: "recursion is not allowed in templates")
                }
                guard arguments.count == definition.parameters.count else {
                    throw error(.wrongArguments, loc,
                                "'\(name)' takes \(definition.parameters.count) argument\(definition.parameters.count == 1 ? "" : "s"), found \(arguments.count)",
                                expected: "call \(name)(\(definition.parameters.joined(separator: ", ")))")
                }
                guard callStack.count + includeStack.count < Compiler.maxIncludeDepth else {
                    throw error(.limit, loc, "sub-templates nested more than \(Compiler.maxIncludeDepth) deep")
                }
                let values = try arguments.map { try compileArgument($0) }
                pushScope()
                callStack.append(name)
                defer {
                    callStack.removeLast()
                    popScope()
                }
                let context = " in sub-template '\(name)', called from \(shortName(loc.file)):\(loc.line):\(loc.column)"
                for (parameter, (expr, dataPath)) in zip(definition.parameters, values) {
                    let slot = declare(parameter)
                    if let dataPath { slotOrigins[slot] = ArgumentOrigin(dataPath: dataPath, parameter: parameter, context: context, isArgument: true) }
                    result.append(.set(slot, expr))
                }
                result += try compileFlow(definition.body, item)
            case .define(let name, let parameters, let body, let loc):
                defines[name] = (parameters, body, loc)
            case .element(let e) where e.name == "style":
                try registerStyle(e)
            case .element(let e) where e.name == "texts":
                try registerTexts(element: e)
                orderLanguages()
            default:
                result += try item(statement)
            }
        }
        return result
    }

    func registerStyle(_ e: ElementSyntax) throws {
        guard let first = e.positional.first, case .word(let name) = first.kind else {
            throw error(.syntax, e.location, "'style' needs a name", expected: "style body { size: 9pt }")
        }
        try checkProperties(e, allowed: styleProperties.union(["based-on", "parent"]))
        var basedOn: String?
        if let p = property(e, "based-on") ?? property(e, "parent") {
            basedOn = try word(p, [])
            referencedStyles.append((basedOn!, p.location))
        }
        if !e.children.isEmpty {
            throw error(.syntax, Compiler.location(of: e.children[0]), "a style holds only properties", expected: "name: value")
        }
        var style = try styleOverrides(e, basedOn: basedOn) ?? Style()
        style.parent = basedOn
        if styles[name] == nil { styleOrder.append(name) }
        styles[name] = style
    }

    func unexpected(_ statement: StatementSyntax, in context: String, allowed: [String]) -> TemplateError {
        let loc = Compiler.location(of: statement)
        switch statement {
        case .element(let e):
            return error(.unknownElement, loc, "'\(e.name)' is not allowed in \(context)",
                         expected: allowed.joined(separator: ", "), hint: Suggestion.hint(for: e.name, in: allowed))
        case .property(let p):
            return error(.unknownProperty, loc, "property '\(p.name)' is not allowed here (in \(context))",
                         hint: "write properties directly on the element they belong to")
        case .text:
            return error(.syntax, loc, "a text is not allowed in \(context)", expected: allowed.joined(separator: ", "))
        default:
            return error(.syntax, loc, "statement not allowed in \(context)")
        }
    }
}
