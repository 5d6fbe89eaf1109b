/// The result of a cheap discovery scan: which face of which file has which family and style.
struct FontIndex: Sendable {
    struct Entry: Sendable {
        var family: String
        var style: String
        var isBold: Bool
        var isItalic: Bool
        var weight: Int
        var path: String
        var index: Int
        /// Position of the search folder the file was found in (0 = highest priority).
        var priority: Int
    }

    /// Entries by normalised family name (see `normalise`), in scan order.
    var byFamily: [String: [Entry]]
    /// Display names of all families, sorted.
    var familyNames: [String]
    /// Files that looked like fonts but could not be indexed (with the reason).
    var problems: [FontError]

    /// Font files Presswork indexes, by lowercased extension.
    static let extensions: Set<String> = ["ttf", "otf", "ttc", "otc"]

    /// Family lookup is case-, space-, hyphen- and underscore-insensitive: "DejaVu Sans" == "dejavusans".
    static func normalise(_ family: String) -> String {
        String(String.UnicodeScalarView(family.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" }))
    }

    static let empty = FontIndex(byFamily: [:], familyNames: [], problems: [])

    /// Indexes every font file below `folders`; `priorityOffset` numbers the folders after those of
    /// another tier; files under `skipping` (canonical folder paths) were indexed by that tier.
    static func scan(folders: [String], priorityOffset: Int, skipping: Set<String> = []) -> FontIndex {
        var byFamily: [String: [Entry]] = [:]
        var display: [String: String] = [:]
        var problems: [FontError] = []
        var seen = Set<String>()
        for (position, folder) in folders.enumerated() {
            let priority = priorityOffset + position
            for path in FontPaths.files(under: folder) {
                guard let dot = path.lastIndex(of: "."),
                      extensions.contains(path[path.index(after: dot)...].lowercased()) else { continue }
                let canonical = FontPaths.canonical(path)
                guard seen.insert(canonical).inserted,
                      !skipping.contains(where: { canonical.hasPrefix($0 + "/") }) else { continue }
                var faceIndex = 0
                var faceCount = 1
                while faceIndex < faceCount {
                    do {
                        let info = try FontMetricsReader.describe(path: path, index: faceIndex)
                        faceCount = min(info.faceCount, 64)
                        let entry = Entry(
                            family: info.familyName, style: info.styleName, isBold: info.isBold,
                            isItalic: info.isItalic, weight: info.weight, path: path,
                            index: faceIndex, priority: priority)
                        // Register under FreeType's family name and the name table's other family names,
                        // so "LM Sans 10" and "Latin Modern Sans" both find Latin Modern Sans 10.
                        var keys: [String] = []
                        for name in [info.familyName] + info.familyAliases {
                            let key = normalise(name)
                            guard !key.isEmpty, !keys.contains(key) else { continue }
                            keys.append(key)
                            byFamily[key, default: []].append(entry)
                            if name == info.familyName, display[key] == nil { display[key] = name }
                        }
                    } catch {
                        problems.append(error)
                        break
                    }
                    faceIndex += 1
                }
            }
        }
        return FontIndex(byFamily: byFamily, familyNames: Set(display.values).sorted(), problems: problems)
    }

    /// Best entry of `family` for the wanted style, and whether it matches the style exactly.
    ///
    /// Preference when the exact style is missing: bold-italic -> bold -> italic -> regular
    /// (keeping the weight is more visible than keeping the slant); italic -> regular; bold -> regular.
    /// Among equal styles: normal width and the weight nearest 400/700, then the earlier search folder.
    func entries(family: String) -> [Entry] { byFamily[FontIndex.normalise(family)] ?? [] }

    static func best(_ entries: [Entry], bold: Bool, italic: Bool) -> (entry: Entry, exact: Bool)? {
        guard !entries.isEmpty else { return nil }
        func cost(_ e: Entry) -> Int {
            var cost = 0
            if e.isBold != bold { cost += 2000 }
            if e.isItalic != italic { cost += 1000 }
            cost += abs(e.weight - (bold ? 700 : 400))          // 0...600
            if FontIndex.hasWidthVariant(e.style) { cost += 300 }
            return cost * 64 + min(e.priority, 63)
        }
        var best = entries[0]
        var bestCost = cost(best)
        for entry in entries.dropFirst() {
            let c = cost(entry)
            if c < bestCost { best = entry; bestCost = c }
        }
        return (best, best.isBold == bold && best.isItalic == italic)
    }

    static func hasWidthVariant(_ style: String) -> Bool {
        let s = style.lowercased()
        return s.contains("condensed") || s.contains("narrow") || s.contains("expanded")
            || s.contains("extended") || s.contains("compressed")
    }
}
