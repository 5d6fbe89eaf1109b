/// Reads tables out of a (trusted, just-built) single-face sfnt file.
enum SFNTTableReader {
    static func table(_ tag: String, in bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 12 else { return nil }
        let wanted = SFNTDirectory.tagValue(tag)
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        for i in 0..<count {
            let r = 12 + 16 * i
            guard r + 16 <= bytes.count else { return nil }
            let tag = bytes[r..<r + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard tag == wanted else { continue }
            let offset = Int(bytes[r + 8..<r + 12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            let length = Int(bytes[r + 12..<r + 16].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
            guard offset + length <= bytes.count else { return nil }
            return Array(bytes[offset..<offset + length])
        }
        return nil
    }

    /// `maxp.numGlyphs`.
    static func glyphCount(in bytes: [UInt8]) -> Int? {
        guard let maxp = table("maxp", in: bytes), maxp.count >= 6 else { return nil }
        return Int(maxp[4]) << 8 | Int(maxp[5])
    }

    /// Tags of all tables, in directory order.
    static func tags(in bytes: [UInt8]) -> [String] {
        guard bytes.count >= 12 else { return [] }
        let count = Int(bytes[4]) << 8 | Int(bytes[5])
        return (0..<count).compactMap { i in
            let r = 12 + 16 * i
            guard r + 16 <= bytes.count else { return nil }
            return String(decoding: bytes[r..<r + 4], as: UTF8.self)
        }
    }
}
