import Foundation
import PressData

/// A compiled expression: names resolved to variable slots, data keys or built-ins; functions looked up
/// once. Evaluated by `Evaluator` without re-parsing anything.
indirect enum Expr: Sendable {
    case constant(RuntimeValue)
    /// A variable (`let`, `for`, parameter, `it`) by slot number.
    case slot(Int)
    /// A top-level key of the data record.
    case rootKey(String, SourceLocation)
    case member(Expr, String, SourceLocation)
    case index(Expr, Expr, SourceLocation)
    /// A variable holding an include / sub-template argument that was passed a data path: like
    /// `slot`, but `presswork check` reports it when it is missing (the argument itself is a probe).
    case argument(Int, SourceLocation)
    /// `path!`; `DataPathName` names the path in the data (and how the template wrote it), for the message.
    case required(Expr, DataPathName, SourceLocation)
    case today
    case language
    /// `t.key`: the text compiled once per language (index = language index; nil: missing in that language).
    case text(String, [Expr?], SourceLocation)
    case call(Builtin, [Expr], SourceLocation)
    /// An aggregate over a list with `it` bound to each element while evaluating the lambdas.
    case aggregate(Builtin, Expr, itSlot: Int, [Expr], SourceLocation)
    case negate(Expr, SourceLocation)
    case not(Expr)
    case binary(BinaryOperator, Expr, Expr, SourceLocation)
    case conditional(Expr, Expr, Expr)
    case list([Expr])
    case interpolate([InterpolationPart])
    /// A test for presence (`if x`, `x ?? y`, `exists(x)`): missing paths inside are expected, not reported.
    case probe(Expr)
}

/// A data path for messages: the path in the record (`recipient.name`) and, when the template reached it
/// through an include or sub-template parameter, how it was written there and where it was passed in.
struct DataPathName: Sendable, Hashable {
    /// The path in the data record, e.g. `recipient.name`.
    var data: String
    /// Empty, or ` (as 'party.name' in blocks/recipient.pwt, included from invoice/template.pwt:79:5)`.
    var note: String = ""
}

/// Where a variable got its value when it was given a plain data path: an include / sub-template
/// parameter (`include "recipient" with (party: recipient)`) or an alias (`let company = sender`).
struct ArgumentOrigin: Sendable, Hashable {
    /// The value's path in the data record, e.g. `recipient` or `sender.bank`.
    var dataPath: String
    /// The variable's name, e.g. `party`.
    var parameter: String
    /// ` in blocks/recipient.pwt, included from invoice/template.pwt:79:5` or
    /// `; 'company' is set at invoice/template.pwt:20:1`.
    var context: String
    /// A parameter (its argument is a presence test; uses report it missing) rather than a `let` alias.
    var isArgument: Bool

    /// The note for a path written as `written` (rooted at the variable).
    func note(written: String) -> String { " (as '\(written)'\(context))" }
}

enum InterpolationPart: Sendable {
    case literal(String)
    case expression(Expr)
}

/// Private-use characters standing for layout-time values inside evaluated texts; the paragraph builder
/// turns them into `Span` placeholders and style switches.
enum Sentinel {
    static let pageNumber: Character = "\u{E000}"
    static let pageCount: Character = "\u{E001}"
    static let boldToggle: Character = "\u{E002}"
    static let italicToggle: Character = "\u{E003}"
    static let carriedForward: Character = "\u{E004}"

    static func isSentinel(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0xE000 && scalar.value <= 0xE004 }
}

/// Built-in functions.
enum Builtin: String, Sendable, CaseIterable {
    case upper, lower, trim, concat, substring, replace, padleft, padright, pad, length
    case contains, startswith, endswith, join
    case round, roundcur, floor, ceil, abs, min, max
    case sum, count, avg, filter, sort, first, last, groupby
    case date, daysbetween, year, month, day
    case num, money, percent, shortdate, longdate
    case text, exists, empty, number, string
    case gray, rgb, cmyk
    case days, weeks, months, years, pow, range
    case language, locale, adddays, addmonths

    /// Allowed argument counts.
    var arity: ClosedRange<Int> {
        switch self {
        case .upper, .lower, .trim, .length, .floor, .ceil, .abs, .first, .last, .date, .year, .month, .day,
             .shortdate, .longdate, .text, .exists, .empty, .number, .string, .gray,
             .days, .weeks, .months, .years:
            return 1...1
        case .pow, .range, .adddays, .addmonths: return 2...2
        case .language, .locale: return 0...0
        case .concat: return 1...64
        case .substring: return 2...3
        case .replace, .rgb: return 3...3
        case .padleft, .padright, .pad: return 2...3
        case .contains, .startswith, .endswith, .daysbetween: return 2...2
        case .join: return 1...3
        case .round, .roundcur, .num, .money, .percent: return 1...2
        case .min, .max: return 1...2
        case .sum, .count: return 1...2
        case .avg, .filter, .sort: return 2...2
        case .groupby: return 2...3
        case .cmyk: return 4...4
        }
    }

    /// Arguments (by position) evaluated once per element with `it` bound, for aggregate functions.
    var lambdaArguments: Set<Int> {
        switch self {
        case .sum, .count, .min, .max, .avg, .filter, .sort: return [1]
        case .groupby: return [1, 2]
        case .join: return [2]
        default: return []
        }
    }

    /// How the call is written, for messages.
    var signature: String {
        switch self {
        case .upper, .lower, .trim: return "\(rawValue)(text)"
        case .concat: return "concat(a, b, …)"
        case .substring: return "substring(text, start, length?)"
        case .replace: return "replace(text, find, with)"
        case .padleft, .padright, .pad: return "\(rawValue)(text, width, char?)"
        case .length: return "length(x)"
        case .contains, .startswith, .endswith: return "\(rawValue)(text, part)"
        case .join: return "join(list, separator?, expr?)"
        case .round: return "round(x, decimals?)"
        case .roundcur: return "roundcur(x, currency?)"
        case .floor, .ceil, .abs: return "\(rawValue)(x)"
        case .min, .max: return "\(rawValue)(a, b) or \(rawValue)(list, expr)"
        case .sum: return "sum(list, expr?)"
        case .count: return "count(list, condition?)"
        case .avg: return "avg(list, expr)"
        case .filter: return "filter(list, condition)"
        case .sort: return "sort(list, key)"
        case .first, .last: return "\(rawValue)(list)"
        case .groupby: return "groupby(list, key, sumexpr?)"
        case .date: return "date(text)"
        case .daysbetween: return "daysbetween(from, to)"
        case .year, .month, .day: return "\(rawValue)(date)"
        case .num: return "num(x, decimals?)"
        case .money: return "money(x, currency?)"
        case .percent: return "percent(x, decimals?)"
        case .shortdate, .longdate: return "\(rawValue)(date)"
        case .text: return "text(key)"
        case .exists, .empty: return "\(rawValue)(x)"
        case .number, .string: return "\(rawValue)(x)"
        case .gray: return "gray(level)"
        case .rgb: return "rgb(r, g, b)"
        case .cmyk: return "cmyk(c, m, y, k)"
        case .days, .weeks, .months, .years: return "\(rawValue)(n)"
        case .pow: return "pow(x, n)"
        case .range: return "range(from, to)"
        case .language, .locale: return "\(rawValue)()"
        case .adddays: return "adddays(date, n)"
        case .addmonths: return "addmonths(date, n)"
        }
    }
}
