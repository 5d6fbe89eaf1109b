import Foundation
import PressLayout

/// Text and paragraph properties accepted on styles and on every element that shows text.
let styleProperties: Set<String> = ["font", "size", "bold", "italic", "color", "leading", "line-height", "align",
                                    "space-before", "space-after", "indent", "left-indent", "right-indent",
                                    "keep-with-next", "keep-together", "widows", "orphans"]

extension Compiler {
    /// Fails on properties the element does not know, with a "did you mean" hint.
    func checkProperties(_ element: ElementSyntax, allowed: Set<String>) throws {
        for p in element.properties where !allowed.contains(p.name) {
            throw error(.unknownProperty, p.location, "unknown property '\(p.name)' on '\(element.name)'",
                        expected: "one of " + allowed.sorted().joined(separator: ", "),
                        hint: Suggestion.hint(for: p.name, in: allowed))
        }
    }

    /// Fails when an element has more positional values than it takes.
    func checkPositional(_ element: ElementSyntax, max: Int) throws {
        guard element.positional.count > max else { return }
        let extra = element.positional[max]
        throw error(.invalidValue, extra.location,
                    max == 0 ? "'\(element.name)' takes no value before its properties"
                             : "'\(element.name)' takes \(max) value\(max == 1 ? "" : "s"), found \(element.positional.count)",
                    hint: "properties are written as name: value")
    }

    func property(_ element: ElementSyntax, _ name: String) -> PropertySyntax? {
        element.properties.last { $0.name == name }
    }

    func single(_ p: PropertySyntax) throws -> ValueSyntax {
        guard p.values.count == 1 else {
            throw error(.invalidValue, p.values.count > 1 ? p.values[1].location : p.location,
                        "'\(p.name)' takes one value, found \(p.values.count)")
        }
        return p.values[0]
    }

    func length(_ v: ValueSyntax, _ name: String) throws -> Points {
        if case .number(let n, let unit) = v.kind {
            let d = NSDecimalNumber(decimal: n).doubleValue
            switch unit {
            case nil, "pt"?: return .pt(d)
            case "mm"?: return .mm(d)
            case "cm"?: return .cm(d)
            case "in"?: return .inch(d)
            default: break
            }
        }
        throw error(.invalidValue, v.location, "'\(name)' expects a length", expected: "a length like 10mm, 1.5cm, 9pt or 1in")
    }

    func length(_ p: PropertySyntax) throws -> Points { try length(try single(p), p.name) }

    func optionalLength(_ e: ElementSyntax, _ name: String) throws -> Points? {
        try property(e, name).map { try length($0) }
    }

    /// CSS-like: 1 value (all), 2 (vertical horizontal), 3 (top horizontal bottom), 4 (top right bottom left).
    func insets(_ p: PropertySyntax) throws -> Insets {
        var values = p.values
        if values.count == 1, case .list(let items) = values[0].kind { values = items }
        let l = try values.map { try length($0, p.name) }
        switch l.count {
        case 1: return .all(l[0])
        case 2: return Insets(top: l[0], right: l[1], bottom: l[0], left: l[1])
        case 3: return Insets(top: l[0], right: l[1], bottom: l[2], left: l[1])
        case 4: return Insets(top: l[0], right: l[1], bottom: l[2], left: l[3])
        default:
            throw error(.invalidValue, p.location, "'\(p.name)' takes 1, 2 or 4 lengths, found \(l.count)",
                        expected: "e.g. \(p.name): 20mm 20mm 25mm 25mm (top right bottom left)")
        }
    }

    func number(_ p: PropertySyntax) throws -> Double {
        let v = try single(p)
        if case .number(let n, nil) = v.kind { return NSDecimalNumber(decimal: n).doubleValue }
        throw error(.invalidValue, v.location, "'\(p.name)' expects a number", expected: "e.g. \(p.name): 2")
    }

    func word(_ p: PropertySyntax, _ allowed: [String]) throws -> String {
        let v = try single(p)
        var w: String?
        switch v.kind {
        case .word(let x): w = x
        case .text(.string(let x, _)): w = x
        default: break
        }
        guard let word = w, allowed.isEmpty || allowed.contains(word) else {
            throw error(.invalidValue, v.location, "invalid value for '\(p.name)'", expected: allowed.joined(separator: ", "),
                        hint: w.flatMap { Suggestion.hint(for: $0, in: allowed) })
        }
        return word
    }

    func bool(_ p: PropertySyntax) throws -> Bool {
        let v = try single(p)
        if case .word(let w) = v.kind, w == "true" || w == "false" || w == "yes" || w == "no" { return w == "true" || w == "yes" }
        throw error(.invalidValue, v.location, "'\(p.name)' expects true or false", expected: "true or false")
    }

    /// A boolean that may be computed from the data: `bold: true` or `bold: (item.highlight)`.
    func dynamicBool(_ p: PropertySyntax) throws -> (Bool?, Expr?) {
        let v = try single(p)
        if case .expression(let e) = v.kind { return (nil, try compile(e)) }
        return (try bool(p), nil)
    }

    func color(_ v: ValueSyntax, _ name: String) throws -> Color {
        switch v.kind {
        case .color(let hex):
            let digits = hex.count == 3 ? hex.map { "\($0)\($0)" }.joined() : hex
            let n = UInt32(digits, radix: 16) ?? 0
            return .rgb(Double((n >> 16) & 0xFF) / 255, Double((n >> 8) & 0xFF) / 255, Double(n & 0xFF) / 255)
        case .word("black"): return .black
        case .word("white"): return .white
        case .expression(let e):
            let compiled = try compile(e)
            let evaluator = Evaluator(root: .null, slotCount: slotCount, settings: Compiler.constantSettings)
            if let value = try? evaluator.eval(compiled), case .color(let c) = value {
                switch c {
                case .gray(let g): return .gray(g)
                case .rgb(let r, let g, let b): return .rgb(r, g, b)
                case .cmyk(let c, let m, let y, let k): return .cmyk(c, m, y, k)
                }
            }
        default: break
        }
        throw error(.invalidValue, v.location, "'\(name)' expects a colour",
                    expected: "#RRGGBB, gray(0.5), rgb(0.1, 0.2, 0.3) or cmyk(0, 0, 0, 1) with constant numbers")
    }

