/// Everything that can go wrong finding, loading or subsetting a font.
///
/// Every case that concerns a file names it, so a user can see which file of a font folder is broken.
public enum FontError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No face of `family` exists in the searched folders.
    case notFound(family: String, searched: [String])
    /// The file could not be read (missing, permissions, a directory, I/O error).
    case unreadable(file: String, reason: String)
    /// The bytes are not a usable TrueType/OpenType font (bad magic, bad tables, rejected by FreeType).
    case corrupt(file: String, reason: String)
    /// The file is shorter than its own table directory says (a cut-off download or copy).
    case truncated(file: String, reason: String)
    /// A font format Presswork does not load (WOFF/WOFF2, bitmap-only, Type 1).
    case unsupported(file: String, reason: String)
    /// A `.ttc` collection has no face at the requested index.
    case noSuchFace(file: String, index: Int, count: Int)
    /// HarfBuzz could not build a subset of the font.
    case subsetFailed(font: String, reason: String)

    /// A short machine-readable code.
    public var code: String {
        switch self {
        case .notFound: "font.not-found"
        case .unreadable: "font.unreadable"
        case .corrupt: "font.corrupt"
        case .truncated: "font.truncated"
        case .unsupported: "font.unsupported"
        case .noSuchFace: "font.no-such-face"
        case .subsetFailed: "font.subset-failed"
        }
    }

    /// The file the error is about, if any.
    public var file: String? {
        switch self {
        case .notFound, .subsetFailed: nil
        case .unreadable(let file, _), .corrupt(let file, _), .truncated(let file, _),
             .unsupported(let file, _), .noSuchFace(let file, _, _): file
        }
    }

    /// A one-line human-readable message (with a hint where one helps).
    public var description: String {
        switch self {
        case .notFound(let family, let searched):
            let folders = searched.isEmpty ? "no font folders configured" : searched.joined(separator: ", ")
            return "font family '\(family)' not found (searched: \(folders)); hint: install the font or add its folder to the font paths"
        case .unreadable(let file, let reason): return "cannot read font file \(file): \(reason)"
        case .corrupt(let file, let reason): return "corrupt font file \(file): \(reason)"
        case .truncated(let file, let reason): return "truncated font file \(file): \(reason)"
        case .unsupported(let file, let reason): return "unsupported font file \(file): \(reason)"
        case .noSuchFace(let file, let index, let count):
            return "font file \(file) has \(count) face(s); there is no face at index \(index)"
        case .subsetFailed(let font, let reason): return "cannot subset font \(font): \(reason)"
        }
    }
}
