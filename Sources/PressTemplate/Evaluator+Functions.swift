import Foundation
import PressData

/// Function arguments without a heap allocation for the usual 1-4 values.
struct Arguments {
    private var a0 = RuntimeValue.null, a1 = RuntimeValue.null, a2 = RuntimeValue.null, a3 = RuntimeValue.null
    private var more: [RuntimeValue] = []
    private(set) var count = 0

    mutating func append(_ v: RuntimeValue) {
        switch count {
        case 0: a0 = v
        case 1: a1 = v
        case 2: a2 = v
        case 3: a3 = v
        default: more.append(v)
        }
        count += 1
    }

    subscript(i: Int) -> RuntimeValue {
        switch i {
        case 0: return a0
        case 1: return a1
        case 2: return a2
        case 3: return a3
        default: return more[i - 4]
        }
    }
}

extension Evaluator {
    private func failType(_ loc: SourceLocation, _ builtin: Builtin, _ what: String, _ found: RuntimeValue) -> TemplateError {
        TemplateError(TemplateDiagnostic(.typeMismatch, at: loc,
            "type mismatch: \(builtin.rawValue)() expects \(what), found \(found.kindDescription)",
            expected: builtin.signature))
    }

    private func text(_ v: RuntimeValue) -> String { display(v) }

    private func decimal(_ v: RuntimeValue, _ builtin: Builtin, _ loc: SourceLocation) throws(TemplateError) -> Decimal {
        guard let n = v.number else { throw failType(loc, builtin, "a number", v) }
        return n
    }

    private func integer(_ v: RuntimeValue, _ builtin: Builtin, _ loc: SourceLocation) throws(TemplateError) -> Int {
        guard let n = v.number, let i = DecimalDigits.intValue(n) else { throw failType(loc, builtin, "a whole number", v) }
        return i
    }

    private func dateArgument(_ v: RuntimeValue, _ builtin: Builtin, _ loc: SourceLocation) throws(TemplateError) -> CivilDate? {
        if v.isMissing { return nil }
        guard let d = v.date else { throw failType(loc, builtin, "a date (YYYY-MM-DD or DD.MM.YYYY)", v) }
        return d
    }

    private func checkedText(_ s: String, _ loc: SourceLocation) throws(TemplateError) -> RuntimeValue {
        guard s.utf8.count <= settings.limits.maxTextBytes else {
            throw TemplateError(TemplateDiagnostic(.limit, at: loc, "text longer than \(settings.limits.maxTextBytes) bytes"))
        }
        return .string(s)
    }

