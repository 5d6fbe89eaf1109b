// Per-document layout state: fonts, styles, warnings, page numbers. Not shared across documents.
internal import PressFonts
import Synchronization

/// Faces resolved by (family, bold, italic), shared by all documents of one engine: resolving a family
/// in the `FontLibrary` index costs microseconds, a hit here a dictionary lookup.
final class FaceCache: Sendable {
    struct Key: Hashable, Sendable {
        var family: String
        var bold: Bool
        var italic: Bool
    }
    private let faces = Mutex<[Key: FontFace]>([:])

    func face(_ key: Key, library: FontLibrary) throws(FontError) -> FontFace {
        if let face = faces.withLock({ $0[key] }) { return face }
        let face = try library.face(family: key.family, bold: key.bold, italic: key.italic)
        faces.withLock { $0[key] = face }
        return face
    }
}

/// A paragraph style resolved once per document: the full style, its concrete values, the face of
/// its font, and the slots of the span styles used inside it.
final class ParagraphStyleEntry: Sendable {
    let full: Style
    let resolved: ResolvedStyle
    let slot: TextSlot
    /// Span style name -> slot and font selection (only for spans without inline overrides). Locked:
    /// entries of named styles are shared by the documents of a batch (see `StyleCache`).
    let spanSlots = Mutex<[String: SpanSlot]>([:])

    init(full: Style, resolved: ResolvedStyle, slot: TextSlot) {
        self.full = full
        self.resolved = resolved
        self.slot = slot
    }
}

/// The slot of a span style and the font selection fallback lookups need.
struct SpanSlot {
    var slot: TextSlot
    var family: String
    var bold: Bool
    var italic: Bool
}

/// Everything one `layout` call needs while it runs; created per document, never shared.
final class LayoutContext {
    let fonts: FontLibrary
    let language: String?
    var styles: StyleResolver
    var warnings: [LayoutWarning] = []
    /// The page the flow being laid out is on (1-based), for `Span.pageNumber`.
    var pageNumber = 1
    /// The page count once known (pass 2 and page masters); nil during the first body pass.
    var pageCount: Int?
    /// Set when the body used `Span.pageCount` before the count was known: layout runs a second pass.
    var usedUnknownPageCount = false
    /// Text of `Span.carriedForward` while a carry row is laid out.
    var carriedForward: String?

    private var faces: [FaceKey: FontFace] = [:]
    private let sharedFaces: FaceCache
    private var paragraphStyles: [String: ParagraphStyleEntry]
    private var baseParagraphStyle: ParagraphStyleEntry?
    /// Reused between paragraphs so shaping a cell allocates no item arrays.
    var scratch = InlineContent()
    private var fallbackFamilies: [String]
    private var fallbackFaces: [FontFace]?
    private var spaceGlyphs: [FontID: ShapedGlyph] = [:]
    private var hyphens: [FontID: ShapedText] = [:]
    private var warnedScalars: Set<UInt32> = []

    private struct FaceKey: Hashable {
        var family: String
        var bold: Bool
        var italic: Bool
    }

    /// - Parameter styleState: the style state of an earlier document with the same styles (see `StyleCache`).
    init(fonts: FontLibrary, document: Document, faceCache: FaceCache = FaceCache(), styleState: StyleState? = nil) {
        self.fonts = fonts
        self.sharedFaces = faceCache
        self.language = document.metadata.language
        let state = styleState ?? StyleState(resolver: StyleResolver(styles: document.styles, baseStyle: document.baseStyle))
        self.styles = state.resolver
        self.paragraphStyles = state.paragraphStyles
        self.baseParagraphStyle = state.baseParagraphStyle
        self.recentStyles = state.recentStyles
        self.fallbackFamilies = document.fallbackFamilies
    }

    func warn(_ code: LayoutWarning.Code, _ message: String) {
        warnings.append(LayoutWarning(code: code, message: message, page: pageNumber))
    }

    /// The face of `family` in the given style; throws `LayoutError.fontNotFound`.
    func face(family: String, bold: Bool, italic: Bool) throws(LayoutError) -> FontFace {
        let key = FaceKey(family: family, bold: bold, italic: italic)
        if let face = faces[key] { return face }
        do {
            let face = try sharedFaces.face(FaceCache.Key(family: family, bold: bold, italic: italic), library: fonts)
            faces[key] = face
            return face
        } catch {
            throw LayoutError(code: .fontNotFound,
                              message: "font family '\(family)'\(bold ? " bold" : "")\(italic ? " italic" : "") not found",
                              cause: error)
        }
    }

    /// The resolved style of a paragraph named `name` (nil: the base style) without overrides.
    ///
    /// The commonest case (nearly every table cell) as its own entry point: passing a nil `Style?`
    /// (200 bytes) to the general one cost several copies of it per paragraph.
    func paragraphStyle(_ name: String?) throws(LayoutError) -> ParagraphStyleEntry {
        if let name {
            for recent in recentStyles where recent.name == name { return recent.entry }
        } else if let entry = baseParagraphStyle {
            return entry
        }
        return try paragraphStyle(name, overrides: nil)
    }

