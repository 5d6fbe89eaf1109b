// Low-level byte emission shared by every writer: integers, fixed decimals, names, strings.
// Everything appends to a `[UInt8]` so no intermediate `String` is built in the hot path.

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of a static string (keys and operators; no allocation).
    @inline(__always)
    mutating func appendASCII(_ s: StaticString) {
        s.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a decimal integer in its shortest form (`-12`, `0`, `4096`).
    mutating func appendInt(_ value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        if value < 0 { append(0x2D) }
        var magnitude = value.magnitude
        // Digits are produced right to left into a stack buffer, then copied in one go.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            repeat {
                index -= 1
                digits[index] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 0x30
                magnitude /= 10
            } while magnitude != 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[index..<20]))
        }
    }

    /// Appends a real number with at most `decimals` fractional digits, trailing zeros removed
    /// (`12.5`, not `12.500000`; `3`, not `3.0`). Non-finite values are written as `0`, since
    /// PDF has no representation for them.
    mutating func appendReal(_ value: Double, decimals: Int = 3) {
        guard value.isFinite else { append(0x30); return }
        let scale = RealScale.factors[decimals]
        let scaled = (value * Double(scale)).rounded()
        // Beyond ±2^53 the value is not meaningful for PDF anyway (implementation limit ±3.4e38 for reals).
        guard abs(scaled) < 9.0e15 else { appendInt(Int(Swift.max(-9.0e15, Swift.min(9.0e15, value.rounded())))); return }
        let fixed = Int(scaled)
        if fixed == 0 { append(0x30); return }
        if fixed < 0 { append(0x2D) }
        let magnitude = fixed.magnitude
        let integral = Int(magnitude / UInt(scale))
        var fraction = Int(magnitude % UInt(scale))
        appendInt(integral)
        guard fraction != 0 else { return }
        var width = decimals
        while fraction % 10 == 0 { fraction /= 10; width -= 1 }
        append(0x2E)
        // Leading zeros of the fraction: 0.05 -> "05".
        var pad = width - 1
        var probe = fraction
        while probe >= 10 { probe /= 10; pad -= 1 }
        while pad > 0 { append(0x30); pad -= 1 }
        appendInt(fraction)
    }

    /// Appends one byte as two uppercase hex digits.
    @inline(__always)
    mutating func appendHexByte(_ byte: UInt8) {
        append(HexDigits.upper[Int(byte >> 4)])
        append(HexDigits.upper[Int(byte & 0x0F)])
    }

    /// Appends a 16-bit value as four uppercase hex digits (glyph ids in Identity-H strings).
    @inline(__always)
    mutating func appendHex16(_ value: UInt16) {
        appendHexByte(UInt8(truncatingIfNeeded: value >> 8))
        appendHexByte(UInt8(truncatingIfNeeded: value))
    }
}

enum RealScale {
    static let factors: [Int] = [1, 10, 100, 1000, 10000, 100000, 1000000]
}

enum HexDigits {
    static let upper: [UInt8] = Array("0123456789ABCDEF".utf8)
}

/// Character classes of PDF 1.7 §7.2.2 (white-space and delimiter characters).
enum ByteClass {
    /// True for white-space (NUL, TAB, LF, FF, CR, SP).
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool {
        b == 0x00 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D || b == 0x20
    }

    /// True for the delimiters `( ) < > [ ] { } / %`.
    @inline(__always)
    static func isDelimiter(_ b: UInt8) -> Bool {
        switch b {
        case 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: return true
        default: return false
        }
    }
}