    func call(_ builtin: Builtin, _ argExprs: [Expr], _ loc: SourceLocation) throws(TemplateError) -> RuntimeValue {
        if builtin == .language { return .string(settings.language) }
        if builtin == .locale { return .string(settings.locale.identifier) }
        var args = Arguments()
        for a in argExprs { args.append(try eval(a)) }
        let a0 = args[0]
        switch builtin {
        case .upper: return .string(text(a0).uppercased())
        case .lower: return .string(text(a0).lowercased())
        case .trim: return .string(text(a0).trimmingCharacters(in: .whitespacesAndNewlines))
        case .concat:
            var s = ""
            for i in 0..<args.count { s += text(args[i]) }
            return try checkedText(s, loc)
        case .substring:
            let s = text(a0)
            let start = max(1, try integer(args[1], builtin, loc))
            let chars = Array(s)
            guard start <= chars.count else { return .string("") }
            let length = args.count > 2 ? max(0, try integer(args[2], builtin, loc)) : chars.count
            let end = min(chars.count, start - 1 + length)
            return .string(String(chars[(start - 1)..<end]))
        case .replace:
            let find = text(args[1])
            if find.isEmpty { return .string(text(a0)) }
            return try checkedText(text(a0).replacingOccurrences(of: find, with: text(args[2])), loc)
        case .padleft, .padright, .pad:
            let s = text(a0)
            let width = try integer(args[1], builtin, loc)
            guard width <= 10_000 else {
                throw TemplateError(TemplateDiagnostic(.limit, at: loc, "pad width \(width) is larger than 10000"))
            }
            let fill = args.count > 2 ? (text(args[2]).first ?? " ") : " "
            let missing = width - s.count
            if missing <= 0 { return .string(s) }
            let padding = String(repeating: fill, count: missing)
            return .string(builtin == .padright ? s + padding : padding + s)
        case .length:
            switch a0 {
            case .string(let s): return .number(Decimal(s.count))
            case .null: return .number(0)
            default: return .number(Decimal(a0.elements.count))
            }
        case .contains: return .bool(text(a0).contains(text(args[1])))
        case .startswith: return .bool(text(a0).hasPrefix(text(args[1])))
        case .endswith: return .bool(text(a0).hasSuffix(text(args[1])))
        case .round:
            if a0.isNull { return .null }
            let scale = args.count > 1 ? try integer(args[1], builtin, loc) : 0
            return .number(DecimalDigits.round(try decimal(a0, builtin, loc), scale: scale))
        case .roundcur:
            if a0.isNull { return .null }
            let currency = args.count > 1 ? text(args[1]) : settings.currency
            return .number(DecimalDigits.round(try decimal(a0, builtin, loc), scale: CurrencyInfo.named(currency).minorDigits))
        case .floor, .ceil:
            if a0.isNull { return .null }
            var x = try decimal(a0, builtin, loc)
            if let fast = DecimalDigits.integral(x, up: builtin == .ceil) { return .number(fast) }
            var r = Decimal()
            NSDecimalRound(&r, &x, 0, builtin == .floor ? .down : .up)
            return .number(r)
        case .abs:
            if a0.isNull { return .null }
            let x = try decimal(a0, builtin, loc)
            return .number(x < 0 ? -x : x)
        case .min, .max:
            // The two-value form (the list form is compiled as an aggregate).
            guard args.count == 2 else { return a0 }
            if a0.isNull { return args[1] }
            if args[1].isNull { return a0 }
            guard let c = Evaluator.compare(a0, args[1]) else { throw failType(loc, builtin, "two comparable values", args[1]) }
            return (builtin == .min) == (c <= 0) ? a0 : args[1]
        case .first: return a0.elements.first ?? .null
        case .last: return a0.elements.last ?? .null
        case .join:
            let separator = args.count > 1 ? text(args[1]) : ", "
            return try checkedText(a0.elements.map(display).joined(separator: separator), loc)
        case .date:
            return try dateArgument(a0, builtin, loc).map(RuntimeValue.date) ?? .null
        case .daysbetween:
            guard let a = try dateArgument(a0, builtin, loc), let b = try dateArgument(args[1], builtin, loc) else { return .null }
            return .number(Decimal(b.days - a.days))
        case .year, .month, .day:
            guard let d = try dateArgument(a0, builtin, loc) else { return .null }
            let c = d.components
            return .number(Decimal(builtin == .year ? c.year : builtin == .month ? c.month : c.day))
        case .num:
            if a0.isMissing { return .string("") }
            let decimals = args.count > 1 ? try integer(args[1], builtin, loc) : nil
            return .string(settings.locale.formatNumber(try decimal(a0, builtin, loc), decimals: decimals))
        case .money:
            if a0.isMissing { return .string("") }
            let currency = args.count > 1 && !args[1].isMissing ? text(args[1]) : settings.currency
            return .string(settings.locale.formatMoney(try decimal(a0, builtin, loc), currency: currency))
        case .percent:
            if a0.isMissing { return .string("") }
            let decimals = args.count > 1 ? try integer(args[1], builtin, loc) : nil
            return .string(settings.locale.formatPercent(try decimal(a0, builtin, loc), decimals: decimals))
        case .shortdate:
            return .string(try dateArgument(a0, builtin, loc).map(settings.locale.formatShortDate) ?? "")
        case .longdate:
            return .string(try dateArgument(a0, builtin, loc).map(settings.locale.formatLongDate) ?? "")
        case .exists: return .bool(!a0.isMissing)
        case .empty:
            switch a0 {
            case .data, .list: return .bool(a0.elements.isEmpty)
            default: return .bool(a0.isMissing)
            }
        case .number:
            if a0.isMissing { return .null }
            return .number(try decimal(a0, builtin, loc))
        case .string: return .string(text(a0))
        case .gray:
            return .color(.gray(try unit(a0, builtin, loc)))
        case .rgb:
            return .color(.rgb(try unit(a0, builtin, loc), try unit(args[1], builtin, loc), try unit(args[2], builtin, loc)))
        case .cmyk:
            return .color(.cmyk(try unit(a0, builtin, loc), try unit(args[1], builtin, loc),
                                try unit(args[2], builtin, loc), try unit(args[3], builtin, loc)))
        case .days, .weeks, .months, .years:
            if a0.isMissing { return .null }
            let n = try integer(a0, builtin, loc)
            guard abs(n) <= 1_000_000 else { throw failType(loc, builtin, "at most 1000000", a0) }
            let unit: DurationUnit = builtin == .days ? .days : builtin == .weeks ? .weeks : builtin == .months ? .months : .years
            return .duration(n, unit)
        case .pow:
            if a0.isNull { return .null }
            let x = try decimal(a0, builtin, loc)
            let n = try integer(args[1], builtin, loc)
            guard abs(n) <= 10_000 else { throw failType(loc, builtin, "an exponent between -10000 and 10000", args[1]) }
            var result = Decimal(1), base = x, e = abs(n)
            while e > 0 {
                if e & 1 == 1 { result *= base }
                base *= base
                e >>= 1
            }
            if n < 0 {
                guard !result.isZero else { throw TemplateError(TemplateDiagnostic(.typeMismatch, at: loc, "division by zero")) }
                result = DecimalDigits.divide(1, result) ?? 1 / result
            }
            return .number(result)
        case .adddays, .addmonths:
            guard let d = try dateArgument(a0, builtin, loc) else { return .null }
            if args[1].isMissing { return .date(d) }
            let n = try integer(args[1], builtin, loc)
            guard abs(n) <= 1_000_000 else { throw failType(loc, builtin, "at most 1000000", args[1]) }
            return .date(Evaluator.add(d, n, builtin == .adddays ? .days : .months))
        case .range:
            let from = try integer(a0, builtin, loc), to = try integer(args[1], builtin, loc)
            guard to - from < 100_000 else { throw failType(loc, builtin, "at most 100000 numbers", args[1]) }
            if to < from { return .list([]) }
            return .list((from...to).map { .number(Decimal($0)) })
        case .text:
            let key = text(a0)
            let tables = dynamicTexts
            if settings.languageIndex < tables.count, let e = tables[settings.languageIndex][key] { return try eval(e) }
            if let e = tables.first?[key] { return try eval(e) }
            if settings.reportMissingPaths {
                warnings.append(TemplateDiagnostic(.unknownText, .warning, at: loc, "text '\(key)' is not defined"))
            }
            return .string("")
        case .sum, .count, .avg, .filter, .sort, .groupby, .language, .locale:
            return .null  // compiled as aggregates / handled above
        }
    }