    /// The resolved style of a paragraph named `name` (nil: the base style) with `overrides`.
    func paragraphStyle(_ name: String?, overrides: Style?) throws(LayoutError) -> ParagraphStyleEntry {
        if overrides == nil {
            if let name {
                // Cells alternate between a few style names: a short most-recent list compares the
                // (usually small, inline) strings instead of hashing them.
                for recent in recentStyles where recent.name == name { return recent.entry }
                if let entry = paragraphStyles[name] {
                    remember(name, entry)
                    return entry
                }
            } else if let entry = baseParagraphStyle {
                return entry
            }
        }
        let (full, resolved) = styles.paragraph(name, overrides: overrides)
        let face = try face(family: resolved.fontFamily, bold: resolved.bold, italic: resolved.italic)
        let entry = ParagraphStyleEntry(full: full, resolved: resolved,
                                        slot: TextSlot(face: face, size: resolved.fontSize, color: resolved.color))
        if overrides == nil {
            if let name {
                paragraphStyles[name] = entry
                remember(name, entry)
            } else {
                baseParagraphStyle = entry
            }
        }
        return entry
    }

    private var recentStyles: [RecentStyle]

    /// The style state to hand to the next document with the same styles.
    var styleState: StyleState {
        StyleState(resolver: styles, paragraphStyles: paragraphStyles, baseParagraphStyle: baseParagraphStyle,
                   recentStyles: recentStyles)
    }

    private func remember(_ name: String, _ entry: ParagraphStyleEntry) {
        if recentStyles.count >= 6 { recentStyles.removeFirst() }
        recentStyles.append(RecentStyle(name: name, entry: entry))
    }

    /// The slot of a span inside a paragraph of style `entry`.
    func spanSlot(_ name: String?, overrides: Style?, in entry: ParagraphStyleEntry) throws(LayoutError) -> SpanSlot {
        if overrides == nil, let name, let hit = entry.spanSlots.withLock({ $0[name] }) { return hit }
        let s = styles.span(name, overrides: overrides, in: entry.full)
        let family = s.fontFamily ?? entry.resolved.fontFamily
        let bold = s.bold ?? false, italic = s.italic ?? false
        let f = try face(family: family, bold: bold, italic: italic)
        let result = SpanSlot(slot: TextSlot(face: f, size: s.fontSize?.value ?? entry.resolved.fontSize, color: s.color ?? .black),
                              family: family, bold: bold, italic: italic)
        if overrides == nil, let name { entry.spanSlots.withLock { $0[name] = result } }
        return result
    }

    /// The fallback faces in the document's order, in the given style (families that are missing are
    /// skipped with a warning).
    func fallbacks(bold: Bool, italic: Bool) -> [FontFace] {
        var result: [FontFace] = []
        for family in fallbackFamilies {
            if let face = try? face(family: family, bold: bold, italic: italic) {
                result.append(face)
            } else if !warnedFamilies.contains(family) {
                warnedFamilies.insert(family)
                warn(.missingGlyph, "fallback font family '\(family)' not found; skipped")
            }
        }
        return result
    }
    private var warnedFamilies: Set<String> = []

    /// The glyph of U+0020 in `face` (the template of every inter-word glue glyph).
    func spaceGlyph(_ face: FontFace) -> ShapedGlyph {
        // Every glue asks, nearly always for the face of the previous one: compare identities before
        // hashing a `FontID` (faces outlive the context, so an identity is never reused meanwhile).
        if let last = lastSpace, last.face == ObjectIdentifier(face) { return last.glyph }
        let glyph: ShapedGlyph
        if let known = spaceGlyphs[face.id] {
            glyph = known
        } else {
            let id = face.glyph(for: " ") ?? GlyphID(3)
            glyph = ShapedGlyph(id: id, cluster: 0, xAdvance: Int32(face.advance(of: id)))
            spaceGlyphs[face.id] = glyph
        }
        lastSpace = (ObjectIdentifier(face), glyph)
        return glyph
    }
    private var lastSpace: (face: ObjectIdentifier, glyph: ShapedGlyph)?

    /// A shaped hyphen for breaks at soft hyphens.
    func hyphen(_ face: FontFace) -> ShapedText {
        if let shaped = hyphens[face.id] { return shaped }
        let shaped = face.shape("-", language: language)
        hyphens[face.id] = shaped
        return shaped
    }

    /// Records a missing glyph once per character and document.
    func warnMissing(_ scalar: Unicode.Scalar, in text: String, family: String) {
        guard warnedScalars.insert(scalar.value).inserted else { return }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let tried = ([family] + fallbackFamilies).joined(separator: ", ")
        warn(.missingGlyph, "no font has a glyph for '\(Character(scalar))' (U+\(code)) in \"\(text)\"; tried \(tried); drawn as .notdef")
    }
}
