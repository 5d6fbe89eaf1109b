import Foundation

/// Exact conversion of JSON number literals (RFC 8259 §6) to `Decimal`.
///
/// Up to 19 significant digits accumulate in a `UInt64` and become a `Decimal` by setting its
/// exponent (exact and ~15 ns); 20 to 38 digits are joined from two such halves (still exact).
/// More than 38 significant digits, or a magnitude outside Decimal's exponent range, is an
/// error: money must never be rounded silently. `Decimal(string:)` is avoided (≈ 5 µs per call).
enum DecimalLiteral {
    /// The outcome of scanning one literal.
    struct Scan {
        /// Offset just past the literal (or of the offending byte when `error` is set).
        var end: Int
        var value: Decimal
        var error: String?
        /// The error concerns the whole literal (range, precision), not the byte at `end`.
        var errorAtLiteralStart = false
    }

    /// Decimal's exponent is an `Int8`-sized field.
    static let exponentRange = -128...127

    /// Parses `text` as a complete JSON number literal; `nil` when it is not one or is out of range.
    static func parse(_ text: Substring) -> Decimal? {
        var text = text
        return text.withUTF8 { buffer -> Decimal? in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return nil }
            let scan = scan(base, from: 0, limit: buffer.count)
            guard scan.error == nil, scan.end == buffer.count else { return nil }
            return scan.value
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Scans a number literal starting at `start` (a `-` or a digit) and validates the grammar.
    static func scan(_ base: UnsafePointer<UInt8>, from start: Int, limit: Int) -> Scan {
        var i = start
        var negative = false
        if i < limit, base[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < limit, isDigit(base[i]) else {
            return Scan(end: i, value: 0, error: "expected a digit after '-'")
        }
        var mantissa: UInt64 = 0
        var significant = 0      // significant digits seen (leading zeros excluded)
        var scale = 0            // power of ten applied to `mantissa`
        if base[i] == UInt8(ascii: "0") {
            i += 1
            if i < limit, isDigit(base[i]) {
                return Scan(end: i, value: 0, error: "leading zeros are not allowed in numbers")
            }
        } else {
            while i < limit, isDigit(base[i]) {
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
                } else {
                    scale += 1
                }
                significant += 1
                i += 1
            }
        }
        if i < limit, base[i] == UInt8(ascii: ".") {
            i += 1
            guard i < limit, isDigit(base[i]) else {
                return Scan(end: i, value: 0, error: "expected a digit after '.'")
            }
            while i < limit, isDigit(base[i]) {
                let digit = base[i] &- 0x30
                if significant == 0 && digit == 0 {
                    scale -= 1
                } else if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    scale -= 1
                    significant += 1
                } else {
                    significant += 1
                }
                i += 1
            }
        }
        var exponent = 0
        if i < limit, base[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var exponentNegative = false
            if i < limit, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") {
                exponentNegative = base[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < limit, isDigit(base[i]) else {
                return Scan(end: i, value: 0, error: "expected a digit in the exponent")
            }
            while i < limit, isDigit(base[i]) {
                // Clamp: anything this large is out of range anyway; avoids overflow traps.
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[i] &- 0x30) }
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        if significant > 19 {
            return slowPath(base, from: start, to: i, negative: negative, exponent: exponent)
        }
        return Scan(end: i, value: 0, error: nil).with(make(negative: negative, mantissa: mantissa, exponent: scale + exponent))
    }

    /// Builds `±mantissa × 10^exponent`, moving trailing zeros into the exponent when that brings it in range.
    static func make(negative: Bool, mantissa: UInt64, exponent: Int) -> Result<Decimal, RangeError> {
        if mantissa == 0 { return .success(Decimal.zero) }
        var mantissa = mantissa
        var exponent = exponent
        while exponent < exponentRange.lowerBound, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        guard exponentRange.contains(exponent) else { return .failure(RangeError()) }
        return .success(Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(mantissa)))
    }

    struct RangeError: Error {}

    /// 20 or more significant digits: collect them, drop leading/trailing zeros, join two halves.
    static func slowPath(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, negative: Bool, exponent: Int) -> Scan {
        var digits: [UInt8] = []
        var scale = 0
        var inFraction = false
        var i = start
        while i < end {
            let byte = base[i]
            if isDigit(byte) {
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte &- 0x30) }
                if inFraction { scale -= 1 }
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte | 0x20 == UInt8(ascii: "e") {
                break
            }
            i += 1
        }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            scale += 1
        }
        if digits.count > 38 {
            return Scan(end: start, value: 0, error: "number has more than 38 significant digits and cannot be held exactly",
                        errorAtLiteralStart: true)
        }
        let totalExponent = scale + exponent
        func chunk(_ range: Range<Int>) -> UInt64 {
            digits[range].reduce(UInt64(0)) { $0 &* 10 &+ UInt64($1) }
        }
        if digits.count <= 19 {
            return Scan(end: end, value: 0, error: nil)
                .with(make(negative: negative, mantissa: chunk(0..<digits.count), exponent: totalExponent))
        }
        let split = digits.count - 19
        let high = Decimal(sign: .plus, exponent: 19, significand: Decimal(chunk(0..<split)))
        let joined = high + Decimal(chunk(split..<digits.count))
        guard exponentRange.contains(totalExponent) else {
            return Scan(end: start, value: 0, error: "number is out of range", errorAtLiteralStart: true)
        }
        return Scan(end: end, value: Decimal(sign: negative ? .minus : .plus, exponent: totalExponent, significand: joined), error: nil)
    }
}

extension DecimalLiteral.Scan {
    fileprivate func with(_ result: Result<Decimal, DecimalLiteral.RangeError>) -> Self {
        switch result {
        case .success(let value): return Self(end: end, value: value, error: nil)
        case .failure: return Self(end: end, value: 0, error: "number is out of range", errorAtLiteralStart: true)
        }
    }
}
