/// A fast, deterministic 128-bit content hash (not cryptographic) used to derive the trailer
/// `/ID` and subset-independent cache keys. Two independent 64-bit lanes mixed per 8-byte word.
public struct ContentHash: Sendable {
    private var a: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private var length: UInt64 = 0

    public init() {}

    /// Feeds bytes.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            word |= UInt64(byte) << shift
            shift += 8
            if shift == 64 {
                mix(word)
                word = 0
                shift = 0
            }
        }
        if shift != 0 { mix(word ^ (shift << 56)) }
        length &+= UInt64(bytes.count)
    }

    /// Feeds a contiguous byte array (fast path: 8 bytes per step).
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            let count = raw.count
            var index = 0
            while index + 8 <= count {
                mix(UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            if index < count {
                var word: UInt64 = 0
                var shift: UInt64 = 0
                while index < count { word |= UInt64(raw[index]) << shift; shift += 8; index += 1 }
                mix(word ^ (shift << 56))
            }
        }
        length &+= UInt64(bytes.count)
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        a = (a ^ word) &* 0xFF51_AFD7_ED55_8CCD
        a = (a << 31) | (a >> 33)
        b = (b &+ word) &* 0xC4CE_B9FE_1A85_EC53
        b = (b << 29) | (b >> 35)
        b &+= a
    }

    /// The 16-byte digest.
    public func finalize() -> [UInt8] {
        var x = a ^ length
        var y = b ^ (length &* 0x9E37_79B9_7F4A_7C15)
        x = Self.avalanche(x &+ y)
        y = Self.avalanche(y ^ x)
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: x >> (UInt64(i) * 8))) }
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: y >> (UInt64(i) * 8))) }
        return out
    }

    private static func avalanche(_ v: UInt64) -> UInt64 {
        var h = v
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
