internal import CZlib

/// zlib (RFC 1950) compression, which is exactly PDF's `/FlateDecode` (§7.4.4).
public enum Deflate {
    /// Compresses `data` at `level` (0 = store ... 9 = smallest; 6 is zlib's default).
    ///
    /// The window and hash table are sized to the input: zlib's defaults (32 KB window, 64 K-entry
    /// hash) cost ~300 KB of allocation and a 128 KB memset per call, which dominated the time
    /// for the 2-10 KB content streams of a page. A window no smaller than the input loses nothing.
    public static func compress(_ data: [UInt8], level: Int = 6) -> [UInt8] {
        var windowBits: Int32 = 9
        while windowBits < 15 && (1 << windowBits) < data.count { windowBits += 1 }
        let memLevel = max(1, min(8, windowBits - 7))
        var stream = z_stream()
        guard czlib_deflateInit2(&stream, Int32(max(0, min(9, level))), windowBits, memLevel, Z_DEFAULT_STRATEGY) == Z_OK else {
            preconditionFailure("zlib deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))))
        let status = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out -> Int32 in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        // deflateBound guarantees room for a single Z_FINISH call.
        precondition(status == Z_STREAM_END, "zlib deflate failed with status \(status)")
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Inflates zlib data; returns nil when the input is not a valid zlib stream (used by tests and checks).
    public static func decompress(_ data: [UInt8], limit: Int = 1 << 28) -> [UInt8]? {
        var stream = z_stream()
        guard czlib_inflateInit2(&stream, 15) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return data.withUnsafeBufferPointer { input -> [UInt8]? in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                let status = chunk.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                result.append(contentsOf: chunk[0..<produced])
                if result.count > limit { return nil }
                if status == Z_STREAM_END { return result }
                if status != Z_OK { return nil }
                if produced == 0 && stream.avail_in == 0 { return nil }
            }
        }
    }
}
