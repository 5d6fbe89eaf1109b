import Synchronization

/// Finds faces by family name in configured folders (then the system's), and loads each file once.
///
/// Discovery is lazy: the first `face(family:bold:italic:)` or `families` call scans the folders,
/// reading only each file's names and style flags (FreeType opens the header tables, not the
/// outlines); system folders are scanned only when the configured folders lack the exact face. Loaded faces are cached per (resolved path, face index) for the life of the library,
/// so all workers and documents share one `FontFace` per file. Thread-safe.
public final class FontLibrary: Sendable {
    /// Folders searched first, in order (a family found here wins over the same family in system folders).
    public let searchPaths: [String]
    /// Whether `/usr/share/fonts`, `/usr/local/share/fonts` and `~/.fonts` are searched after `searchPaths`.
    public let includeSystemFonts: Bool

    private let loaded = Mutex<[FaceKey: FontFace]>([:])
    /// Two tiers, scanned lazily and separately: the configured folders (small, scanned on first
    /// use) and the system folders (possibly thousands of files, scanned only when a lookup is not
    /// satisfied exactly by the configured folders, or when `families` is asked for).
    private let configuredIndex = Mutex<FontIndex?>(nil)
    private let systemIndex = Mutex<FontIndex?>(nil)

    /// Memo of `resolve(family:bold:italic:)`: layout asks for the same few styles in every document.
    let resolved = Mutex<[StyleKey: FontMatch]>([:])

    struct StyleKey: Hashable, Sendable {
        var family: String
        var bold: Bool
        var italic: Bool
    }

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

    /// Loads face `index` of the font file at `path`. Each file is read and parsed once per process:
    /// later calls (from this or any other `FontLibrary`) return the same `FontFace` as long as the
    /// file is unchanged (same device, inode, size and modification time). Throws `FontError`
    /// naming the file and the reason.
    public func load(path: String, index: Int = 0) throws(FontError) -> FontFace {
        let key = FaceKey(path: path, index: index)
        if let face = loaded.withLock({ $0[key] }) { return face }
        let face = try LoadedFaceStore.shared.face(path: path, index: index)
        return loaded.withLock { faces in
            if let existing = faces[key] { return existing }
            faces[key] = face
            return face
        }
    }

    /// Number of distinct faces this library has handed out (for tests and statistics).
    public var loadedFaceCount: Int { loaded.withLock { Set($0.values.map(ObjectIdentifier.init)).count } }

    /// The index of the configured folders (scanned on first use).
    func configuredFontIndex() -> FontIndex {
        FontLibrary.index(configuredIndex) { FontIndex.scan(folders: searchPaths, priorityOffset: 0) }
    }

    /// Whether the system folders have been scanned yet (for tests and statistics).
    var hasScannedSystemFonts: Bool { systemIndex.withLock { $0 != nil } }

    /// The index of the system folders (scanned on first use); empty when system fonts are excluded.
    func systemFontIndex() -> FontIndex {
        guard includeSystemFonts else { return FontIndex.empty }
        return FontLibrary.index(systemIndex) {
            FontIndex.scan(folders: FontLibrary.systemFontFolders, priorityOffset: searchPaths.count, skipping: Set(searchPaths.map(FontPaths.canonical)))
        }
    }

    private static func index(_ slot: borrowing Mutex<FontIndex?>, build: () -> FontIndex) -> FontIndex {
        if let existing = slot.withLock({ $0 }) { return existing }
        // Scan outside the lock; if two threads race, the first result wins and both use it.
        let built = build()
        return slot.withLock { value in
            if let existing = value { return existing }
            value = built
            return built
        }
    }
}
