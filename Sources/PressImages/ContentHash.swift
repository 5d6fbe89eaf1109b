/// A deterministic 128-bit content hash rendered as 32 hex digits (same bytes -> same id, every run).
///
/// Two independent 64-bit multiply-xorshift lanes over 8-byte words: fast (~1 GB/s) and stable,
/// unlike Swift's per-process-seeded `Hasher`. Used to deduplicate images across documents.
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0x243F_6A88_85A3_08D3
        var b: UInt64 = 0x1319_8A2E_0370_7344
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
                a = mix(a ^ (word &* 0x9E37_79B9_7F4A_7C15))
                b = mix(b &+ (word ^ 0xC2B2_AE3D_27D4_EB4F)) ^ a
                offset += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                tail |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            a = mix(a ^ tail ^ UInt64(raw.count))
            b = mix(b ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(raw.count) ^ a)
        }
        return hex64(mix(a)) + hex64(mix(b))
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex64(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        for i in 0..<16 { out[15 - i] = digits[Int((value >> (UInt64(i) * 4)) & 0xF)] }
        return String(decoding: out, as: UTF8.self)
    }
}
