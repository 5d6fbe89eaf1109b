import Foundation
import PressLayout
import PressImages

let blockElements = ["p", "paragraph", "table", "image", "spacer", "rule", "pagebreak", "page-break", "keep", "frame", "address"]

extension Compiler {
    // MARK: Top level

    func compileTopLevel(_ statements: [StatementSyntax]) throws {
        let flows: [Flow<BlockNode>] = try compileFlow(statements) { statement in
            guard case .element(let e) = statement else {
                if case .text = statement { return try self.blockItem(statement) }
                throw self.unexpected(statement, in: "the top level of a template",
                                      allowed: ["document", "style", "page", "body", "texts", "define", "let", "include"])
            }
            switch e.name {
            case "document":
                try self.compileDocument(e)
                return []
            case "page":
                try self.compilePage(e)
                return []
            case "body":
                try self.checkProperties(e, allowed: [])
                try self.checkPositional(e, max: 0)
                self.body += try self.compileBlocks(e.children)
                return []
            default:
                if blockElements.contains(e.name) { return try self.blockItem(statement) }
                throw self.unexpected(statement, in: "the top level of a template",
                                      allowed: ["document", "style", "page", "body", "texts", "define", "let", "include"] + blockElements)
            }
        }
        // Top-level `let`s (and blocks written outside `body`) keep their order: lets become globals
        // evaluated before the page masters; blocks go to the body.
        for flow in flows {
            switch flow {
            case .set: globals.append(flow)
            default: body.append(flow)
            }
        }
    }

    func compileDocument(_ e: ElementSyntax) throws {
        try checkProperties(e, allowed: ["title", "author", "subject", "keywords", "language", "default-language",
                                         "currency", "fallback-fonts"])
        try checkPositional(e, max: 0)
        if let p = property(e, "title") { document.title = try textExpr(try single(p), markup: false) }
        if let p = property(e, "author") { document.author = try textExpr(try single(p), markup: false) }
        if let p = property(e, "subject") { document.subject = try textExpr(try single(p), markup: false) }
        if let p = property(e, "keywords") { document.keywords = try textExpr(try single(p), markup: false) }
        if let p = property(e, "language") { document.language = try textExpr(try single(p), markup: false) }
        if let p = property(e, "currency") { document.currency = try textExpr(try single(p), markup: false) }
        if let p = property(e, "default-language") { document.defaultLanguage = try word(p, []) }
        if let p = property(e, "fallback-fonts") {
            document.fallbackFonts = try p.values.map { v in
                switch v.kind {
                case .text(.string(let s, _)), .word(let s): return s
                default: throw error(.invalidValue, v.location, "expected a font family name", expected: "\"DejaVu Sans\"")
                }
            }
        }
    }

    // MARK: Page

    func compilePage(_ e: ElementSyntax) throws {
        try checkProperties(e, allowed: ["size", "orientation", "margins", "letter", "fold-marks", "hole-mark"])
        try checkPositional(e, max: 0)
        pageSeen = true
        if let p = property(e, "size") {
            if p.values.count == 2 {
                page.size = PageSize(width: try length(p.values[0], "size"), height: try length(p.values[1], "size"))
            } else {
                let name = try word(p, [])
                guard let size = PageSize.named(name) else {
                    throw error(.invalidValue, p.values[0].location, "unknown page size '\(name)'",
                                expected: "A3, A4, A5, Letter, Legal or two lengths (size: 210mm 99mm)",
                                hint: Suggestion.hint(for: name, in: ["A3", "A4", "A5", "Letter", "Legal"]))
                }
                page.size = size
            }
        }
        if let p = property(e, "orientation") {
            page.orientation = try word(p, ["portrait", "landscape"]) == "landscape" ? .landscape : .portrait
        }
        if let p = property(e, "margins") { page.margins = try insets(p) }
        if let p = property(e, "letter") {
            switch try word(p, ["din5008-a", "din5008-b", "din5008", "none"]) {
            case "din5008-a": page.letter = .a
            case "none": page.letter = nil
            default: page.letter = .b
            }
        }
        if let p = property(e, "fold-marks") { page.foldMarks = try bool(p) }
        if let p = property(e, "hole-mark") { page.holeMark = try bool(p) }
        page.common.items += try compileMasterItems(e.children, in: "page") { statement in
            guard case .element(let child) = statement, child.name == "first" || child.name == "following" else { return nil }
            var master = MasterNode()
            try self.checkProperties(child, allowed: ["margins"])
            if let p = self.property(child, "margins") { master.margins = try self.insets(p) }
            master.items = try self.compileMasterItems(child.children, in: "'\(child.name)'", nested: nil)
            if child.name == "first" { self.page.first = master } else { self.page.following = master }
            return []
        }
    }

