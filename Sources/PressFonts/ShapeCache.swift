import Synchronization

/// A bounded, sharded, thread-safe memo of shaped strings for one face.
///
/// Business documents shape the same short strings over and over (labels, words, amounts), so a
/// hit turns a ~10 µs `hb_shape` into a dictionary lookup. Sharding by the key's hash keeps two
/// workers from contending on one lock. Each shard is cleared wholesale when it reaches its bound:
/// cheaper than LRU bookkeeping and, for a working set that fits, it simply never triggers.
final class ShapeCache: Sendable {
    /// Cache key; hashes the text once (for the shard choice) and reuses that value in the shard's
    /// dictionary, so a lookup walks the string's bytes once for hashing plus once for `==`.
    ///
    /// Keyed by the UTF-8 bytes, not by `String` equality: String hashing and `==` normalise
    /// non-ASCII text (ä, ł, ß ...) on every call, and HarfBuzz shapes bytes anyway (canonically
    /// equivalent but differently encoded strings may shape differently, so they are different keys).
    struct Key: Hashable, Sendable {
        let text: String
        let language: String?
        let hash: Int

        init(text: String, language: String?) {
            var text = text
            var hasher = Hasher()
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            hasher.combine(language)
            hash = hasher.finalize()
            self.text = text
            self.language = language
        }

        static func == (a: Key, b: Key) -> Bool {
            guard a.hash == b.hash, a.language == b.language else { return false }
            var x = a.text, y = b.text
            return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && p.elementsEqual(q) } }
        }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
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

    private final class Shard: Sendable {
        let entries = Mutex<[Key: ShapedText]>([:])
    }

    private let shards: [Shard] = (0..<ShapeCache.shardCount).map { _ in Shard() }
    private let bound: Int

    /// Creates an empty cache holding at most `entriesPerShard` strings per shard.
    init(entriesPerShard: Int = ShapeCache.entriesPerShard) { bound = entriesPerShard }

    func shaped(_ key: Key, shape: () -> ShapedText) -> ShapedText {
        guard key.text.utf8.count <= ShapeCache.maximumCachedLength else { return shape() }
        let shard = shards[Int(UInt(bitPattern: key.hash) % UInt(ShapeCache.shardCount))]
        if let hit = shard.entries.withLock({ $0[key] }) { return hit }
        // Shape outside the lock: two workers may both shape a new string once; that is harmless.
        let result = shape()
        shard.entries.withLock { entries in
            if entries.count >= bound { entries.removeAll(keepingCapacity: true) }
            entries[key] = result
        }
        return result
    }

    /// Number of cached strings (for tests and statistics).
    var count: Int { shards.reduce(0) { total, shard in total + shard.entries.withLock { $0.count } } }

    func removeAll() { for shard in shards { shard.entries.withLock { $0.removeAll() } } }
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
        if let plain = plainShaper.shape(text) { return plain }
        return shapeCache.shaped(ShapeCache.Key(text: text, language: language)) {
            harfBuzz.shape(text, language: language)
        }
    }

    /// Shapes without consulting or filling the cache (benchmarks, tests).
    public func shapeUncached(_ text: String, language: String? = nil) -> ShapedText {
        if text.isEmpty { return ShapedText(glyphs: [], advance: 0) }
        return harfBuzz.shape(text, language: language)
    }

    /// Number of strings currently memoised by `shape(_:language:)`.
    public var shapeCacheCount: Int { shapeCache.count }
}
