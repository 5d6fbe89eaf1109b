import Foundation
import PressData

/// Limits that keep evaluation bounded whatever the template or data do.
public struct EvaluationLimits: Sendable, Hashable {
    /// Loop iterations and aggregate element visits per document.
    public var maxSteps: Int = 1_000_000
    /// Longest text a function may build, in UTF-8 bytes.
    public var maxTextBytes: Int = 1 << 20
    /// Blocks produced per document.
    public var maxBlocks: Int = 200_000
    public init() {}
}

/// Per-bind settings the evaluator needs.
struct EvaluationSettings {
    var locale: TemplateLocale
    var language: String
    var languageIndex: Int
    var today: CivilDate
    var currency: String
    /// Report data paths that do not exist (for `presswork check --data`).
    var reportMissingPaths: Bool
    var limits: EvaluationLimits
}

/// Evaluates compiled expressions against one data record. One per bind; not shared.
final class Evaluator {
    /// Variable values by slot. A buffer owned by the evaluator rather than an array property: reading a
    /// class's `var` array runs a dynamic exclusivity check on every access (a hot path while binding).
    let slots: UnsafeMutableBufferPointer<RuntimeValue>
    let root: Value
    var settings: EvaluationSettings
    var steps = 0
    var warnings: [TemplateDiagnostic] = []
    /// Texts by language index for `text(key)` with a computed key.
    var dynamicTexts: [[String: Expr]] = []
    /// Slot names and include-argument origins (from the compiler), for messages about missing paths.
    var slotNames: [String] = []
    var slotOrigins: [Int: ArgumentOrigin] = [:]
    private var reported: Set<String> = []
    /// > 0 while evaluating a presence test, where missing data is expected.
    private var probing = 0

