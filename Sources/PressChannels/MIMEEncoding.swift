/// The MIME transfer and header encodings the e-mail channel needs, writing into byte buffers.
///
/// - Base64 (RFC 2045 §6.8) with 76-character lines,
/// - quoted-printable (RFC 2045 §6.7) for UTF-8 text bodies,
/// - encoded words (RFC 2047 §4.1, `B` encoding, UTF-8) for non-ASCII header text,
/// - parameter value encoding (RFC 2231 §4) for non-ASCII attachment file names.
public enum MIMEEncoding {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let crlf: [UInt8] = [13, 10]

    /// Appends `bytes` base64-encoded, `lineLength` characters per CRLF-terminated line (0 = one line, no CRLF).
    ///
    /// Writes into the output's storage through a pointer (the exact size is known up front): an e-mail
    /// attachment is tens of KB, and appending byte by byte had the writer spend more time in capacity checks
    /// than in encoding.
    public static func base64(_ bytes: [UInt8], into out: inout [UInt8], lineLength: Int = 76) {
        let n = bytes.count
        let chars = (n + 2) / 3 * 4
        // Lines hold whole groups of 4 characters.
        let perLine = lineLength > 0 ? max(4, lineLength / 4 * 4) : Int.max
        let lines = lineLength > 0 ? (chars + perLine - 1) / perLine : 0
        let total = chars + 2 * lines
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: total))
        base64Alphabet.withUnsafeBufferPointer { a in
            bytes.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    var w = start
                    var column = 0
                    var i = 0
                    while i + 3 <= n {
                        let v = UInt32(b[i]) << 16 | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2])
                        o[w] = a[Int(v >> 18)]
                        o[w + 1] = a[Int(v >> 12 & 63)]
                        o[w + 2] = a[Int(v >> 6 & 63)]
                        o[w + 3] = a[Int(v & 63)]
                        w += 4
                        i += 3
                        column += 4
                        if column == perLine {
                            o[w] = 13; o[w + 1] = 10
                            w += 2
                            column = 0
                        }
                    }
                    if i < n {
                        let b1 = i + 1 < n ? UInt32(b[i + 1]) : 0
                        let v = UInt32(b[i]) << 16 | b1 << 8
                        o[w] = a[Int(v >> 18)]
                        o[w + 1] = a[Int(v >> 12 & 63)]
                        o[w + 2] = i + 1 < n ? a[Int(v >> 6 & 63)] : UInt8(ascii: "=")
                        o[w + 3] = UInt8(ascii: "=")
                        w += 4
                        column += 4
                    }
                    if lineLength > 0, column > 0 {
                        o[w] = 13; o[w + 1] = 10
                        w += 2
                    }
                    precondition(w == start + total, "base64 size")
                }
            }
        }
    }

    /// Base64 of `bytes` as one string without line breaks.
    public static func base64String(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        base64(bytes, into: &out, lineLength: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` quoted-printable encoded (UTF-8), normalising line breaks to CRLF; lines ≤ 76 characters.
    public static func quotedPrintable(_ text: String, into out: inout [UInt8]) {
        let hex = Array("0123456789ABCDEF".utf8)
        var line: [UInt8] = []
        line.reserveCapacity(80)
        func flushHard() {
            // Whitespace at the end of an encoded line would be lost in transport (RFC 2045 §6.7 rule 3).
            if let last = line.last, last == 32 || last == 9 {
                line.removeLast()
                line.append(UInt8(ascii: "=")); line.append(hex[Int(last >> 4)]); line.append(hex[Int(last & 15)])
            }
            out.append(contentsOf: line); out.append(contentsOf: crlf)
            line.removeAll(keepingCapacity: true)
        }
        var bytes = Array(text.utf8)
        if bytes.last == 10 { bytes.removeLast() }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 1; continue }
            if b == 10 || b == 13 { flushHard(); i += 1; continue }
            let literal = (b >= 33 && b <= 126 && b != UInt8(ascii: "=")) || b == 32 || b == 9
            let width = literal ? 1 : 3
            if line.count + width > 75 {
                out.append(contentsOf: line); out.append(UInt8(ascii: "=")); out.append(contentsOf: crlf)
                line.removeAll(keepingCapacity: true)
            }
            if literal {
                line.append(b)
            } else {
                line.append(UInt8(ascii: "=")); line.append(hex[Int(b >> 4)]); line.append(hex[Int(b & 15)])
            }
            i += 1
        }
        flushHard()
    }

    /// True when `text` can go into a header as is: printable ASCII only (no CR/LF, no controls).
    public static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 }
    }

    /// RFC 2047 encoded words (`=?UTF-8?B?...?=`) for `text`, each ≤ 75 characters, split only between
    /// characters (never inside a UTF-8 sequence), joined with `separator` (CRLF SP folds the header).
    /// Control characters (CR, LF) are replaced by spaces: header text from data cannot inject headers.
    public static func encodedWords(_ text: String, separator: String = "\r\n ") -> String {
        // 39 bytes -> 52 base64 chars -> 64-character words: with a "Subject: " prefix the line stays <= 78.
        let maxBytes = 39
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let s: Unicode.Scalar = scalar.value < 32 || scalar.value == 127 ? " " : scalar
            let utf8 = Array(String(s).utf8)
            if chunk.count + utf8.count > maxBytes {
                words.append("=?UTF-8?B?" + base64String(chunk) + "?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk.append(contentsOf: utf8)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + base64String(chunk) + "?=") }
        return words.joined(separator: separator)
    }

    /// Header text: as is when plain ASCII, else RFC 2047 encoded words.
    public static func headerText(_ text: String) -> String {
        isPlainHeaderText(text) ? text : encodedWords(text)
    }

    /// RFC 2231 extended parameter value: `UTF-8''` followed by percent-encoded bytes (attr-char kept).
    public static func rfc2231Value(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out = Array("UTF-8''".utf8)
        for b in text.utf8 {
            let attrChar = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
            if attrChar {
                out.append(b)
            } else {
                out.append(UInt8(ascii: "%")); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A MIME quoted-string (RFC 5322 §3.2.4) of printable ASCII `text`.
    public static func quoted(_ text: String) -> String {
        var s = "\""
        for c in text {
            if c == "\"" || c == "\\" { s.append("\\") }
            s.append(c)
        }
        return s + "\""
    }
}