    private func unit(_ v: RuntimeValue, _ builtin: Builtin, _ loc: SourceLocation) throws(TemplateError) -> Double {
        let n = try decimal(v, builtin, loc)
        let d = NSDecimalNumber(decimal: n).doubleValue
        guard d >= 0 && d <= 1 else { throw failType(loc, builtin, "a value between 0 and 1", v) }
        return d
    }

    /// Aggregates: `it` (slot `itSlot`) is bound to each element while the lambdas are evaluated.
    func aggregate(_ builtin: Builtin, _ list: RuntimeValue, _ itSlot: Int, _ lambdas: [Expr],
                   _ loc: SourceLocation) throws(TemplateError) -> RuntimeValue {
        let elements = list.elements
        let saved = slots[itSlot]
        defer { slots[itSlot] = saved }
        func value(_ element: RuntimeValue, _ lambda: Int) throws(TemplateError) -> RuntimeValue {
            try step(loc)
            slots[itSlot] = element
            return lambda < lambdas.count ? try eval(lambdas[lambda]) : element
        }
        switch builtin {
        case .sum, .avg:
            var total = Decimal(0)
            var counted = 0
            for element in elements {
                let v = try value(element, 0)
                if v.isMissing { continue }
                guard let n = v.number else {
                    throw failType(loc, builtin, "numbers", v)
                }
                total += n
                counted += 1
            }
            if builtin == .avg { return counted == 0 ? .null : .number(DecimalDigits.divide(total, Decimal(counted)) ?? total / Decimal(counted)) }
            return .number(total)
        case .count:
            if lambdas.isEmpty { return .number(Decimal(elements.count)) }
            var n = 0
            for element in elements where try value(element, 0).truthy { n += 1 }
            return .number(Decimal(n))
        case .min, .max:
            switch list {
            case .list, .data(.array), .data(.object):
                break
            default:  // min(a, b) of two plain values
                let other = lambdas.isEmpty ? RuntimeValue.null : try eval(lambdas[0])
                if list.isNull { return other }
                if other.isNull { return list }
                guard let c = Evaluator.compare(list, other) else { throw failType(loc, builtin, "two comparable values", other) }
                return (builtin == .min) == (c <= 0) ? list : other
            }
            var best: RuntimeValue = .null
            for element in elements {
                let v = try value(element, 0)
                if v.isMissing { continue }
                if best.isNull { best = v; continue }
                guard let c = Evaluator.compare(v, best) else { throw failType(loc, builtin, "comparable values", v) }
                if (builtin == .min && c < 0) || (builtin == .max && c > 0) { best = v }
            }
            return best
        case .filter:
            var kept: [RuntimeValue] = []
            for element in elements where try value(element, 0).truthy { kept.append(element) }
            return .list(kept)
        case .sort:
            var keyed: [(RuntimeValue, Int, RuntimeValue)] = []
            for (i, element) in elements.enumerated() { keyed.append((try value(element, 0), i, element)) }
            keyed.sort { a, b in
                let c = Evaluator.compare(a.0, b.0) ?? 0
                return c != 0 ? c < 0 : a.1 < b.1   // stable
            }
            return .list(keyed.map(\.2))
        case .groupby:
            var keys: [RuntimeValue] = []
            var members: [[RuntimeValue]] = []
            var sums: [Decimal] = []
            for element in elements {
                let key = try value(element, 0)
                var slot = keys.firstIndex { Evaluator.compare($0, key) == 0 }
                if slot == nil {
                    keys.append(key)
                    members.append([])
                    sums.append(0)
                    slot = keys.count - 1
                }
                members[slot!].append(element)
                if lambdas.count > 1 {
                    let v = try value(element, 1)
                    if !v.isMissing {
                        guard let n = v.number else { throw failType(loc, builtin, "numbers to sum", v) }
                        sums[slot!] += n
                    }
                }
            }
            var order = Array(keys.indices)
            order.sort { a, b in
                let c = Evaluator.compare(keys[a], keys[b]) ?? 0
                return c != 0 ? c < 0 : a < b
            }
            return .list(order.map { i in
                .record(RuntimeRecord(keys: ["key", "items", "count", "sum"],
                                      values: [keys[i], .list(members[i]), .number(Decimal(members[i].count)), .number(sums[i])]))
            })
        case .join:
            let separator = lambdas.isEmpty ? ", " : display(try eval(lambdas[0]))
            var parts: [String] = []
            for element in elements { parts.append(display(try value(element, 1))) }
            return try checkedText(parts.joined(separator: separator), loc)
        default:
            return .null
        }
    }
}
