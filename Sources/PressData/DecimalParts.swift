import Foundation

/// Sign, exponent and mantissa of a `Decimal`: value = (negative ? -1 : 1) × mantissa × 10^exponent.
///
/// `Decimal` hides its mantissa on Linux, and `description` costs microseconds (it divides the mantissa
/// word by word). Its memory layout is the documented NSDecimal one (exponent byte, length/flags byte,
/// reserved, eight little-endian UInt16 mantissa words), so `init(_:)` reads it directly, after a one-time
/// self-check against known values; if the check fails it parses `description` instead (slower, same result).
/// Used by the template formatter and by `ValueArchive`.
public struct DecimalParts: Equatable, Sendable {
    public var negative: Bool
    public var exponent: Int
    public var mantissa: UInt128

    public init(negative: Bool, exponent: Int, mantissa: UInt128) {
        self.negative = negative; self.exponent = exponent; self.mantissa = mantissa
    }

    /// The parts of `d` (zero is never negative; its exponent may be anything).
    public init(_ d: Decimal) {
        self = DecimalParts.layoutVerified ? DecimalParts.raw(d) : DecimalParts.parsing(d.description)
    }

    /// Whether reading the memory layout gives the right parts on this platform (checked once).
    public static let layoutVerified: Bool = {
        let samples: [(String, DecimalParts)] = [
            ("-1234.565", DecimalParts(negative: true, exponent: -3, mantissa: 1_234_565)),
            ("0", DecimalParts(negative: false, exponent: 0, mantissa: 0)),
            ("123456789012345678901234567.89",
             DecimalParts(negative: false, exponent: -2, mantissa: UInt128("12345678901234567890123456789")!)),
            ("1e9", DecimalParts(negative: false, exponent: 9, mantissa: 1)),
        ]
        for (text, expected) in samples {
            guard let d = Decimal(string: text) else { return false }
            let p = raw(d)
            // Zero may be stored with any exponent.
            if expected.mantissa == 0 { if p.mantissa != 0 { return false } else { continue } }
            if p != expected { return false }
        }
        return true
    }()

    /// The parts read from the memory layout (only meaningful when `layoutVerified`).
    public static func raw(_ d: Decimal) -> DecimalParts {
        withUnsafeBytes(of: d) { raw -> DecimalParts in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let flags = raw[1]
            let length = Int(flags >> 4)
            var mantissa: UInt128 = 0
            var i = length - 1
            while i >= 0 {
                let word = UInt16(raw[4 + 2 * i]) | (UInt16(raw[5 + 2 * i]) << 8)
                mantissa = (mantissa << 16) | UInt128(word)
                i -= 1
            }
            return DecimalParts(negative: flags & 0x08 != 0 && mantissa != 0, exponent: exponent, mantissa: mantissa)
        }
    }

    /// The parts of a plain description ("-1234.565"; Foundation's `description` has no exponent form).
    static func parsing(_ text: String) -> DecimalParts {
        var negative = false, mantissa: UInt128 = 0, exponent = 0, afterDot = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): afterDot = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                mantissa = mantissa * 10 + UInt128(byte - 48)
                if afterDot { exponent -= 1 }
            default: break
            }
        }
        return DecimalParts(negative: negative && mantissa != 0, exponent: exponent, mantissa: mantissa)
    }
}