    func compileMasterItems(_ statements: [StatementSyntax], in context: String,
                            nested: ((StatementSyntax) throws -> [Flow<MasterItem>]?)?) throws -> [Flow<MasterItem>] {
        try compileFlow(statements) { statement in
            if let nested, let handled = try nested(statement) { return handled }
            guard case .element(let e) = statement else {
                throw self.unexpected(statement, in: context, allowed: ["header", "footer", "frame", "first", "following"])
            }
            switch e.name {
            case "header", "footer":
                try self.checkProperties(e, allowed: ["offset"])
                try self.checkPositional(e, max: 0)
                let offset = try self.optionalLength(e, "offset")
                let blocks = try self.compileBlocks(e.children)
                return [.item(e.name == "header" ? .header(blocks, offset: offset) : .footer(blocks, offset: offset))]
            case "frame":
                return [.item(.frame(Ref(try self.compileFrame(e))))]
            default:
                throw self.unexpected(statement, in: context,
                                      allowed: nested == nil ? ["header", "footer", "frame"] : ["header", "footer", "frame", "first", "following"])
            }
        }
    }

    func compileFrame(_ e: ElementSyntax) throws -> FrameNode {
        try checkProperties(e, allowed: ["x", "y", "width", "height", "valign", "padding", "background", "border"])
        try checkPositional(e, max: 0)
        guard let x = try optionalLength(e, "x"), let y = try optionalLength(e, "y"), let width = try optionalLength(e, "width") else {
            throw error(.invalidValue, e.location, "a frame needs x, y and width",
                        expected: "frame x: 125mm y: 50mm width: 75mm height: 40mm { … }")
        }
        var valign = VerticalAlignment.top
        if let p = property(e, "valign") {
            valign = VerticalAlignment(rawValue: try word(p, ["top", "middle", "bottom"])) ?? .top
        }
        return FrameNode(x: x, y: y, width: width, height: try optionalLength(e, "height"),
                         blocks: try compileBlocks(e.children), verticalAlignment: valign,
                         padding: try property(e, "padding").map(insets) ?? .zero,
                         background: try property(e, "background").map { try color(try single($0), "background") },
                         border: try property(e, "border").flatMap(stroke))
    }

    // MARK: Blocks

    func compileBlocks(_ statements: [StatementSyntax]) throws -> [Flow<BlockNode>] {
        try compileFlow(statements, blockItem)
    }

    func blockItem(_ statement: StatementSyntax) throws -> [Flow<BlockNode>] {
        switch statement {
        case .text(let syntax, _):
            return [.item(.paragraph(Ref(ParagraphNode(style: .none, content: [.item(.text(try compile(syntax, markup: true)))]))))]
        case .element(let e):
            switch e.name {
            case "p", "paragraph":
                try checkProperties(e, allowed: styleProperties.union(["style"]))
                var content: [Flow<InlineNode>] = try e.positional.map { .item(.text(try textExpr($0))) }
                content += try compileInline(e.children)
                return [.item(.paragraph(Ref(ParagraphNode(style: try styleSpec(e), content: content))))]
            case "table":
                return [.item(.table(Ref(try compileTable(e))))]
            case "image":
                return [.item(.image(Ref(try compileImage(e))))]
            case "spacer":
                try checkProperties(e, allowed: ["height"])
                try checkPositional(e, max: 1)
                guard let v = e.positional.first ?? property(e, "height")?.values.first else {
                    throw error(.invalidValue, e.location, "a spacer needs a height", expected: "spacer 5mm")
                }
                return [.item(.spacer(try length(v, "spacer")))]
            case "rule":
                try checkProperties(e, allowed: ["width", "color", "space-before", "space-after", "dash"])
                try checkPositional(e, max: 0)
                var stroke = Stroke()
                if let p = property(e, "width") { stroke.width = try length(p).value }
                if let p = property(e, "color") { stroke.color = try color(try single(p), "color") }
                if let p = property(e, "dash") { stroke.dash = try p.values.map { try length($0, "dash").value } }
                return [.item(.rule(Rule(stroke: stroke, spaceBefore: try optionalLength(e, "space-before") ?? 3,
                                         spaceAfter: try optionalLength(e, "space-after") ?? 3)))]
            case "pagebreak", "page-break":
                try checkProperties(e, allowed: [])
                try checkPositional(e, max: 0)
                return [.item(.pageBreak)]
            case "keep":
                try checkProperties(e, allowed: [])
                try checkPositional(e, max: 0)
                return [.item(.keep(try compileBlocks(e.children)))]
            case "frame":
                return [.item(.frame(Ref(try compileFrame(e))))]
            case "address":
                return [.item(.address(Ref(try compileAddress(e))))]
            default:
                break
            }
        default:
            break
        }
        throw unexpected(statement, in: "a flow of blocks", allowed: blockElements)
    }

