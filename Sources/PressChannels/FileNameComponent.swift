/// Turns a data value (a document number such as `FV/2026/11/0815`) into a part of a spool file name.
///
/// The value itself stays untouched everywhere else (index records, subjects, manifests); only the file name
/// derived from it is sanitised. A value is refused only when it looks like an attempt to leave the folder or is
/// unusable (`escapeReason`); otherwise `sanitized` maps every byte outside `A-Z a-z 0-9 . _ -` to `-`, collapses
/// runs of `-` and `.`, never starts with `.` or `-`, and caps the length. Uniqueness is not this type's job:
/// callers put a unique part (the record number) next to it, because different values may sanitise alike.
public enum FileNameComponent {
    /// Default cap, in bytes (the sanitised text is ASCII, so bytes = characters).
    public static let defaultMaxBytes = 80

    /// Why `value` must not be used to build a file name at all, or nil when it may be sanitised:
    /// a `..` path segment (`/` or `\` separated), a leading `/` or `\`, or a control character / NUL.
    public static func escapeReason(_ value: String) -> String? {
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains control characters"
        }
        if let first = value.utf8.first, first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") {
            return "starts with a path separator"
        }
        let segments = value.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" })
        if segments.contains(where: { $0.trimmingSpaces == ".." }) {
            return "contains a '..' path segment"
        }
        return nil
    }

    /// The file-name-safe form of `value`, or nil when nothing usable is left (e.g. `"///"`, `"łż"`).
    /// The result always satisfies `SpoolFileName.isSafe`.
    public static func sanitized(_ value: String, maxBytes: Int = defaultMaxBytes) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(min(value.utf8.count, maxBytes))
        // Work on Unicode scalars so one non-ASCII character becomes one `-`, not one per UTF-8 byte.
        for scalar in value.unicodeScalars {
            var b = UInt8(ascii: "-")
            if scalar.isASCII {
                let c = UInt8(scalar.value)
                switch c {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    b = c
                default:
                    break
                }
            }
            if out.isEmpty, b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { continue }   // no leading '.'/'-'
            if let last = out.last, last == b, b == UInt8(ascii: "-") || b == UInt8(ascii: ".") { continue }
            // '-.' and '.-' are fine; only doubled separators collapse ('..' would be refused later).
            out.append(b)
            if out.count >= maxBytes { break }
        }
        while let last = out.last, last == UInt8(ascii: "-") || last == UInt8(ascii: ".") { out.removeLast() }
        guard !out.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self)
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
