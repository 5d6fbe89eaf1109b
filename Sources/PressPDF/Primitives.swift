// The distinct PDF object forms (PDF 1.7 §7.3) as distinct Swift types.

/// A PDF name object (§7.3.5), e.g. `/Type`. Stored unescaped; bytes outside `!`...`~`,
/// delimiters and `#` are written as `#xx` escapes.
public struct Name: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The name's bytes without the leading slash and without escapes.
    public let bytes: [UInt8]

    /// Creates a name from its unescaped UTF-8 text.
    public init(_ text: String) { bytes = Array(text.utf8) }
    /// Creates a name from raw bytes (no leading slash).
    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    func write(to out: inout [UInt8]) {
        out.append(0x2F)
        for b in bytes {
            if b < 0x21 || b > 0x7E || b == 0x23 || ByteClass.isDelimiter(b) {
                out.append(0x23)
                out.appendHexByte(b)
            } else {
                out.append(b)
            }
        }
    }
}

/// A PDF byte string (§7.3.4), written as a literal string `( … )` with `\`, `(`, `)` and
/// control characters escaped. Use ``TextString`` for human-readable Unicode text.
public struct PDFString: Hashable, Sendable {
    /// The raw bytes.
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    /// Creates a byte string from the UTF-8 bytes of `text` (use for ASCII identifiers and file names).
    public init(_ text: String) { bytes = Array(text.utf8) }

    func write(to out: inout [UInt8]) { PDFString.writeLiteral(bytes, to: &out) }

    /// Writes `bytes` as a literal string. Balanced parentheses need no escape per §7.3.4.2, but
    /// escaping all of them keeps the rule simple and the output independent of context.
    static func writeLiteral<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        out.append(0x28)
        for b in bytes {
            switch b {
            case 0x5C, 0x28, 0x29: out.append(0x5C); out.append(b)
            case 0x0A: out.append(0x5C); out.append(0x6E)  // \n
            case 0x0D: out.append(0x5C); out.append(0x72)  // \r (a raw CR would be read as LF)
            case 0x09: out.append(0x5C); out.append(0x74)  // \t
            case 0x08: out.append(0x5C); out.append(0x62)  // \b
            case 0x0C: out.append(0x5C); out.append(0x66)  // \f
            case 0x00..<0x20:
                out.append(0x5C)
                out.append(0x30 + (b >> 6))
                out.append(0x30 + ((b >> 3) & 7))
                out.append(0x30 + (b & 7))
            default: out.append(b)
            }
        }
        out.append(0x29)
    }

    /// Writes `bytes` as a hex string `<…>`.
    static func writeHex(_ bytes: [UInt8], to out: inout [UInt8]) {
        out.append(0x3C)
        for b in bytes { out.appendHexByte(b) }
        out.append(0x3E)
    }
}

/// A text string (§7.9.2.2): human-readable Unicode text such as a document title. Written in
/// PDFDocEncoding when the text is printable ASCII, otherwise as UTF-16BE with a byte-order mark.
public struct TextString: Hashable, Sendable {
    /// The text.
    public let text: String

    public init(_ text: String) { self.text = text }

    func write(to out: inout [UInt8]) {
        // Printable ASCII (plus TAB/LF/CR) is identical in PDFDocEncoding.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            PDFString.writeLiteral(text.utf8, to: &out)
            return
        }
        out.appendASCII("<FEFF")
        for unit in text.utf16 { out.appendHex16(unit) }
        out.append(0x3E)
    }
}

/// A reference to an indirect object (§7.3.10), written `12 0 R`. Generation is always 0.
public struct ObjectRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The object number (>= 1).
    public let number: Int

    public init(_ number: Int) {
        precondition(number >= 1, "PDF object numbers start at 1, got \(number)")
        self.number = number
    }

    public static func < (a: ObjectRef, b: ObjectRef) -> Bool { a.number < b.number }
    public var description: String { "\(number) 0 R" }

    func write(to out: inout [UInt8]) {
        out.appendInt(number)
        out.appendASCII(" 0 R")
    }
}