    func compileInline(_ statements: [StatementSyntax]) throws -> [Flow<InlineNode>] {
        try compileFlow(statements) { statement in
            switch statement {
            case .text(let syntax, _):
                return [.item(.text(try self.compile(syntax, markup: true)))]
            case .element(let e) where e.name == "span":
                try self.checkProperties(e, allowed: styleProperties.union(["style"]))
                guard let first = e.positional.first else {
                    throw self.error(.syntax, e.location, "a span needs a text", expected: "span \"text\" bold: true")
                }
                var parts = [try self.textExpr(first)]
                parts += try e.positional.dropFirst().map { try self.textExpr($0) }
                let expr: Expr = parts.count == 1 ? parts[0] : .interpolate(parts.map { .expression($0) })
                return [.item(.span(expr, try self.styleSpec(e)))]
            case .element(let e) where e.name == "br":
                return [.item(.lineBreak)]
            default:
                throw self.unexpected(statement, in: "a paragraph", allowed: ["\"text\"", "span", "br"])
            }
        }
    }

    // MARK: Images

    func compileImage(_ e: ElementSyntax) throws -> ImageNode {
        try checkProperties(e, allowed: ["width", "height", "dpi", "align", "space-before", "space-after", "path"])
        try checkPositional(e, max: 1)
        guard let v = e.positional.first ?? property(e, "path")?.values.first else {
            throw error(.invalidValue, e.location, "an image needs a path", expected: "image \"logo.png\" width: 40mm")
        }
        let source: ImageSource
        if case .text(.string(let path, _)) = v.kind {
            let resolved = try resolveImagePath(path, at: v.location)
            do {
                source = .resource(try images.image(at: resolved))
            } catch {
                throw self.error(.io, v.location, "cannot load image '\(path)': \(error)")
            }
        } else {
            source = .path(try textExpr(v, markup: false))
        }
        var alignment = TextAlignment.left
        if let p = property(e, "align") { alignment = try self.alignment(p) }
        return ImageNode(source: source, width: try optionalLength(e, "width"), height: try optionalLength(e, "height"),
                         dpi: try property(e, "dpi").map(number) ?? 150, alignment: alignment,
                         spaceBefore: try optionalLength(e, "space-before") ?? 0,
                         spaceAfter: try optionalLength(e, "space-after") ?? 0, location: e.location)
    }

    func resolveImagePath(_ path: String, at location: SourceLocation) throws -> String {
        var candidates = [directory + "/" + path]
        let fileDirectory = (location.file as NSString).deletingLastPathComponent
        if !fileDirectory.isEmpty { candidates.append(fileDirectory + "/" + path) }
        for folder in blockDirectories { candidates.append(folder + "/" + path) }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            return (candidate as NSString).standardizingPath
        }
        throw error(.io, location, "image '\(path)' not found", expected: "a file relative to the template folder \(Compiler.displayPath(directory))")
    }

    // MARK: Address (DIN 5008)

    func compileAddress(_ e: ElementSyntax) throws -> AddressNode {
        try checkProperties(e, allowed: ["return-address", "endorsement"])
        try checkPositional(e, max: 0)
        var items: [Flow<AddressItem>] = []
        if let p = property(e, "return-address") { items.append(.item(.returnAddress(try textExpr(try single(p)), .none))) }
        if let p = property(e, "endorsement") { items.append(.item(.endorsement(try textExpr(try single(p)), .none))) }
        items += try compileFlow(e.children) { statement in
            switch statement {
            case .property(let p) where p.name == "return-address":
                return [.item(.returnAddress(try self.textExpr(try self.single(p)), .none))]
            case .property(let p) where p.name == "endorsement":
                return [.item(.endorsement(try self.textExpr(try self.single(p)), .none))]
            case .element(let child) where child.name == "info":
                return [.item(.information(try self.compileBlocks(child.children)))]
            default:
                return try self.blockItem(statement).map { flow in
                    switch flow {
                    case .item(let b): return .item(.block(b))
                    default: return .item(.block(.keep([flow])))
                    }
                }
            }
        }
        return AddressNode(items: items, location: e.location)
    }
}
