/// A compact, exact binary form of a `Value`, for work state that must be turned back into the very same
/// value later (the print queue keeps each print letter's record until the run's print files are assembled).
///
/// Why not JSON: JSON cannot carry an object with a repeated key or tell the reader where a malformed byte
/// is cheaply, and its text form costs more to write and parse. This form is a tag byte per value, LEB128
/// lengths, UTF-8 text, and numbers as their exact decimal text (`Decimal` is normalised, so the text
/// round-trips to an equal value). It is not an interchange format: only Presswork reads it back.
public enum ValueArchive {
    enum Tag: UInt8 {
        case null = 0, isFalse, isTrue, number, string, array, object
    }

    /// The bytes of `value`. Deterministic: equal values give equal bytes.
    public static func encode(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(value, to: &out)
        return out
    }

    /// The value that `encode` turned into `bytes`. Throws on bytes this encoder did not write.
    public static func decode(_ bytes: [UInt8]) throws(DataError) -> Value {
        try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> Value in
            var reader = Reader(bytes: buffer)
            let value = try reader.value(depth: 0)
            guard reader.offset == buffer.count else { throw reader.corrupt("trailing bytes") }
            return value
        }
    }

    static func write(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(Tag.null.rawValue)
        case .bool(let b): out.append(b ? Tag.isTrue.rawValue : Tag.isFalse.rawValue)
        case .number(let d):
            let p = DecimalParts(d)
            out.append(Tag.number.rawValue)
            out.append(p.negative ? 1 : 0)
            writeLength(p.exponent >= 0 ? 2 * p.exponent : -2 * p.exponent - 1, to: &out)   // zigzag
            writeLength(Int(bitPattern: UInt(truncatingIfNeeded: p.mantissa)), to: &out)
            writeLength(Int(bitPattern: UInt(truncatingIfNeeded: p.mantissa >> 64)), to: &out)
        case .string(let s):
            out.append(Tag.string.rawValue)
            writeText(s, to: &out)
        case .array(let items):
            out.append(Tag.array.rawValue)
            writeLength(items.count, to: &out)
            for item in items { write(item, to: &out) }
        case .object(let object):
            out.append(Tag.object.rawValue)
            writeLength(object.count, to: &out)
            for member in object {
                writeText(member.key, to: &out)
                write(member.value, to: &out)
            }
        }
    }

    static func writeText(_ s: String, to out: inout [UInt8]) {
        writeLength(s.utf8.count, to: &out)
        out.append(contentsOf: s.utf8)
    }

    static func writeLength(_ n: Int, to out: inout [UInt8]) {
        var n = UInt(bitPattern: n)
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        func corrupt(_ what: String) -> DataError {
            DataError(.unsupported, "archived value is corrupt at byte \(offset): \(what)")
        }

        mutating func byte() throws(DataError) -> UInt8 {
            guard offset < bytes.count else { throw corrupt("unexpected end") }
            defer { offset += 1 }
            return bytes[offset]
        }

        /// A LEB128 unsigned 64-bit word.
        mutating func word() throws(DataError) -> UInt64 {
            var n: UInt64 = 0, shift: UInt64 = 0
            while true {
                let b = try byte()
                guard shift < 64 else { throw corrupt("number too long") }
                n |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { break }
                shift += 7
            }
            return n
        }

        /// A count or byte length (non-negative, below 2^62).
        mutating func length() throws(DataError) -> Int {
            let n = try word()
            guard n < 1 << 62 else { throw corrupt("length out of range") }
            return Int(n)
        }

        mutating func text() throws(DataError) -> String {
            let n = try length()
            guard n <= bytes.count - offset else { throw corrupt("text runs past the end") }
            let slice = UnsafeBufferPointer(rebasing: bytes[offset..<offset + n])
            // Validated by hand (see `JSONScanner.validatedString` for why not `String(validating:)`).
            if n > 0, UTF8Validation.firstInvalid(slice.baseAddress!, from: 0, to: n) != nil { throw corrupt("text is not UTF-8") }
            let s = String(decoding: slice, as: UTF8.self)
            offset += n
            return s
        }

        mutating func value(depth: Int) throws(DataError) -> Value {
            guard depth < 512 else { throw corrupt("nested too deeply") }
            guard let tag = Tag(rawValue: try byte()) else { throw corrupt("unknown tag") }
            switch tag {
            case .null: return .null
            case .isFalse: return .bool(false)
            case .isTrue: return .bool(true)
            case .number:
                let negative = try byte()
                let zigzag = try word()
                let low = try word(), high = try word()
                guard negative <= 1, zigzag < 512 else { throw corrupt("not a number") }
                let exponent = zigzag & 1 == 0 ? Int(zigzag / 2) : -Int((zigzag + 1) / 2)
                if high == 0, case .success(let d) = DecimalLiteral.make(negative: negative == 1, mantissa: low, exponent: exponent) {
                    return .number(d)
                }
                // Mantissas beyond 64 bits (up to Decimal's 38 digits) go through the literal parser.
                let mantissa = UInt128(high) << 64 | UInt128(low)
                let literal = (negative == 1 ? "-" : "") + String(mantissa) + "e" + String(exponent)
                guard let d = DecimalLiteral.parse(Substring(literal)) else { throw corrupt("number out of range") }
                return .number(d)
            case .string: return .string(try text())
            case .array:
                let n = try length()
                guard n <= bytes.count - offset else { throw corrupt("array count out of range") }
                var items: [Value] = []
                items.reserveCapacity(n)
                for _ in 0..<n { items.append(try value(depth: depth + 1)) }
                return .array(items)
            case .object:
                let n = try length()
                guard n <= bytes.count - offset else { throw corrupt("object count out of range") }
                var members: [ValueObject.Member] = []
                members.reserveCapacity(n)
                for _ in 0..<n {
                    let key = try text()
                    members.append(ValueObject.Member(key: key, value: try value(depth: depth + 1)))
                }
                return .object(ValueObject(uniqueMembers: members))
            }
        }
    }
}