    static let constantSettings = EvaluationSettings(locale: .germany, language: "de", languageIndex: 0,
                                                     today: CivilDate(days: 0), currency: "EUR",
                                                     reportMissingPaths: false, limits: EvaluationLimits())

    /// A stroke: `0.5pt`, `0.5pt #888888`, `1pt gray(0.5) dashed`.
    func stroke(_ p: PropertySyntax) throws -> Stroke? {
        var s = Stroke()
        for v in p.values {
            switch v.kind {
            case .number: s.width = try length(v, p.name).value
            case .word("none"): return nil
            case .word("dashed"): s.dash = [3, 2]
            case .word("dotted"): s.dash = [1, 1.5]
            case .word("solid"): s.dash = []
            default: s.color = try color(v, p.name)
            }
        }
        return s
    }

    /// A text value: `"text {x}"`, `(expression)` or a bare word.
    func textExpr(_ v: ValueSyntax, markup: Bool = true) throws -> Expr {
        switch v.kind {
        case .text(let e), .expression(let e): return try compile(e, markup: markup)
        case .word(let w): return .constant(.string(w))
        case .number(let n, let unit): return .constant(.string(DecimalDigits.plain(n) + (unit ?? "")))
        default:
            throw error(.invalidValue, v.location, "expected a text", expected: "\"text\" or (expression)")
        }
    }

    func alignment(_ p: PropertySyntax) throws -> TextAlignment {
        switch try word(p, ["left", "right", "center", "centre", "justify", "justified"]) {
        case "right": return .right
        case "center", "centre": return .center
        case "justify", "justified": return .justified
        default: return .left
        }
    }

    /// Static style properties of an element (or a `style` definition) as a layout `Style`, nil when none.
    func styleOverrides(_ e: ElementSyntax, basedOn: String? = nil) throws -> Style? {
        var s = Style(parent: basedOn)
        var any = basedOn != nil
        for p in e.properties where styleProperties.contains(p.name) {
            if case .expression = p.values.first?.kind, p.name == "bold" || p.name == "italic" { continue }
            any = true
            switch p.name {
            case "font": s.fontFamily = try word(p, [])
            case "size": s.fontSize = try length(p)
            case "bold": s.bold = try bool(p)
            case "italic": s.italic = try bool(p)
            case "color": s.color = try color(try single(p), p.name)
            case "leading", "line-height":
                let v = try single(p)
                if case .number(let n, nil) = v.kind {
                    s.lineHeight = .multiple(NSDecimalNumber(decimal: n).doubleValue)
                } else {
                    s.lineHeight = .exactly(try length(v, p.name))
                }
            case "align": s.alignment = try alignment(p)
            case "space-before": s.spaceBefore = try length(p)
            case "space-after": s.spaceAfter = try length(p)
            case "indent": s.firstLineIndent = try length(p)
            case "left-indent": s.leftIndent = try length(p)
            case "right-indent": s.rightIndent = try length(p)
            case "keep-with-next": s.keepWithNext = try bool(p)
            case "keep-together": s.keepTogether = try bool(p)
            case "widows": s.widows = Int(try number(p))
            case "orphans": s.orphans = Int(try number(p))
            default: break
            }
        }
        return any ? s : nil
    }

    /// Style name + static overrides + data-dependent bold/italic/style of a text element.
    func styleSpec(_ e: ElementSyntax, dropKeepTogether: Bool = false) throws -> StyleSpec {
        var name: String?
        var dynamicName: Expr?
        if let p = property(e, "style") {
            let v = try single(p)
            switch v.kind {
            case .word(let n):
                name = n
                referencedStyles.append((n, v.location))
            case .text(.string(let n, _)):
                name = n
                referencedStyles.append((n, v.location))
            case .expression(let x): dynamicName = try compile(x)
            default: throw error(.invalidValue, v.location, "'style' expects a style name", expected: "style: body")
            }
        }
        var overrides = try styleOverrides(e)
        if dropKeepTogether, overrides?.keepTogether != nil { overrides?.keepTogether = nil }
        // No overrides left (e.g. a row with only `keep-together`): nil, so binding skips merging styles.
        if overrides == Style() { overrides = nil }
        var dynamicBold: Expr?, dynamicItalic: Expr?
        if let p = property(e, "bold"), case .expression(let x)? = p.values.first?.kind { dynamicBold = try compile(x) }
        if let p = property(e, "italic"), case .expression(let x)? = p.values.first?.kind { dynamicItalic = try compile(x) }
        if name == nil, dynamicName == nil, overrides == nil, dynamicBold == nil, dynamicItalic == nil { return .none }
        return StyleSpec(name: name, dynamicName: dynamicName, overrides: overrides, dynamicBold: dynamicBold,
                         dynamicItalic: dynamicItalic)
    }

    func checkStyles() throws {
        for (name, location) in referencedStyles where styles[name] == nil {
            throw error(.unknownStyle, location, "unknown style '\(name)'",
                        expected: "a style defined with 'style \(name) { … }'",
                        hint: Suggestion.hint(for: name, in: styles.keys.sorted()))
        }
    }
}
