/// How XML elements become ``Value``s, so one template serves JSON and XML of the same shape.
///
/// The rules (see `Docs/Data.md`):
/// - An element becomes an object: its attributes first (document order), then its child elements,
///   keyed by **local name** (namespace prefixes dropped; ``KeyStyle/qualifiedName`` keeps `prefix:name`).
///   Namespace declarations and `xsi:` attributes (`type`, `schemaLocation`, ...) are not data and are dropped.
/// - Repeated sibling elements with the same key become an array (in document order), and so does
///   any element named in ``arrayElements`` even when it occurs once.
/// - **List containers**: an element without attributes whose children all share one name becomes an
///   array of those children when its name is in ``listElements`` or is that name's plural
///   (`items`/`item`, `addresses`/`address`, `entries`/`entry`), so `<items><item>…</item></items>`
///   reads like JSON's `"items": [ … ]`, with one item as well as with many.
/// - A text-only element becomes a string (an empty element `""`); with attributes, an object holding
///   the attributes and the text under ``textKey`` (`#text`).
/// - Mixed content (text and child elements) becomes its concatenated text.
/// - `xsi:nil="true"` makes the element `null`.
/// - Numbers and booleans stay strings: XML has no types. The template layer converts on demand
///   (``Value/decimalValue`` reads `"12.50"` exactly).
/// - Entities: the five predefined ones and character references are decoded; internal entities
///   declared in the document are substituted as text; **external entities are never loaded** (no XXE),
///   and no DTD is fetched (`XML_PARSE_NONET`, no `XML_PARSE_NOENT`/`DTDLOAD`).
public struct XMLMapping: Sendable, Hashable {
    /// How element and attribute names become keys.
    public enum KeyStyle: Sendable, Hashable {
        /// `inv:number` -> `number` (default).
        case localName
        /// `inv:number` -> `inv:number` (the prefix as written in the document).
        case qualifiedName
    }

    public var keyStyle: KeyStyle
    /// The key for an element's text when it also has attributes; `#text` by default.
    public var textKey: String
    /// Element names (keys) that are always arrays, even when they occur once.
    public var arrayElements: Set<String>
    /// Container element names whose children always become an array (in addition to plurals).
    public var listElements: Set<String>
    /// Whether `items` holding only `item` children becomes an array (default true).
    public var collapsesPluralContainers: Bool

    public init(keyStyle: KeyStyle = .localName, textKey: String = "#text", arrayElements: Set<String> = [],
                listElements: Set<String> = [], collapsesPluralContainers: Bool = true)
    {
        self.keyStyle = keyStyle
        self.textKey = textKey
        self.arrayElements = arrayElements
        self.listElements = listElements
        self.collapsesPluralContainers = collapsesPluralContainers
    }

    /// True when `container` is the plural of `child` (`items`/`item`, `boxes`/`box`, `entries`/`entry`).
    static func isPlural(_ container: String, of child: String) -> Bool {
        let c = container.utf8, s = child.utf8
        guard c.count > s.count else { return false }
        if c.count == s.count + 1, c.starts(with: s), c.last == UInt8(ascii: "s") { return true }
        if c.count == s.count + 2, c.starts(with: s), container.hasSuffix("es") { return true }
        if s.last == UInt8(ascii: "y"), c.count == s.count + 2, container.hasSuffix("ies"),
           c.starts(with: s.dropLast()) { return true }
        return false
    }
}
