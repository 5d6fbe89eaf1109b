/// UTF-8 validation per RFC 3629 (Unicode table 3-7): no overlong forms, no encoded surrogates, nothing above U+10FFFF.
enum UTF8Validation {
    /// The length (2-4) of the valid multi-byte sequence starting at `offset`, or 0 if invalid or truncated.
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at offset: Int, end: Int) -> Int {
        let lead = base[offset]
        @inline(__always) func continuation(_ i: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            offset + i < end && range.contains(base[offset + i])
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    /// Offset of the first invalid byte in `base[from..<to]`, or nil when it is all valid UTF-8.
    static func firstInvalid(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        var i = from
        while i < to {
            if base[i] < 0x80 {
                i += 1
                continue
            }
            let length = sequenceLength(base, at: i, end: to)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// Appends the UTF-8 encoding of a scalar (not a surrogate, ≤ U+10FFFF).
    static func append(scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(UInt8(0xC0 | scalar >> 6))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(UInt8(0xE0 | scalar >> 12))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | scalar >> 18))
            bytes.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