/// A rectangle in default user space (§7.9.5), points, written `[x1 y1 x2 y2]`.
public struct Rect: Hashable, Sendable {
    public var x1: Double, y1: Double, x2: Double, y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1; self.y1 = y1; self.x2 = x2; self.y2 = y2
    }

    /// A rectangle with its lower-left corner at the origin.
    public init(width: Double, height: Double) { self.init(x1: 0, y1: 0, x2: width, y2: height) }

    /// ISO 216 A4 portrait, 595.276 x 841.89 pt (210 x 297 mm).
    public static let a4 = Rect(width: 595.276, height: 841.89)
    /// ISO 216 A5 portrait, 419.528 x 595.276 pt.
    public static let a5 = Rect(width: 419.528, height: 595.276)
    /// US Letter portrait, 612 x 792 pt.
    public static let letter = Rect(width: 612, height: 792)

    func write(to out: inout [UInt8]) {
        out.append(0x5B)
        out.appendReal(x1); out.append(0x20)
        out.appendReal(y1); out.append(0x20)
        out.appendReal(x2); out.append(0x20)
        out.appendReal(y2)
        out.append(0x5D)
    }
}

/// A date (§7.9.4) as civil time with a UTC offset, written `D:YYYYMMDDHHmmSS+HH'mm'`.
/// No Foundation: build it from Unix seconds with ``init(secondsSince1970:utcOffsetMinutes:)``.
public struct PDFDate: Hashable, Sendable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
    /// Offset from UTC in minutes (0 for UTC).
    public var utcOffsetMinutes: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0,
                utcOffsetMinutes: Int = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    /// Converts Unix time (seconds since 1970-01-01T00:00:00Z) to civil time at `utcOffsetMinutes`.
    public init(secondsSince1970 seconds: Int, utcOffsetMinutes: Int = 0) {
        let local = seconds + utcOffsetMinutes * 60
        var days = local / 86_400
        var rest = local % 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        // Howard Hinnant's days_from_civil inverse.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d,
                  hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60,
                  utcOffsetMinutes: utcOffsetMinutes)
    }

    /// `D:20261122164400+00'00'` (the PDF form; the offset is always written, as PDF/A validators
    /// compare it with the XMP date).
    func writePDF(to out: inout [UInt8]) {
        out.append(0x28)
        out.appendASCII("D:")
        digits(year, 4, &out); digits(month, 2, &out); digits(day, 2, &out)
        digits(hour, 2, &out); digits(minute, 2, &out); digits(second, 2, &out)
        let offset = abs(utcOffsetMinutes)
        out.append(utcOffsetMinutes < 0 ? 0x2D : 0x2B)
        digits(offset / 60, 2, &out); out.append(0x27)
        digits(offset % 60, 2, &out); out.append(0x27)
        out.append(0x29)
    }

    /// `2026-11-22T16:44:00+00:00` (the XMP / ISO 8601 form).
    public var iso8601: String {
        var out: [UInt8] = []
        digits(year, 4, &out); out.append(0x2D); digits(month, 2, &out); out.append(0x2D); digits(day, 2, &out)
        out.append(0x54)
        digits(hour, 2, &out); out.append(0x3A); digits(minute, 2, &out); out.append(0x3A); digits(second, 2, &out)
        let offset = abs(utcOffsetMinutes)
        out.append(utcOffsetMinutes < 0 ? 0x2D : 0x2B)
        digits(offset / 60, 2, &out); out.append(0x3A); digits(offset % 60, 2, &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func digits(_ value: Int, _ width: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = max(0, value)
        while divisor > 0 {
            out.append(UInt8(truncatingIfNeeded: (v / divisor) % 10) + 0x30)
            v %= divisor
            divisor /= 10
        }
    }
}
