import Synchronization

/// A bounded, sharded, thread-safe memo of shaped strings for one face.
///
/// Business documents shape the same short strings over and over (labels, words, amounts), so a
/// hit turns a ~10 µs `hb_shape` into a table lookup. Sharding by the key's hash keeps two
/// workers from contending on one lock. Each shard is cleared wholesale when it reaches its bound:
/// cheaper than LRU bookkeeping and, for a working set that fits, it simply never triggers.
///
/// Keyed by the UTF-8 bytes and the language, looked up straight from a byte buffer: callers that
/// cut words out of a paragraph's bytes need no `String` per word. Each shard is a small open-addressing
/// table with its key bytes in one arena: a `Dictionary` with a `String` key hashed every word twice
/// (SipHash for the key, again for the bucket), made a `String` per word and compared through
/// `withUTF8`, which cost more than the rest of laying out a table cell. (Canonically equivalent but
/// differently encoded strings are different keys: HarfBuzz shapes bytes, and may shape them differently.)
final class ShapeCache: Sendable {
    /// A string key (tests and the `String` entry point).
    struct Key: Sendable {
        let text: String
        let language: String?

        init(text: String, language: String?) {
            self.text = text
            self.language = language
        }
    }

    /// Strings longer than this (UTF-8 bytes) are shaped but not cached: long runs rarely repeat.
    static let maximumCachedLength = 96
    /// 16 shards x 128 entries = 2,048 distinct strings per face: the hot set of a document family (labels,
    /// units, item texts) is far smaller, and names, addresses and amounts rarely repeat. Larger bounds only
    /// filled up with such one-off strings, so memory kept growing for tens of thousands of documents:
    /// pipeline peak RSS 1k -> 10k records was 112 -> 128 MiB with 1024 per shard, 113 -> 119 MiB with 128
    /// (and 150 -> 185 MiB at 30k with 4096); the template bench over 10k invoices used the same CPU
    /// (12.0 s either way) and 11 MiB less.
    static let shardCount = 16
    static let entriesPerShard = 128

    private let shards: [Shard]
    private let bound: Int

    /// Creates an empty cache holding at most `entriesPerShard` strings per shard.
    init(entriesPerShard: Int = ShapeCache.entriesPerShard) {
        bound = max(1, entriesPerShard)
        shards = (0..<ShapeCache.shardCount).map { _ in Shard(bound: max(1, entriesPerShard)) }
    }

    /// The cached shaping of `key`, or `shape()` (stored when the text is short enough).
    func shaped(_ key: Key, shape: () -> ShapedText) -> ShapedText {
        var text = key.text
        return text.withUTF8 { bytes in shaped(bytes, language: key.language) { _ in shape() } }
    }

    /// The cached shaping of the UTF-8 `bytes` in `language`; on a miss `shape(bytes)` is called
    /// outside the lock and its result stored (when the text is short enough).
    func shaped(_ bytes: UnsafeBufferPointer<UInt8>, language: String?,
                shape: (UnsafeBufferPointer<UInt8>) -> ShapedText) -> ShapedText {
        guard bytes.count <= ShapeCache.maximumCachedLength, bytes.count > 0 else { return shape(bytes) }
        let hash = ShapeCache.hash(bytes)
        // Top bits choose the shard, low bits the slot: independent bits of one well-mixed hash.
        let shard = shards[Int(truncatingIfNeeded: hash >> 60) & (ShapeCache.shardCount - 1)]
        if let hit = shard.table.withLock({ $0.find(hash, bytes, language) }) { return hit }
        // Shape outside the lock: two workers may both shape a new string once; that is harmless.
        let result = shape(bytes)
        shard.table.withLock { $0.insert(hash, bytes, language, result) }
        return result
    }

    /// Number of cached strings (for tests and statistics).
    var count: Int { shards.reduce(0) { total, shard in total + shard.table.withLock { $0.count } } }

    func removeAll() { for shard in shards { shard.table.withLock { $0.removeAll() } } }

    /// A 64-bit hash of `bytes` (8 bytes per step, then a final avalanche). Not seeded: the tables are
    /// bounded, so colliding keys cost at most a longer probe, never unbounded work.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(truncatingIfNeeded: n)
        guard let base = bytes.baseAddress else { return h | 1 }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0, shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
        }
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return h | 1   // 0 marks an empty slot
    }
}

private final class Shard: Sendable {
    let table: Mutex<ShapeTable>
    init(bound: Int) { table = Mutex(ShapeTable(bound: bound)) }
}

/// One shard: linear probing over twice as many slots as entries (so a probe is short), keys in `arena`.
private struct ShapeTable {
    struct Slot {
        /// 0: empty.
        var hash: UInt64 = 0
        var offset: Int32 = 0
        var length: Int32 = 0
        var language: String? = nil
        var value = ShapedText(glyphs: [], advance: 0)
    }

