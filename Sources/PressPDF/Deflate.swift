internal import CZlib
internal import CDeflate
import Synchronization

/// zlib (RFC 1950) compression, which is exactly PDF's `/FlateDecode` (§7.4.4).
public enum Deflate {
    /// Compresses `data` at `level` (0 = store ... 9 = smallest) with libdeflate.
    ///
    /// libdeflate compresses a whole buffer in one call, several times faster than zlib at the same
    /// level and slightly smaller; PDF streams are always compressed whole, so zlib's streaming buys
    /// nothing here. Compressors of the fast levels (0.2-0.7 MB each) are pooled per level and reused
    /// across calls and threads; the output is a pure function of `data` and `level`.
    ///
    /// Level 9 ("smallest") runs libdeflate's level 12: only data compressed once and cached (font
    /// programs, ToUnicode maps, images, the ICC profile) asks for it, so the extra time is paid once. Its
    /// compressor (8.8 MB) is one, shared under a lock.
    public static func compress(_ data: [UInt8], level: Int = 6) -> [UInt8] {
        let level = level >= 9 ? 12 : max(0, level)
        if level >= 10 {
            // One shared compressor for the slow levels: libdeflate's near-optimal parser allocates ~8.8 MB
            // per compressor, and a pool kept one per worker that had ever needed it (18 MB of a run's peak,
            // and more or less of it depending on how the workers' cache misses happened to overlap). Only
            // cache misses come here, so waiting for the lock costs nothing measurable.
            return SlowCompressor.shared.withLock { c in
                if c == nil { c = DeflateCompressor(level: level) }
                return c!.compress(data)
            }
        }
        let compressor = CompressorPool.shared.take(level: level)
        defer { CompressorPool.shared.give(compressor, level: level) }
        return compressor.compress(data)
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

extension Deflate {
    /// Inflates zlib data whose inflated size is known exactly (stored beside it by whoever compressed it):
    /// one libdeflate call into a buffer of that size. Nil when the data is not a zlib stream of exactly
    /// `size` bytes.
    public static func decompress(_ data: [UInt8], exactSize size: Int) -> [UInt8]? {
        guard size >= 0, let d = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(d) }
        var ok = false
        let out = data.withUnsafeBufferPointer { input in
            [UInt8](unsafeUninitializedCapacity: size) { output, count in
                var actual = 0
                let result = libdeflate_zlib_decompress(d, input.baseAddress, input.count, output.baseAddress, size, &actual)
                ok = result == LIBDEFLATE_SUCCESS && actual == size
                count = ok ? size : 0
            }
        }
        return ok ? out : nil
    }
}

/// One libdeflate compressor (not thread-safe: used by one call at a time), with its output scratch buffer.
final class DeflateCompressor: @unchecked Sendable {
    let pointer: OpaquePointer
    /// libdeflate needs room for its worst case (a little more than the input); the result is copied out at
    /// its exact size. Why: an array made at the bound's capacity keeps that capacity, so a 20 KB content
    /// stream that compresses to 3 KB held 20 KB for as long as it lived (a print file's letters wait as
    /// compressed streams: 7 MB of a run's peak heap).
    private var scratch: [UInt8] = []

    init(level: Int) {
        guard let p = libdeflate_alloc_compressor(Int32(level)) else { preconditionFailure("libdeflate: out of memory") }
        pointer = p
    }
    deinit { libdeflate_free_compressor(pointer) }

    func compress(_ data: [UInt8]) -> [UInt8] {
        let bound = libdeflate_zlib_compress_bound(pointer, data.count)
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: bound) }
        let count = data.withUnsafeBufferPointer { input in
            scratch.withUnsafeMutableBufferPointer { output in
                libdeflate_zlib_compress(pointer, input.baseAddress, input.count, output.baseAddress, bound)
            }
        }
        // The bound is libdeflate's guarantee for incompressible input.
        precondition(count > 0, "libdeflate: output exceeded its own bound")
        let result = Array(scratch[0..<count])
        // A scratch buffer grown for one big input (a print file's object stream) is not kept.
        if scratch.count > 1 << 20 { scratch = [] }
        return result
    }
}

/// The shared compressor of the slow levels (created on first use).
enum SlowCompressor {
    static let shared = Mutex<DeflateCompressor?>(nil)
}

/// Idle compressors by level: allocating one costs more than compressing a page's content stream.
/// Holds at most as many as ran at once (one per worker and level).
final class CompressorPool: Sendable {
    static let shared = CompressorPool()
    private let idle = Mutex<[[DeflateCompressor]]>(Array(repeating: [], count: 13))

    func take(level: Int) -> DeflateCompressor {
        idle.withLock { $0[level].popLast() } ?? DeflateCompressor(level: level)
    }

    func give(_ compressor: DeflateCompressor, level: Int) {
        idle.withLock { $0[level].append(compressor) }
    }
}
