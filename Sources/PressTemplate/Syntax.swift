import Foundation

/// The parsed form of an expression, before names are resolved (see `ExpressionCompiler`).
indirect enum ExprSyntax: Sendable {
    case number(Decimal, SourceLocation)
    case string(String, SourceLocation)
    case bool(Bool, SourceLocation)
    case null(SourceLocation)
    /// `14 days`, `1 month`: an amount of calendar units.
    case duration(Int, DurationUnit, SourceLocation)
    case name(String, SourceLocation)
    case member(ExprSyntax, String, SourceLocation)
    case index(ExprSyntax, ExprSyntax, SourceLocation)
    /// `path!`: the value must exist.
    case required(ExprSyntax, SourceLocation)
    case call(String, [ExprSyntax], SourceLocation)
    case unary(UnaryOperator, ExprSyntax, SourceLocation)
    case binary(BinaryOperator, ExprSyntax, ExprSyntax, SourceLocation)
    case conditional(ExprSyntax, ExprSyntax, ExprSyntax, SourceLocation)
    case list([ExprSyntax], SourceLocation)
    /// A text with `{…}` parts.
    case interpolated([InterpolationSyntax], SourceLocation)

    /// Where the expression starts (the first name of a path).
    var startLocation: SourceLocation {
        switch self {
        case .member(let base, _, _), .index(let base, _, _), .required(let base, _): return base.startLocation
        case .binary(_, let l, _, _), .conditional(let l, _, _, _): return l.startLocation
        default: return location
        }
    }

    var location: SourceLocation {
        switch self {
        case .number(_, let l), .string(_, let l), .bool(_, let l), .null(let l), .duration(_, _, let l),
             .name(_, let l), .member(_, _, let l), .index(_, _, let l), .required(_, let l), .call(_, _, let l),
             .unary(_, _, let l), .binary(_, _, _, let l), .conditional(_, _, _, let l), .list(_, let l),
             .interpolated(_, let l):
            return l
        }
    }
}

/// A piece of an interpolated text.
enum InterpolationSyntax: Sendable {
    case literal(String)
    case expression(ExprSyntax)
}

enum DurationUnit: String, Sendable { case days, weeks, months, years }
enum UnaryOperator: String, Sendable { case negate = "-", not }
enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or, concat = "&", coalesce = "??"
}

/// A value written in the markup: `"text"`, `10mm`, `#1F3A5F`, `right`, `(expr)`, `[a, b]`.
struct ValueSyntax: Sendable {
    indirect enum Kind: Sendable {
        case text(ExprSyntax)                 // always `.interpolated` or `.string`
        case number(Decimal, unit: String?)
        case color(String)
        case word(String)
        case expression(ExprSyntax)
        case list([ValueSyntax])
    }
    var kind: Kind
    var location: SourceLocation
}

/// `name: value value …`
struct PropertySyntax: Sendable {
    var name: String
    var location: SourceLocation
    var values: [ValueSyntax]
}

/// `name positional… name: value… { children }`
struct ElementSyntax: Sendable {
    var name: String
    var location: SourceLocation
    var positional: [ValueSyntax] = []
    var properties: [PropertySyntax] = []
    var children: [StatementSyntax] = []
    var hasBlock = false
}

/// One statement of a template file.
indirect enum StatementSyntax: Sendable {
    case element(ElementSyntax)
    case text(ExprSyntax, SourceLocation)
    case property(PropertySyntax)
    case letVariable(String, ExprSyntax, SourceLocation)
    /// `set name = expr`: assigns a variable declared earlier with `let` (running totals).
    case setVariable(String, ExprSyntax, SourceLocation)
    case ifChain([(ExprSyntax, [StatementSyntax])], otherwise: [StatementSyntax]?, SourceLocation)
    case forLoop(String, ExprSyntax, [StatementSyntax], SourceLocation)
    case include(String, [(String, ExprSyntax)], SourceLocation)
    case call(String, [ExprSyntax], SourceLocation)
    case define(String, [String], [StatementSyntax], SourceLocation)
}
