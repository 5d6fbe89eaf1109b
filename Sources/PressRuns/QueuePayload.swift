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
/// Layout: `0x80`, the archive's length (LEB128), the zlib stream. An entry that starts with a
/// `ValueArchive` tag byte (below `0x80`) is a plain archive, as queues written before kept them.
enum QueuePayload {
    static let deflated: UInt8 = 0x80

    static func encode(_ value: Value) -> [UInt8] {
        let archive = ValueArchive.encode(value)
        var out: [UInt8] = [deflated]
        var n = archive.count
        repeat {
            out.append(UInt8(n & 0x7F) | (n >= 0x80 ? 0x80 : 0))
            n >>= 7
        } while n > 0
        out += Deflate.compress(archive, level: 1)
        return out
    }

    static func decode(_ payload: [UInt8]) throws -> Value {
        guard payload.first == deflated else { return try ValueArchive.decode(payload) }
        var size = 0, shift = 0, i = 1
        while true {
            guard i < payload.count, shift < 63 else { throw DataError(.unsupported, "print queue entry: bad length") }
            let b = payload[i]
            size |= Int(b & 0x7F) << shift
            shift += 7
            i += 1
            if b & 0x80 == 0 { break }
        }
        guard size < 1 << 30, let archive = Deflate.decompress(Array(payload[i...]), exactSize: size) else {
            throw DataError(.unsupported, "print queue entry: not a valid compressed record")
        }
        return try ValueArchive.decode(archive)
    }
}
