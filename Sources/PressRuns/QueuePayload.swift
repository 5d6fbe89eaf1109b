import PressData
import PressPDF

/// The bytes a print-queue entry keeps of its record: the `ValueArchive` of the record, deflated.
///
/// Why compressed: a queued record is written to the queue's WAL, copied into its file at checkpoint and
/// zeroed again when its letter is printed (`secure_delete`), so every byte is written about four times.
/// The bench invoices are 8.5 KB of JSON each; their archives deflate about threefold at level 1, which cuts
/// the queue's share of a run's disk writes (measured: 26 MB of 62 MB for 1,000 records) and its size on disk
/// (gigabytes for a million-record run) for a few microseconds of CPU per record.
///
/// Layout: `0x80`, the archive's length (4 bytes, little-endian: libdeflate inflates into a buffer of exactly
/// that size), the zlib stream. An entry that starts with a `ValueArchive` tag byte (below `0x80`) is a plain
/// archive, as queues written before kept them.
enum QueuePayload {
    static let deflated: UInt8 = 0x80
    /// Records larger than this are not queued compressed (a record is bounded far below by the readers).
    static let maximumSize = 1 << 30

    static func encode(_ value: Value) -> [UInt8] {
        let archive = ValueArchive.encode(value)
        precondition(archive.count < maximumSize, "a queued record of \(archive.count) bytes")
        var out: [UInt8] = [deflated]
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: archive.count >> shift)) }
        out += Deflate.compress(archive, level: 1)
        return out
    }

    static func decode(_ payload: [UInt8]) throws -> Value {
        guard payload.first == deflated else { return try ValueArchive.decode(payload) }
        guard payload.count > 5 else { throw DataError(.unsupported, "print queue entry: truncated") }
        let size = (1...4).reduce(0) { $0 | Int(payload[$1]) << (8 * ($1 - 1)) }
        guard size < maximumSize, let archive = Deflate.decompress(Array(payload[5...]), exactSize: size) else {
            throw DataError(.unsupported, "print queue entry: not a valid compressed record")
        }
        return try ValueArchive.decode(archive)
    }
}
