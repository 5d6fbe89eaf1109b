/// A glyph index inside one font face (the `glyf`/`CFF` charstring index, 0 = `.notdef`).
public struct GlyphID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The raw 16-bit glyph index (OpenType glyph ids are 16 bit).
    public var rawValue: UInt16

    /// Wraps a raw glyph index.
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    /// Wraps a raw glyph index.
    @inlinable public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The `.notdef` glyph, always index 0; a subset keeps it at 0.
    public static let notdef = GlyphID(0)

    @inlinable public static func < (lhs: GlyphID, rhs: GlyphID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { "gid\(rawValue)" }
}

/// Stable identity of a face: a 64-bit hash of the font file bytes plus the face index in a collection.
///
/// The same file gives the same id in every process (it is a content hash, not a pointer), so it can
/// key caches shared across documents and feed deterministic subset tags.
public struct FontID: Hashable, Sendable, CustomStringConvertible {
    /// Content hash of the whole font file (see `StableHash`).
    public let fileHash: UInt64
    /// Face index inside a `.ttc` collection; 0 for a single-face file.
    public let index: Int

    /// Creates an id from a file hash and a face index.
    public init(fileHash: UInt64, index: Int) {
        self.fileHash = fileHash
        self.index = index
    }

    /// 16 lowercase hex digits of the hash, then `#index` when the index is not 0.
    public var description: String {
        let hex = String(fileHash, radix: 16)
        let padded = String(repeating: "0", count: 16 - hex.count) + hex
        return index == 0 ? padded : "\(padded)#\(index)"
    }
}
