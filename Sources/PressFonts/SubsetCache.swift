import Synchronization

/// Subsets already built for one face, keyed by glyph set (bounded; cleared when full).
final class SubsetCache: Sendable {
    static let capacity = 512
    let entries = Mutex<[Set<GlyphID>: FontSubset]>([:])
}