    init(root: Value, slotCount: Int, settings: EvaluationSettings) {
        self.root = root
        self.slots = .allocate(capacity: max(slotCount, 1))
        self.slots.initialize(repeating: .null)
        self.settings = settings
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    private func fail(_ code: TemplateDiagnostic.Code, _ location: SourceLocation, _ message: String,
                      expected: String? = nil, hint: String? = nil) -> TemplateError {
        TemplateError(TemplateDiagnostic(code, at: location, message, expected: expected, hint: hint))
    }

    func step(_ location: SourceLocation) throws(TemplateError) {
        steps += 1
        if steps > settings.limits.maxSteps {
            throw fail(.limit, location, "evaluation limit reached (\(settings.limits.maxSteps) loop steps per document)",
                       hint: "the data is too large for this template, or a loop is nested too deeply")
        }
    }

    /// Reports (for `presswork check --data`) that `path` is missing; `key` is its last step, looked up
    /// in `base` for a "did you mean" hint.
    private func noteMissing(_ key: String, on base: RuntimeValue?, at location: SourceLocation, path: @autoclosure () -> DataPathName) {
        guard settings.reportMissingPaths, probing == 0 else { return }
        let name = path()
        guard reported.insert("\(location)|\(name.data)\(name.note)").inserted else { return }
        warnings.append(TemplateDiagnostic(.unknownPath, .warning, at: location, "path '\(name.data)' not found in the data\(name.note)",
                                           hint: base.flatMap { Suggestion.hint(for: key, in: $0.keys) }))
    }

    /// The data path an expression reads, for messages (`recipient.name`, noting the include parameter
    /// it was reached through).
    func pathName(_ expr: Expr) -> DataPathName {
        func walk(_ e: Expr) -> (data: String, written: String, origin: ArgumentOrigin?) {
            switch e {
            case .rootKey(let k, _): return (k, k, nil)
            case .slot(let i), .argument(let i, _):
                guard let o = slotOrigins[i] else {
                    let n = i < slotNames.count ? slotNames[i] : "…"
                    return (n, n, nil)
                }
                return (o.dataPath, o.parameter, o)
            case .member(let b, let k, _):
                let p = walk(b)
                return (p.data + "." + k, p.written + "." + k, p.origin)
            case .index(let b, .constant(.number(let n)), _):
                let p = walk(b)
                return (p.data + "[\(n)]", p.written + "[\(n)]", p.origin)
            case .index(let b, .constant(.string(let k)), _):
                let p = walk(b)
                return (p.data + "." + k, p.written + "." + k, p.origin)
            case .required(let b, _, _), .probe(let b): return walk(b)
            default: return ("…", "…", nil)
            }
        }
        let p = walk(expr)
        return DataPathName(data: p.data, note: p.origin?.note(written: p.written) ?? "")
    }

    // MARK: Evaluation

    func eval(_ expr: Expr) throws(TemplateError) -> RuntimeValue {
        switch expr {
        case .constant(let v):
            return v
        case .slot(let i):
            return slots[i]
        case .argument(let i, let loc):
            let v = slots[i]
            if case .null = v { noteMissing("", on: nil, at: loc, path: pathName(expr)) }
            return v
        case .rootKey(let key, let loc):
            if case .object(let o) = root, let v = Evaluator.lookup(o, key) { return RuntimeValue(v) }
            noteMissing(key, on: .data(root), at: loc, path: DataPathName(data: key))
            return .null
        case .member(let baseExpr, let key, let loc):
            let base = try eval(baseExpr)
            return member(base, key, loc, path: pathName(expr))
        case .index(let baseExpr, let indexExpr, let loc):
            let base = try eval(baseExpr)
            let i = try eval(indexExpr)
            if case .string(let key) = i { return member(base, key, loc, path: pathName(expr)) }
            guard let n = i.number, let position = DecimalDigits.intValue(n) else {
                throw fail(.typeMismatch, loc, "type mismatch: an index must be a whole number, found \(i.kindDescription)")
            }
            let elements = base.elements
            return elements.indices.contains(position) ? elements[position] : .null
        case .required(let inner, let path, let loc):
            let v = try eval(inner)
            if v.isMissing {
                throw fail(.requiredMissing, loc, "required data '\(path.data)' is missing\(path.note)",
                           hint: "the data record has no value at '\(path.data)'; remove the '!' if it is optional")
            }
            return v
        case .today:
            return .date(settings.today)
        case .language:
            return .string(settings.language)
        case .text(let key, let perLanguage, let loc):
            if settings.languageIndex < perLanguage.count, let e = perLanguage[settings.languageIndex] { return try eval(e) }
            if let e = perLanguage.first(where: { $0 != nil }) ?? nil { return try eval(e) }
            throw fail(.unknownText, loc, "text '\(key)' is not defined")
        case .call(let builtin, let args, let loc):
            return try call(builtin, args, loc)
        case .aggregate(let builtin, let listExpr, let itSlot, let lambdas, let loc):
            return try aggregate(builtin, try eval(listExpr), itSlot, lambdas, loc)
        case .negate(let inner, let loc):
            let v = try eval(inner)
            if v.isNull { return .null }
            guard let n = v.number else {
                throw fail(.typeMismatch, loc, "type mismatch: '-' expects a number, found \(v.kindDescription)")
            }
            return .number(-n)
        case .not(let inner):
            return .bool(!(try eval(inner).truthy))
        case .binary(let op, let l, let r, let loc):
            return try binary(op, l, r, loc)
        case .conditional(let c, let a, let b):
            return try eval(c).truthy ? try eval(a) : try eval(b)
        case .list(let items):
            var result: [RuntimeValue] = []
            result.reserveCapacity(items.count)
            for item in items { result.append(try eval(item)) }
            return .list(result)
        case .probe(let inner):
            probing += 1
            defer { probing -= 1 }
            return try eval(inner)
        case .interpolate(let parts):
            // `"{x}"`: the value's text as is, without building a new string.
            if parts.count == 1, case .expression(let e) = parts[0] { return .string(display(try eval(e))) }
            var text = ""
            for part in parts {
                switch part {
                case .literal(let s): text += s
                case .expression(let e): text += display(try eval(e))
                }
            }
            return .string(text)
        }
    }

    func member(_ base: RuntimeValue, _ key: String, _ loc: SourceLocation,
                path: @autoclosure () -> DataPathName) -> RuntimeValue {
        switch base {
        case .data(.object(let o)):
            if let v = Evaluator.lookup(o, key) { return RuntimeValue(v) }
        case .record(let r):
            if let v = r[key] { return v }
        case .loop(let index, let count):
            switch key {
            case "index": return .number(Decimal(index + 1))
            case "index0": return .number(Decimal(index))
            case "first": return .bool(index == 0)
            case "last": return .bool(index == count - 1)
            case "count": return .number(Decimal(count))
            case "odd": return .bool(index % 2 == 0)
            case "even": return .bool(index % 2 == 1)
            default: break
            }
        case .date(let d):
            let c = d.components
            switch key {
            case "year": return .number(Decimal(c.year))
            case "month": return .number(Decimal(c.month))
            case "day": return .number(Decimal(c.day))
            default: break
            }
        case .null:
            return .null
        default:
            break
        }
        noteMissing(key, on: base, at: loc, path: path())
        return .null
    }

    /// `o[key]`, comparing UTF-8 lengths before texts: in small objects (scanned linearly, first match
    /// wins, as `ValueObject` does) most keys differ in length, and a full text comparison is slow.
    @inline(__always)
    static func lookup(_ o: ValueObject, _ key: String) -> Value? {
        let members = o.members
        guard members.count < ValueObject.indexThreshold else { return o[key] }
        let length = key.utf8.count
        for i in members.indices where members[i].key.utf8.count == length && members[i].key == key {
            return members[i].value
        }
        return nil
    }

    /// Text shown for a value in `{…}`: numbers with the locale's decimal separator (no grouping), dates
    /// in the locale's short format, nothing for null.
    func display(_ v: RuntimeValue) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return settings.locale.formatNumber(n, minFraction: 0, maxFraction: 38, grouping: false)
        case .string(let s): return s
        case .date(let d): return settings.locale.formatShortDate(d)
        case .duration(let n, let unit): return "\(n) \(unit.rawValue)"
        case .data(let value):
            if case .object = value { return "" }
            return v.elements.map(display).joined(separator: ", ")
        case .list(let l): return l.map(display).joined(separator: ", ")
        case .record, .loop, .color: return ""
        }
    }

    // MARK: Operators

    private func numberOperand(_ v: RuntimeValue, _ op: BinaryOperator, _ loc: SourceLocation) throws(TemplateError) -> Decimal {
        guard let n = v.number else {
            throw fail(.typeMismatch, loc, "type mismatch: '\(op.rawValue)' expects numbers, found \(v.kindDescription)",
                       hint: v.date != nil ? "dates can be combined with durations: date + 14 days" : nil)
        }
        return n
    }

    private func binary(_ op: BinaryOperator, _ l: Expr, _ r: Expr, _ loc: SourceLocation) throws(TemplateError) -> RuntimeValue {
        switch op {
        case .and:
            if !(try eval(l).truthy) { return .bool(false) }
            return .bool(try eval(r).truthy)
        case .or:
            if try eval(l).truthy { return .bool(true) }
            return .bool(try eval(r).truthy)
        case .coalesce:
            let a = try eval(l)
            return a.isMissing ? try eval(r) : a
        default:
            break
        }
        let a = try eval(l), b = try eval(r)
        switch op {
        case .concat:
            let text = display(a) + display(b)
            guard text.utf8.count <= settings.limits.maxTextBytes else { throw fail(.limit, loc, "text too long") }
            return .string(text)
        case .add, .subtract:
            if case .duration(let n, let unit) = b, let d = a.date {
                return .date(Evaluator.add(d, op == .add ? n : -n, unit))
            }
            if op == .add, case .duration(let n, let unit) = a, let d = b.date {
                return .date(Evaluator.add(d, n, unit))
            }
            if a.isNull || b.isNull { return .null }
            if op == .subtract, a.number == nil || b.number == nil, let d1 = a.date, let d2 = b.date {
                return .number(Decimal(d1.days - d2.days))
            }
            let x = try numberOperand(a, op, loc), y = try numberOperand(b, op, loc)
            return .number(op == .add ? x + y : x - y)
        case .multiply, .divide, .remainder:
            if a.isNull || b.isNull { return .null }
            if op == .multiply {
                // `n * 1 days`, `2 * 1 month`: a duration scaled by a whole number.
                if case .duration(let k, let unit) = b, let n = a.number, let i = DecimalDigits.intValue(n), abs(i) <= 1_000_000 {
                    return .duration(i * k, unit)
                }
                if case .duration(let k, let unit) = a, let n = b.number, let i = DecimalDigits.intValue(n), abs(i) <= 1_000_000 {
                    return .duration(i * k, unit)
                }
            }
            let x = try numberOperand(a, op, loc), y = try numberOperand(b, op, loc)
            switch op {
            case .multiply: return .number(x * y)
            case .divide:
                guard !y.isZero else { throw fail(.typeMismatch, loc, "division by zero") }
                return .number(DecimalDigits.divide(x, y) ?? x / y)
            default:
                guard !y.isZero else { throw fail(.typeMismatch, loc, "division by zero") }
                if let r = DecimalDigits.remainder(x, y) { return .number(r) }
                var q = x / y
                var t = Decimal()
                NSDecimalRound(&t, &q, 0, .down)
                return .number(x - t * y)
            }
        case .equal: return .bool(Evaluator.compare(a, b) == 0)
        case .notEqual: return .bool(Evaluator.compare(a, b) != 0)
        case .less, .lessEqual, .greater, .greaterEqual:
            guard let c = Evaluator.compare(a, b) else {
                if a.isNull || b.isNull { return .bool(false) }
                throw fail(.typeMismatch, loc, "type mismatch: cannot compare \(a.kindDescription) with \(b.kindDescription)")
            }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        default:
            return .null
        }
    }

    static func add(_ d: CivilDate, _ n: Int, _ unit: DurationUnit) -> CivilDate {
        switch unit {
        case .days: return CivilDate(days: d.days + n)
        case .weeks: return CivilDate(days: d.days + 7 * n)
        case .months: return d.adding(months: n)
        case .years: return d.adding(months: 12 * n)
        }
    }

    /// -1, 0, 1, or nil when the values cannot be ordered. Numbers (also numeric text) compare
    /// numerically, dates (also date text vs a date) by day, texts by Unicode order, null equals "".
    static func compare(_ a: RuntimeValue, _ b: RuntimeValue) -> Int? {
        if a.isMissing && b.isMissing { return 0 }
        if a.isNull || b.isNull { return nil }
        if let x = a.number, let y = b.number { return x < y ? -1 : (x == y ? 0 : 1) }
        switch (a, b) {
        case (.date(let x), _):
            guard let y = b.date else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (_, .date(let y)):
            guard let x = a.date else { return nil }
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)):
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.bool(let x), .string(let s)), (.string(let s), .bool(let x)):
            return (s == "true") == x ? 0 : 1   // XML booleans are text
        default:
            return nil
        }
    }
}