    var slots: [Slot]
    var arena: [UInt8] = []
    var count = 0
    let bound: Int
    let mask: Int

    init(bound: Int) {
        self.bound = bound
        var capacity = 8
        while capacity < 2 * bound { capacity *= 2 }
        mask = capacity - 1
        slots = Array(repeating: Slot(), count: capacity)
    }

    func find(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, _ language: String?) -> ShapedText? {
        var i = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                while true {
                    let slot = slots[i]
                    if slot.hash == 0 { return nil }
                    if slot.hash == hash, Int(slot.length) == bytes.count, slot.language == language,
                       ShapeTable.equal(arena.baseAddress! + Int(slot.offset), bytes) {
                        return slot.value
                    }
                    i = (i + 1) & mask
                }
            }
        }
    }

    mutating func insert(_ hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>, _ language: String?, _ value: ShapedText) {
        // Another worker may have stored it meanwhile: keep one entry per key.
        if find(hash, bytes, language) != nil { return }
        if count >= bound { removeAll() }
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].hash != 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: hash, offset: Int32(arena.count), length: Int32(bytes.count), language: language, value: value)
        arena.append(contentsOf: bytes)
        count += 1
    }

    mutating func removeAll() {
        for i in slots.indices where slots[i].hash != 0 { slots[i] = Slot() }
        arena.removeAll(keepingCapacity: true)
        count = 0
    }

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        let p = UnsafeRawPointer(a), q = UnsafeRawPointer(b.baseAddress!)
        var i = 0
        while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self) != q.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
                return false
            }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }
}

extension FontFace {
    /// Shapes `text` with HarfBuzz: OpenType kerning (`kern`/GPOS) and standard ligatures on.
    ///
    /// Returns glyphs in font units with `cluster` = UTF-8 byte offset into `text`. `language` is a
    /// BCP 47 tag (e.g. `"de"`, `"pl"`) that may select language-specific forms; script and direction
    /// are guessed from the text. Results are memoised per face (bounded), so repeated strings are
    /// a lookup; strings of digits and number punctuation that the face provably shapes without
    /// kerning or substitution skip HarfBuzz and the memo (see `PlainShaper`). Thread-safe.
    public func shape(_ text: String, language: String? = nil) -> ShapedText {
        if text.isEmpty { return ShapedText(glyphs: [], advance: 0) }
        var text = text
        return text.withUTF8 { shape(utf8: $0, language: language) }
    }

    /// `shape(_:language:)` of the valid UTF-8 text in `utf8` (e.g. a word cut out of a paragraph's
    /// bytes): the same result, without making a `String` unless HarfBuzz has to shape it.
    public func shape(utf8: UnsafeBufferPointer<UInt8>, language: String? = nil) -> ShapedText {
        if utf8.isEmpty { return ShapedText(glyphs: [], advance: 0) }
        if let plain = plainShaper.shape(utf8) { return plain }
        return shapeCache.shaped(utf8, language: language) { bytes in
            harfBuzz.shape(String(decoding: bytes, as: UTF8.self), language: language)
        }
    }

    /// Appends the glyphs `shape(utf8:language:)` gives for `utf8` to `glyphs`, their clusters offset
    /// by `clusterBase` (the word's offset in a longer text), and returns their advance (font units),
    /// or nil when a glyph is missing from the face (`.notdef`; what was appended is then unspecified).
    /// For words set one after the other on a line: no array per word.
    public func appendShaped(utf8: UnsafeBufferPointer<UInt8>, language: String? = nil,
                             to glyphs: inout [ShapedGlyph], clusterBase: UInt32) -> Int? {
        if utf8.isEmpty { return 0 }
        if let advance = plainShaper.append(utf8, to: &glyphs, clusterBase: clusterBase) { return advance }
        let shaped = shapeCache.shaped(utf8, language: language) { bytes in
            harfBuzz.shape(String(decoding: bytes, as: UTF8.self), language: language)
        }
        for var g in shaped.glyphs {
            if g.id.rawValue == 0 { return nil }
            g.cluster += clusterBase
            glyphs.append(g)
        }
        return shaped.advance
    }

    /// Shapes without consulting or filling the cache (benchmarks, tests).
    public func shapeUncached(_ text: String, language: String? = nil) -> ShapedText {
        if text.isEmpty { return ShapedText(glyphs: [], advance: 0) }
        return harfBuzz.shape(text, language: language)
    }

    /// Number of strings currently memoised by `shape(_:language:)`.
    public var shapeCacheCount: Int { shapeCache.count }
}
