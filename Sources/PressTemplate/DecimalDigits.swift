import Foundation
import PressData

/// Decimal arithmetic helpers without Foundation formatters: exact digits, half-up rounding. The parts of a
/// decimal come from PressData's `DecimalParts` (which reads the NSDecimal layout after a self-check).
enum DecimalDigits {
    /// Sign, exponent and mantissa of a decimal: value = (negative ? -1 : 1) * mantissa * 10^exponent.
    typealias Parts = DecimalParts

    static var layoutVerified: Bool { DecimalParts.layoutVerified }

    /// Whether `makeCompact` produces exactly Foundation's bytes (checked once; else the slow path is used).
    static let constructionVerified: Bool = {
        guard layoutVerified else { return false }
        for text in ["-1234.565", "0.01", "1000", "123456789012345678901234567.89", "-7", "19"] {
            guard let d = Decimal(string: text), let built = buildCompact(DecimalParts.raw(d)) else { return false }
            let same = withUnsafeBytes(of: d) { a in withUnsafeBytes(of: built) { b in a.elementsEqual(b) } }
            if !same || built != d || built.hashValue != d.hashValue { return false }
        }
        return true
    }()

    static func decompose(_ d: Decimal) -> Parts { DecimalParts(d) }

    static let powersOfTen: [UInt128] = {
        var result: [UInt128] = [1]
        for _ in 1...38 { result.append(result.last! * 10) }
        return result
    }()

    /// The value rounded half away from zero to `scale` fractional digits, as parts with exponent == -scale
    /// (or larger when the value has fewer digits and `pad` is false).
    static func rounded(_ parts: Parts, scale: Int) -> Parts {
        var p = parts
        if p.exponent < -scale {
            let drop = -scale - p.exponent
            if drop > 38 {
                p.mantissa = 0
            } else {
                let divisor = powersOfTen[drop]
                let (q, r) = p.mantissa.quotientAndRemainder(dividingBy: divisor)
                p.mantissa = q + (r * 2 >= divisor ? 1 : 0)
            }
            p.exponent = -scale
            if p.mantissa == 0 { p.negative = false }
        }
        return p
    }

    /// Half-up rounding of a Decimal to `scale` fractional digits (0.005 -> 0.01, -0.005 -> -0.01).
    static func round(_ value: Decimal, scale: Int) -> Decimal {
        let p = rounded(decompose(value), scale: scale)
        return make(p)
    }

    /// A Decimal from parts.
    static func make(_ p: Parts) -> Decimal {
        if let fast = makeCompact(p) { return fast }
        if p.mantissa <= UInt128(UInt64.max) {
            return Decimal(sign: p.negative ? .minus : .plus, exponent: p.exponent, significand: Decimal(UInt64(p.mantissa)))
        }
        let high = p.mantissa / 10_000_000_000_000_000_000
        let low = p.mantissa % 10_000_000_000_000_000_000
        let magnitude = Decimal(UInt64(high)) * Decimal(sign: .plus, exponent: 19, significand: 1) + Decimal(UInt64(low))
        return Decimal(sign: p.negative ? .minus : .plus, exponent: p.exponent, significand: magnitude)
    }

    /// ASCII digits of the mantissa (at least "0").
    static func digits(_ mantissa: UInt128, into buffer: inout [UInt8]) {
        if mantissa == 0 {
            buffer.append(48)
            return
        }
        if mantissa <= UInt128(UInt64.max) {
            var m = UInt64(mantissa)
            let start = buffer.count
            while m > 0 {
                buffer.append(UInt8(truncatingIfNeeded: m % 10) + 48)
                m /= 10
            }
            buffer[start...].reverse()
            return
        }
        var m = mantissa
        let start = buffer.count
        while m > 0 {
            buffer.append(UInt8(truncatingIfNeeded: m % 10) + 48)
            m /= 10
        }
        buffer[start...].reverse()
    }

    /// Integer and fraction digits of a value, with exactly `minFraction`...`maxFraction` fractional digits
    /// (half-up rounded to `maxFraction`, trailing zeros beyond `minFraction` removed).
    static func split(_ value: Decimal, minFraction: Int, maxFraction: Int) -> (negative: Bool, integer: [UInt8], fraction: [UInt8]) {
        let p = rounded(decompose(value), scale: maxFraction)
        var all: [UInt8] = []
        all.reserveCapacity(24)
        digits(p.mantissa, into: &all)
        var integer: [UInt8]
        var fraction: [UInt8]
        if p.exponent >= 0 {
            integer = all
            if p.mantissa != 0 { integer.append(contentsOf: repeatElement(48, count: p.exponent)) }
            fraction = []
        } else {
            let fractionCount = -p.exponent
            if all.count > fractionCount {
                integer = Array(all[..<(all.count - fractionCount)])
                fraction = Array(all[(all.count - fractionCount)...])
            } else {
                integer = [48]
                fraction = Array(repeating: 48, count: fractionCount - all.count) + all
            }
        }
        while fraction.count > minFraction, fraction.last == 48 { fraction.removeLast() }
        while fraction.count < minFraction { fraction.append(48) }
        return (p.negative, integer, fraction)
    }

    /// A plain representation: `-1234.5` (no exponent, no grouping).
    static func plain(_ value: Decimal, decimalSeparator: String = ".") -> String {
        let s = split(value, minFraction: 0, maxFraction: 38)
        var out: [UInt8] = []
        if s.negative { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: s.integer)
        if !s.fraction.isEmpty {
            out.append(contentsOf: Array(decimalSeparator.utf8))
            out.append(contentsOf: s.fraction)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Integer value if the decimal is integral and fits.
    static func intValue(_ value: Decimal) -> Int? {
        let p = decompose(value)
        var m = p.mantissa
        if p.exponent < 0 {
            let drop = -p.exponent
            guard drop <= 38 else { return m == 0 ? 0 : nil }
            let (q, r) = m.quotientAndRemainder(dividingBy: powersOfTen[drop])
            guard r == 0 else { return nil }
            m = q
        } else if p.exponent > 0 {
            guard p.exponent <= 18 else { return nil }
            m *= powersOfTen[p.exponent]
        }
        guard m <= UInt128(Int.max) else { return nil }
        return p.negative ? -Int(m) : Int(m)
    }
}
