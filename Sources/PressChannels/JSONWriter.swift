/// Writes one JSON object with keys in the order they are added (deterministic bytes, RFC 8259 escaping).
///
/// Used for archive index records, log lines, manifests and reports: fixed key order matters for hashes.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    public init() { bytes.reserveCapacity(256) }

    private mutating func key(_ k: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        JSONWriter.appendString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func add(_ k: String, _ v: String) { key(k); JSONWriter.appendString(v, to: &bytes) }
    public mutating func add(_ k: String, _ v: String?) {
        key(k)
        if let v { JSONWriter.appendString(v, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
    }
    public mutating func add(_ k: String, _ v: Int) { key(k); bytes.append(contentsOf: String(v).utf8) }
    public mutating func add(_ k: String, _ v: Bool) { key(k); bytes.append(contentsOf: (v ? "true" : "false").utf8) }
    /// A number written with a fixed number of decimals (no exponent, no locale).
    public mutating func add(_ k: String, _ v: Double, decimals: Int) {
        key(k)
        bytes.append(contentsOf: JSONWriter.fixed(v, decimals: decimals).utf8)
    }
    public mutating func add(_ k: String, _ v: [String]) {
        key(k)
        bytes.append(UInt8(ascii: "["))
        for (i, s) in v.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(s, to: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
    /// Adds an already-encoded JSON value (object/array) verbatim.
    public mutating func addRaw(_ k: String, _ json: [UInt8]) { key(k); bytes.append(contentsOf: json) }

    /// The finished object.
    public func finished() -> [UInt8] { bytes + [UInt8(ascii: "}")] }
    public var string: String { String(decoding: finished(), as: UTF8.self) }

    /// A JSON array of already-encoded values.
    public static func array(_ items: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: item)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let n = Int64((abs(v) * scale).rounded())
        let sign = v < 0 && n != 0 ? "-" : ""
        if decimals == 0 { return sign + String(n) }
        let s = Int64(scale)
        var frac = String(n % s)
        while frac.count < decimals { frac = "0" + frac }
        return sign + String(n / s) + "." + frac
    }

    /// Appends `s` as a JSON string literal.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 13: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 9: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<32, 127:
                out.append(contentsOf: Array("\\u00".utf8)); out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
