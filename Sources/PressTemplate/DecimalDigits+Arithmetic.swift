import Foundation

/// Fast exact paths for decimal division, remainder, floor and ceiling on the 128-bit mantissa.
///
/// Foundation's `Decimal` division is long division over UInt16 arrays (tens of thousands of
/// instructions); binding an invoice does dozens of them. These paths handle operands whose
/// mantissas leave room (the usual case: money, rates, counts) and return nil otherwise, so callers
/// fall back to Foundation. Results are correctly rounded half-up at 38 significant digits.
extension DecimalDigits {
    /// 10^38: the first value with 39 digits; mantissas stay below it.
    static let limit: UInt128 = powersOfTen[38]

    static func digitCount(_ m: UInt128) -> Int {
        var n = 1
        while n < 39, m >= powersOfTen[n] { n += 1 }
        return n
    }

    /// Builds a Decimal by writing its documented layout, after stripping trailing zeros (the compact
    /// form Foundation produces, so equality and hashing agree); nil when the layout is not verified or
    /// the exponent is out of range.
    static func makeCompact(_ parts: Parts) -> Decimal? {
        guard constructionVerified else { return nil }
        return buildCompact(parts)
    }

    static func buildCompact(_ parts: Parts) -> Decimal? {
        var m = parts.mantissa
        var e = parts.exponent
        if m == 0 { return Decimal(0) }
        while e < 127, m % 10 == 0 {
            m /= 10
            e += 1
        }
        guard e >= -128, e <= 127, m < limit else { return nil }
        var words: [UInt16] = []
        var rest = m
        while rest > 0 {
            words.append(UInt16(truncatingIfNeeded: rest))
            rest >>= 16
        }
        var d = Decimal()
        withUnsafeMutableBytes(of: &d) { raw in
            for i in 0..<raw.count { raw[i] = 0 }
            raw[0] = UInt8(bitPattern: Int8(e))
            raw[1] = UInt8(words.count << 4) | (parts.negative ? 0x08 : 0) | 0x04
            for (i, w) in words.enumerated() {
                raw[4 + 2 * i] = UInt8(truncatingIfNeeded: w)
                raw[5 + 2 * i] = UInt8(truncatingIfNeeded: w >> 8)
            }
        }
        return d
    }

    /// x / y rounded half-up to 38 significant digits; nil: use Foundation (also for y == 0).
    static func divide(_ x: Decimal, _ y: Decimal) -> Decimal? {
        let a = decompose(x), b = decompose(y)
        guard b.mantissa != 0 else { return nil }
        if a.mantissa == 0 { return Decimal(0) }
        let divisorDigits = digitCount(b.mantissa)
        guard divisorDigits <= 37 else { return nil }
        var (q, r) = a.mantissa.quotientAndRemainder(dividingBy: b.mantissa)
        var exponent = a.exponent - b.exponent
        // Extend the quotient by as many digits at a time as fit (r < divisor, so r * 10^j < 10^38).
        while r != 0 {
            let room = min(38 - divisorDigits, 38 - digitCount(q))
            if room <= 0 { break }
            let scale = powersOfTen[room]
            let (dq, dr) = (r * scale).quotientAndRemainder(dividingBy: b.mantissa)
            q = q * scale + dq
            r = dr
            exponent -= room
        }
        if r != 0, r * 2 >= b.mantissa { q += 1 }
        if q >= limit {
            q /= 10
            exponent += 1
        }
        return makeCompact(Parts(negative: a.negative != b.negative, exponent: exponent, mantissa: q))
    }

    /// x - trunc(x / y) * y (the sign of x); nil: use Foundation.
    static func remainder(_ x: Decimal, _ y: Decimal) -> Decimal? {
        let a = decompose(x), b = decompose(y)
        guard b.mantissa != 0 else { return nil }
        let e = min(a.exponent, b.exponent)
        let shiftA = a.exponent - e, shiftB = b.exponent - e
        guard shiftA <= 38 - digitCount(a.mantissa), shiftB <= 38 - digitCount(b.mantissa) else { return nil }
        let ma = a.mantissa * powersOfTen[shiftA], mb = b.mantissa * powersOfTen[shiftB]
        return makeCompact(Parts(negative: a.negative, exponent: e, mantissa: ma % mb))
    }

    /// Rounds toward negative (`floor`) or positive (`ceil`) infinity to an integer.
    static func integral(_ x: Decimal, up: Bool) -> Decimal? {
        let p = decompose(x)
        if p.exponent >= 0 { return x }
        let drop = -p.exponent
        var q: UInt128 = 0, r = p.mantissa
        if drop <= 38 { (q, r) = p.mantissa.quotientAndRemainder(dividingBy: powersOfTen[drop]) }
        if r != 0, p.negative != up { q += 1 }
        return makeCompact(Parts(negative: p.negative && q != 0, exponent: 0, mantissa: q))
    }
}
