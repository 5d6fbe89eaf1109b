internal import CZlib

/// zlib (RFC 1950) compression, which is exactly PDF's `/FlateDecode` (§7.4.4).
public enum Deflate {
    /// Compresses `data` at `level` (0 = store ... 9 = smallest; 6 is zlib's default).
    public static func compress(_ data: [UInt8], level: Int = 6) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(compressBound(uLong(data.count))))
        var length = uLongf(output.count)
        let status = data.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(input.count),
                          Int32(max(0, min(9, level))))
            }
        }
        // compress2 can only fail for a bad level or too small a buffer; both are excluded above.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        output.removeLast(output.count - Int(length))
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
