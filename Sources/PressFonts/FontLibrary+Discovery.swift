/// The outcome of looking up a family and style, including whether a substitute style was used.
public struct FontMatch: Sendable {
    /// The face to use.
    public let face: FontFace
    /// Whether `face` has exactly the requested bold/italic style.
    public let isExactStyle: Bool
    /// The style that was asked for.
    public let requestedBold: Bool, requestedItalic: Bool
    /// Files of the family that were skipped because they failed to load (worth a warning).
    public let problems: [FontError]

    init(face: FontFace, isExactStyle: Bool, requestedBold: Bool, requestedItalic: Bool, problems: [FontError] = []) {
        self.face = face
        self.isExactStyle = isExactStyle
        self.requestedBold = requestedBold
        self.requestedItalic = requestedItalic
        self.problems = problems
    }

    /// A human-readable note for a layout warning when the style was substituted, else nil.
    public var substitutionNote: String? {
        guard !isExactStyle else { return nil }
        func name(_ bold: Bool, _ italic: Bool) -> String {
            switch (bold, italic) {
            case (true, true): "bold italic"
            case (true, false): "bold"
            case (false, true): "italic"
            case (false, false): "regular"
            }
        }
        return "font family '\(face.familyName)' has no \(name(requestedBold, requestedItalic)) face; using \(name(face.isBold, face.isItalic)) (\(face.postScriptName))"
    }
}

extension FontLibrary {
    /// The face of `family` with the requested style, falling back within the family
    /// (bold-italic -> bold -> italic -> regular). Throws `FontError.notFound` when the family is absent.
    public func face(family: String, bold: Bool, italic: Bool) throws(FontError) -> FontFace {
        try resolve(family: family, bold: bold, italic: italic).face
    }

    /// Like `face(family:bold:italic:)`, but also reports whether the style had to be substituted.
    public func resolve(family: String, bold: Bool, italic: Bool) throws(FontError) -> FontMatch {
        let key = StyleKey(family: family, bold: bold, italic: italic)
        if let match = resolved.withLock({ $0[key] }) { return match }
        let match = try resolveUncached(family: family, bold: bold, italic: italic)
        resolved.withLock { $0[key] = match }
        return match
    }

    private func resolveUncached(family: String, bold: Bool, italic: Bool) throws(FontError) -> FontMatch {
        var candidates = configuredFontIndex().entries(family: family)
        var best = FontIndex.best(candidates, bold: bold, italic: italic)
        if best?.exact != true, includeSystemFonts {
            // Only now pay for scanning the system folders.
            candidates += systemFontIndex().entries(family: family)
            best = FontIndex.best(candidates, bold: bold, italic: italic)
        }
        guard best != nil else { throw .notFound(family: family, searched: allSearchPaths) }
        // A file that indexed fine can still fail to load (truncated after its header, damaged
        // tables): skip it, take the next best face of the family, and report what was skipped.
        var problems: [FontError] = []
        while let (entry, exact) = best {
            do {
                let face = try load(path: entry.path, index: entry.index)
                return FontMatch(face: face, isExactStyle: exact, requestedBold: bold, requestedItalic: italic, problems: problems)
            } catch {
                problems.append(error)
                candidates.removeAll { $0.path == entry.path && $0.index == entry.index }
                best = FontIndex.best(candidates, bold: bold, italic: italic)
            }
        }
        throw problems[0]
    }

    /// Display names of every family found in the search folders, sorted.
    public var families: [String] {
        Set(configuredFontIndex().familyNames + systemFontIndex().familyNames).sorted()
    }

    /// Font files found during discovery that could not be indexed (garbage, truncated, unsupported).
    public var discoveryProblems: [FontError] { configuredFontIndex().problems + systemFontIndex().problems }

    /// Whether `family` exists in the search folders.
    public func hasFamily(_ family: String) -> Bool {
        !configuredFontIndex().entries(family: family).isEmpty || !systemFontIndex().entries(family: family).isEmpty
    }
}
