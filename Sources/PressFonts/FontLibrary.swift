import Synchronization

/// Finds faces by family name in configured folders (then the system's), and loads each file once.
///
/// Discovery is lazy: the first `face(family:bold:italic:)` or `families` call scans the folders,
/// reading only each file's names and style flags (FreeType opens the header tables, not the
/// outlines). Loaded faces are cached per (resolved path, face index) for the life of the library,
/// so all workers and documents share one `FontFace` per file. Thread-safe.
public final class FontLibrary: Sendable {
    /// Folders searched first, in order (a family found here wins over the same family in system folders).
    public let searchPaths: [String]
    /// Whether `/usr/share/fonts`, `/usr/local/share/fonts` and `~/.fonts` are searched after `searchPaths`.
    public let includeSystemFonts: Bool

    private let loaded = Mutex<[FaceKey: FontFace]>([:])
    private let index = Mutex<FontIndex?>(nil)

    struct FaceKey: Hashable, Sendable {
        var path: String
        var index: Int
    }

    /// Creates a library over `searchPaths` (plus the system font folders when `includeSystemFonts`).
    public init(searchPaths: [String], includeSystemFonts: Bool = true) {
        self.searchPaths = searchPaths
        self.includeSystemFonts = includeSystemFonts
    }

    /// All folders searched, in priority order.
    public var allSearchPaths: [String] {
        includeSystemFonts ? searchPaths + FontLibrary.systemFontFolders : searchPaths
    }

    /// The system font folders on Linux.
    public static var systemFontFolders: [String] {
        var folders = ["/usr/share/fonts", "/usr/local/share/fonts"]
        if let home = FontPaths.homeDirectory { folders.append(home + "/.fonts"); folders.append(home + "/.local/share/fonts") }
        return folders
    }

    /// Loads face `index` of the font file at `path`, once per process per library (later calls
    /// return the same `FontFace`). Throws `FontError` naming the file and the reason.
    public func load(path: String, index: Int = 0) throws(FontError) -> FontFace {
        let key = FaceKey(path: FontPaths.canonical(path), index: index)
        if let face = loaded.withLock({ $0[key] }) { return face }
        let bytes = try FontFileReader.read(path)
        let face = try FontFace(data: bytes, index: index, name: path)
        // Two threads may race to load the same file; keep the first so identity stays unique.
        return loaded.withLock { faces in
            if let existing = faces[key] { return existing }
            faces[key] = face
            return face
        }
    }

    /// Number of distinct faces loaded so far (for tests and statistics).
    public var loadedFaceCount: Int { loaded.withLock { $0.count } }

    func fontIndex() -> FontIndex {
        if let existing = index.withLock({ $0 }) { return existing }
        let built = FontIndex.scan(folders: allSearchPaths)
        return index.withLock { slot in
            if let existing = slot { return existing }
            slot = built
            return built
        }
    }
}
