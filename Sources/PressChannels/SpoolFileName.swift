/// A file name that is safe as one path component inside a spool folder.
///
/// Allowed: ASCII letters, digits, `.`, `_`, `-`; 1...200 bytes; not starting with `.` (hidden and temporary
/// files are the spool's own). Anything else — `/`, `..`, NUL, spaces, non-ASCII — is refused, so a file name
/// built from data (an invoice number such as `../../etc/passwd`) can never leave the spool folder.
public struct SpoolFileName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Validates `name`; throws `ChannelError.unsafeName` naming the problem.
    public init(_ name: String) throws {
        guard SpoolFileName.isSafe(name) else {
            throw ChannelError(.unsafeName, "'\(SpoolFileName.printable(name))' is not a safe file name (allowed: A-Z a-z 0-9 . _ -, not starting with '.', at most 200 bytes)")
        }
        rawValue = name
    }

    /// Internal: a name the spool builds itself (temporary names start with `.`).
    init(unchecked name: String) { rawValue = name }

    /// True when `component` may appear in a spool file name (same rules, `.` allowed only inside).
    public static func isSafe(_ component: String) -> Bool {
        let utf8 = component.utf8
        guard !utf8.isEmpty, utf8.count <= 200, utf8.first != UInt8(ascii: ".") else { return false }
        for b in utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                continue
            default:
                return false
            }
        }
        return !component.contains("..")
    }

    public var description: String { rawValue }
    public static func < (a: SpoolFileName, b: SpoolFileName) -> Bool { a.rawValue < b.rawValue }

    /// A shortened, control-character-free rendering for messages.
    static func printable(_ s: String) -> String {
        let cleaned = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
        return cleaned.count > 60 ? String(cleaned.prefix(60)) + "…" : cleaned
    }
}
