/// An sRGB IEC 61966-2.1 ICC profile (version 2.1, display class, RGB -> XYZ matrix/TRC),
/// generated in code: header, `desc`, `cprt`, `wtpt`, `rXYZ`/`gXYZ`/`bXYZ` (Bradford-adapted to
/// the D50 PCS) and one shared 1024-entry `curv` tone curve for `rTRC`/`gTRC`/`bTRC`.
/// Used as the `DestOutputProfile` of the PDF/A output intent (ISO 19005-2 §6.2.3).
public enum SRGBProfile {
    /// The profile bytes (computed once).
    public static let bytes: [UInt8] = build()

    /// The `OutputConditionIdentifier` to pair with this profile.
    public static let identifier = "sRGB IEC61966-2.1"

    static func build() -> [UInt8] {
        // Tag data, each 4-byte aligned.
        let desc = textDescription("sRGB IEC61966-2.1")
        let cprt = text("No copyright, use freely")
        let wtpt = xyz(0.9642, 1.0, 0.8249)
        let rXYZ = xyz(0.4361, 0.2225, 0.0139)
        let gXYZ = xyz(0.3851, 0.7169, 0.0971)
        let bXYZ = xyz(0.1431, 0.0606, 0.7141)
        let trc = curve(entries: 1024)

        // (signature, data index); the three TRC tags share one data block.
        let blocks: [[UInt8]] = [desc, cprt, wtpt, rXYZ, gXYZ, bXYZ, trc]
        let tags: [(String, Int)] = [("desc", 0), ("cprt", 1), ("wtpt", 2), ("rXYZ", 3), ("gXYZ", 4),
                                     ("bXYZ", 5), ("rTRC", 6), ("gTRC", 6), ("bTRC", 6)]
        let tableSize = 4 + 12 * tags.count
        var offsets: [Int] = []
        var cursor = 128 + tableSize
        for block in blocks {
            offsets.append(cursor)
            cursor += (block.count + 3) & ~3
        }
        let total = cursor

        var out: [UInt8] = []
        out.reserveCapacity(total)
        // Header (ICC.1:2001-04 §6.1).
        be32(total, &out)                 // profile size
        ascii("none", &out)               // preferred CMM (none)
        be32(0x0210_0000, &out)           // version 2.1.0
        ascii("mntr", &out)               // device class: display
        ascii("RGB ", &out)               // colour space
        ascii("XYZ ", &out)               // profile connection space
        for v in [2026, 1, 1, 0, 0, 0] { be16(v, &out) }  // creation date (fixed: deterministic)
        ascii("acsp", &out)               // file signature
        be32(0, &out)                     // primary platform: none
        be32(0, &out)                     // flags
        be32(0, &out)                     // device manufacturer
        be32(0, &out)                     // device model
        be32(0, &out); be32(0, &out)      // device attributes
        be32(0, &out)                     // rendering intent: perceptual
        s15Fixed16(0.9642, &out); s15Fixed16(1.0, &out); s15Fixed16(0.8249, &out)  // PCS illuminant D50
        be32(0, &out)                     // creator
        out.append(contentsOf: repeatElement(0, count: 128 - out.count))  // reserved (ID in v4)
        // Tag table.
        be32(tags.count, &out)
        for (signature, index) in tags {
            ascii(signature, &out)
            be32(offsets[index], &out)
            be32(blocks[index].count, &out)
        }
        for block in blocks {
            out.append(contentsOf: block)
            out.append(contentsOf: repeatElement(0, count: ((block.count + 3) & ~3) - block.count))
        }
        precondition(out.count == total)
        return out
    }

    /// `textDescriptionType` (ICC v2 §6.5.17): ASCII + empty Unicode and ScriptCode parts.
    static func textDescription(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        ascii("desc", &out); be32(0, &out)
        be32(s.utf8.count + 1, &out)
        out.append(contentsOf: s.utf8); out.append(0)
        be32(0, &out); be32(0, &out)        // Unicode language code, count
        be16(0, &out); out.append(0)        // ScriptCode code, count
        out.append(contentsOf: repeatElement(0, count: 67))
        return out
    }

    /// `textType` (§6.5.18).
    static func text(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        ascii("text", &out); be32(0, &out)
        out.append(contentsOf: s.utf8); out.append(0)
        return out
    }

    /// `XYZType` with one value (§6.5.26).
    static func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
        var out: [UInt8] = []
        ascii("XYZ ", &out); be32(0, &out)
        s15Fixed16(x, &out); s15Fixed16(y, &out); s15Fixed16(z, &out)
        return out
    }

    /// `curveType` (§6.5.3) sampling the sRGB transfer function (IEC 61966-2.1): linear below
    /// 0.04045, else ((v + 0.055) / 1.055)^2.4.
    static func curve(entries: Int) -> [UInt8] {
        var out: [UInt8] = []
        ascii("curv", &out); be32(0, &out)
        be32(entries, &out)
        for i in 0..<entries {
            let v = Double(i) / Double(entries - 1)
            let linear = v <= 0.04045 ? v / 12.92 : pow24((v + 0.055) / 1.055)
            be16(Int((linear * 65535).rounded()), &out)
        }
        return out
    }

    /// x^2.4 without Foundation: x^2 · x^0.4, with x^0.4 = exp(0.4·ln x) via a short Newton/series-free route.
    static func pow24(_ x: Double) -> Double {
        guard x > 0 else { return 0 }
        // x^0.4 = (x^2)^(1/5): solve y^5 = x^2 by Newton's method.
        let target = x * x
        var y = x  // x in (0, 1]: a fine starting point
        for _ in 0..<60 {
            let y4 = y * y * y * y
            let next = y - (y4 * y - target) / (5 * y4)
            if abs(next - y) < 1e-15 { y = next; break }
            y = next
        }
        return x * x * y
    }

    static func be32(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v >> 24)); out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 8)); out.append(UInt8(truncatingIfNeeded: v))
    }
    static func be16(_ v: Int, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v >> 8)); out.append(UInt8(truncatingIfNeeded: v))
    }
    static func ascii(_ s: String, _ out: inout [UInt8]) { out.append(contentsOf: s.utf8) }
    static func s15Fixed16(_ v: Double, _ out: inout [UInt8]) { be32(Int((v * 65536).rounded()), &out) }
}
