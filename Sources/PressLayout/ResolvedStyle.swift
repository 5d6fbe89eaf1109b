// Concrete styles (every property known) and their resolution along the parent chain.
import Synchronization

/// A style with every property set: what the engine works with.
struct ResolvedStyle {
    var fontFamily: String
    var fontSize: Double
    var bold: Bool
    var italic: Bool
    var color: Color
    var alignment: TextAlignment
    var lineHeight: LineHeight
    var spaceBefore: Double
    var spaceAfter: Double
    var firstLineIndent: Double
    var leftIndent: Double
    var rightIndent: Double
    var keepWithNext: Bool
    var keepTogether: Bool
    var widows: Int
    var orphans: Int

    /// `style` must have every field set (merged over `Style.defaults`).
    init(_ style: Style) {
        fontFamily = style.fontFamily ?? "DejaVu Sans"
        fontSize = style.fontSize?.value ?? 10
        bold = style.bold ?? false
        italic = style.italic ?? false
        color = style.color ?? .black
        alignment = style.alignment ?? .left
        lineHeight = style.lineHeight ?? .multiple(1.2)
        spaceBefore = style.spaceBefore?.value ?? 0
        spaceAfter = style.spaceAfter?.value ?? 0
        firstLineIndent = style.firstLineIndent?.value ?? 0
        leftIndent = style.leftIndent?.value ?? 0
        rightIndent = style.rightIndent?.value ?? 0
        keepWithNext = style.keepWithNext ?? false
        keepTogether = style.keepTogether ?? false
        widows = max(1, style.widows ?? 2)
        orphans = max(1, style.orphans ?? 2)
    }

    /// The distance between baselines for a line whose largest font size is `size`.
    func lineAdvance(forSize size: Double) -> Double {
        switch lineHeight {
        case .multiple(let m): return m * size
        case .exactly(let p): return p.value
        }
    }
}

/// Resolves style names to concrete styles for one document, caching each chain once.
struct StyleResolver {
    let styles: [String: Style]
    /// The document's base style as given (`base` is it merged over the defaults).
    let baseStyle: Style
    /// Document base style merged over the defaults.
    let base: Style
    let baseResolved: ResolvedStyle
    private var chains: [String: Style] = [:]
    private var resolvedNamed: [String: (Style, ResolvedStyle)] = [:]
    private(set) var unknownNames: [String] = []

    init(styles: [String: Style], baseStyle: Style) {
        self.styles = styles
        self.baseStyle = baseStyle
        self.base = baseStyle.merged(over: Style.defaults)
        self.baseResolved = ResolvedStyle(base)
    }

    /// Whether this resolver is for exactly these styles (its memos then hold for them too).
    /// Cheap for the usual case: documents built from one style sheet share the dictionary's storage,
    /// and `==` on dictionaries sharing storage returns at once.
    func isFor(styles: [String: Style], baseStyle: Style) -> Bool {
        self.baseStyle == baseStyle && self.styles == styles
    }

    /// `name` merged with its parents only (nil fields where no style in the chain sets one).
    mutating func chain(_ name: String) -> Style {
        if let cached = chains[name] { return cached }
        var result = Style()
        var next: String? = name
        var depth = 0
        // A depth bound instead of cycle detection: a parent cycle just stops after 32 steps.
        while let current = next, depth < 32 {
            guard let style = styles[current] else {
                if !unknownNames.contains(current) { unknownNames.append(current) }
                break
            }
            result = result.merged(over: style)
            next = style.parent
            depth += 1
        }
        result.parent = nil
        chains[name] = result
        return result
    }

    /// The full style of a paragraph: overrides over the named style over the base.
    mutating func paragraph(_ name: String?, overrides: Style?) -> (Style, ResolvedStyle) {
        let named: (Style, ResolvedStyle)
        if let name {
            if let hit = resolvedNamed[name] {
                named = hit
            } else {
                let full = chain(name).merged(over: base)
                named = (full, ResolvedStyle(full))
                resolvedNamed[name] = named
            }
        } else {
            named = (base, baseResolved)
        }
        guard let overrides else { return named }
        let full = overrides.merged(over: named.0)
        return (full, ResolvedStyle(full))
    }

    /// The style of a span inside a paragraph whose full style is `paragraph`.
    mutating func span(_ name: String?, overrides: Style?, in paragraph: Style) -> Style {
        var result = paragraph
        if let name { result = chain(name).merged(over: result) }
        if let overrides { result = overrides.merged(over: result) }
        return result
    }
}

/// The style state of the last document an engine laid out (resolver memos, paragraph style entries),
/// handed to the next document with the same styles; shared by all workers.
///
/// Resolving a style (parent chain, merge over the base, `ResolvedStyle`, face, entry) per name and
/// document cost ~1 µs each, 3-4 % of an invoice, and every document of a batch usually has the same
/// style sheet. Only a state that met no unknown style name is kept, so a document never inherits
/// another's warnings.
final class StyleCache: Sendable {
    private let last = Mutex<StyleState?>(nil)

    /// The kept state when it is for `styles` and `baseStyle`, else nil (start afresh).
    func state(styles: [String: Style], baseStyle: Style) -> StyleState? {
        guard let kept = last.withLock({ $0 }), kept.resolver.isFor(styles: styles, baseStyle: baseStyle) else { return nil }
        return kept
    }

    /// Keeps `state` (with what it memoised) for the next document.
    func keep(_ state: StyleState) {
        guard state.resolver.unknownNames.isEmpty else { return }
        last.withLock { $0 = state }
    }
}

/// What a `LayoutContext` knows about its document's styles; carried across documents by `StyleCache`.
struct StyleState: Sendable {
    var resolver: StyleResolver
    var paragraphStyles: [String: ParagraphStyleEntry] = [:]
    var baseParagraphStyle: ParagraphStyleEntry?
    var recentStyles: [RecentStyle] = []
}

/// A recently used paragraph style (see `LayoutContext.paragraphStyle`).
struct RecentStyle: Sendable {
    var name: String
    var entry: ParagraphStyleEntry
}
