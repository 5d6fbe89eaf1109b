import Foundation
import PressData

/// A value during evaluation: data values plus dates, durations, loop state and computed records.
enum RuntimeValue: Sendable {
    case null
    case bool(Bool)
    case number(Decimal)
    case string(String)
    case date(CivilDate)
    case duration(Int, DurationUnit)
    /// An array or object straight from the data record (not copied).
    case data(Value)
    case list([RuntimeValue])
    /// A computed object (groupby results), keys in order.
    case record(RuntimeRecord)
    /// The state of a `for` loop: 0-based index and element count.
    case loop(index: Int, count: Int)
    case color(ColorValue)

    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n): self = .number(n)
        case .string(let s): self = .string(s)
        case .array, .object: self = .data(value)
        }
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Missing or empty text (what `??`, `required` and `empty()` treat as absent).
    var isMissing: Bool {
        switch self {
        case .null: return true
        case .string(let s): return s.isEmpty
        default: return false
        }
    }

    /// The kind for messages: `text "abc"`, `number`, `list`, …
    var kindDescription: String {
        switch self {
        case .null: return "nothing (missing value)"
        case .bool(let b): return "boolean \(b)"
        case .number(let n): return "number \(DecimalDigits.plain(n))"
        case .string(let s): return "text \"\(s.count > 30 ? String(s.prefix(30)) + "…" : s)\""
        case .date(let d): return "date \(d)"
        case .duration(let n, let unit): return "duration \(n) \(unit.rawValue)"
        case .data(let v): return v.kindName == "array" ? "list" : "object"
        case .list: return "list"
        case .record: return "object"
        case .loop: return "loop"
        case .color: return "colour"
        }
    }

    /// Truthiness: null, false, 0, "", "false", "0" and empty lists are false.
    var truthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let n): return !n.isZero
        case .string(let s): return !(s.isEmpty || s == "false" || s == "0")
        case .date, .duration, .record, .loop, .color: return true
        case .data(let v):
            switch v {
            case .array(let a): return !a.isEmpty
            case .object(let o): return !o.isEmpty
            default: return RuntimeValue(v).truthy
            }
        case .list(let l): return !l.isEmpty
        }
    }

    /// The number, converting numeric text (XML/CSV values) exactly.
    var number: Decimal? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Value.string(s).decimalValue
        default: return nil
        }
    }

    /// The date, parsing `YYYY-MM-DD` / `DD.MM.YYYY` text.
    var date: CivilDate? {
        switch self {
        case .date(let d): return d
        case .string(let s): return CivilDate(parsing: s)
        default: return nil
        }
    }

    /// Elements for iteration (`for`, aggregates), forgiving so that XML and JSON of the same shape match:
    /// a list iterates its elements; null none; an object with one key holding a list (or object) iterates
    /// that; any other single value iterates once.
    var elements: [RuntimeValue] {
        switch self {
        case .null: return []
        case .list(let l): return l
        case .data(let v):
            switch v {
            case .array(let a): return a.map(RuntimeValue.init)
            case .object(let o):
                if o.count == 1 {
                    switch o[0].value {
                    case .array(let a): return a.map(RuntimeValue.init)
                    case .object: return [.data(o[0].value)]
                    default: break
                    }
                }
                return [self]
            default: return [RuntimeValue(v)]
            }
        default: return [self]
        }
    }

    /// Keys available on this value (for "did you mean" hints).
    var keys: [String] {
        switch self {
        case .data(.object(let o)): return o.keys
        case .record(let r): return r.keys
        case .loop: return ["index", "index0", "first", "last", "count"]
        case .date: return ["year", "month", "day"]
        default: return []
        }
    }
}

/// An ordered set of computed fields (e.g. a `groupby` group: key, items, count, sum).
struct RuntimeRecord: Sendable {
    var keys: [String]
    var values: [RuntimeValue]

    subscript(key: String) -> RuntimeValue? {
        for (i, k) in keys.enumerated() where k == key { return values[i] }
        return nil
    }
}

/// A colour written in a template.
enum ColorValue: Sendable, Hashable {
    case gray(Double)
    case rgb(Double, Double, Double)
    case cmyk(Double, Double, Double, Double)
}
