import Foundation
import PressLayout
import PressImages

/// Compiles a template folder (main file, text files, includes, blocks) into a `CompiledTemplate`.
///
/// Names are resolved to slots once, include/call bodies are expanded in place (so binding never looks
/// anything up by name), static properties become layout values, and static images are loaded.
final class Compiler {
    /// Maximum nesting of includes and sub-template calls.
    static let maxIncludeDepth = 32

    let directory: String
    let mainFile: String
    /// Where `include "name"` looks: the template's own `blocks/`, then the shared `Templates/blocks/`.
    let blockDirectories: [String]
    let images: ImageCache

    // Scopes: name -> slot, innermost last.
    var scopes: [[String: Int]] = [[:]]
    var slotCount = 0
    /// The name each slot was declared with (for messages).
    var slotNames: [String] = []
    /// Include / sub-template parameters that were passed a data path, by slot.
    var slotOrigins: [Int: ArgumentOrigin] = [:]
    var includeStack: [String] = []
    var callStack: [String] = []
    var parsedFiles: [String: [StatementSyntax]] = [:]

    var styles: [String: Style] = [:]
    var styleOrder: [String] = []
    var referencedStyles: [(String, SourceLocation)] = []
    var defines: [String: (parameters: [String], body: [StatementSyntax], location: SourceLocation)] = [:]
    /// Texts: language -> key -> (syntax, location).
    var texts: [String: [String: (ExprSyntax, SourceLocation)]] = [:]
    var languages: [String] = []
    var warnings: [TemplateDiagnostic] = []

    var document = DocumentNode()
    var page = PageNode()
    var pageSeen = false
    var globals: [Flow<BlockNode>] = []
    var body: [Flow<BlockNode>] = []

    init(directory: String, mainFile: String, blockDirectories: [String], images: ImageCache) {
        self.directory = directory
        self.mainFile = mainFile
        self.blockDirectories = blockDirectories
        self.images = images
    }

    // MARK: Diagnostics

    func error(_ code: TemplateDiagnostic.Code, _ location: SourceLocation, _ message: String,
               expected: String? = nil, hint: String? = nil) -> TemplateError {
        TemplateError(TemplateDiagnostic(code, at: location, message, expected: expected, hint: hint))
    }

    // MARK: Files

    /// A path shown in messages: relative to the working directory when possible.
    static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// A file named for messages about include arguments: relative to the folder holding the template
    /// folder (`blocks/recipient.pwt`, `invoice/template.pwt`), else as in locations.
    func shortName(_ file: String) -> String {
        let root = Compiler.displayPath((directory as NSString).deletingLastPathComponent)
        if !root.isEmpty, file.hasPrefix(root + "/") { return String(file.dropFirst(root.count + 1)) }
        return file
    }

    func parse(path: String, requestedAt location: SourceLocation?) throws -> [StatementSyntax] {
        if let cached = parsedFiles[path] { return cached }
        guard let data = FileManager.default.contents(atPath: path) else {
            let where_ = location ?? SourceLocation(file: Compiler.displayPath(path), line: 1, column: 1)
            throw error(.io, where_, "cannot read template file '\(Compiler.displayPath(path))'")
        }
        let statements = try Parser.parseFile(source: Array(data), file: Compiler.displayPath(path))
        parsedFiles[path] = statements
        return statements
    }

    /// Resolves `include "name"`: `name.pwt` or `name` in the block folders, or a path relative to the
    /// template folder / the including file.
    func resolveInclude(_ name: String, from location: SourceLocation) throws -> String {
        var candidates: [String] = []
        let withExtension = name.hasSuffix(".pwt") ? name : name + ".pwt"
        for folder in blockDirectories {
            candidates.append(folder + "/" + withExtension)
        }
        candidates.append(directory + "/" + withExtension)
        let includingDirectory = (location.file as NSString).deletingLastPathComponent
        if !includingDirectory.isEmpty {
            candidates.append(includingDirectory + "/" + withExtension)
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate) {
            return (candidate as NSString).standardizingPath
        }
        var known: [String] = []
        for folder in blockDirectories {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
                known += names.filter { $0.hasSuffix(".pwt") }.map { String($0.dropLast(4)) }
            }
        }
        throw error(.include, location, "include '\(name)' not found",
                    expected: "a file \(withExtension) in \(blockDirectories.map(Compiler.displayPath).joined(separator: " or "))",
                    hint: Suggestion.hint(for: name, in: known.sorted()))
    }

    // MARK: Scopes

    func pushScope() { scopes.append([:]) }
    func popScope() { scopes.removeLast() }

    func declare(_ name: String) -> Int {
        let slot = slotCount
        slotCount += 1
        slotNames.append(name)
        scopes[scopes.count - 1][name] = slot
        return slot
    }

    func lookup(_ name: String) -> Int? {
        for scope in scopes.reversed() {
            if let slot = scope[name] { return slot }
        }
        return nil
    }

    var visibleNames: [String] { scopes.flatMap(\.keys) }

    // MARK: Entry

    func compileMain() throws {
        let mainPath = directory + "/" + mainFile
        // Text files first: texts.<lang>.pwt
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for name in names.sorted() where name.hasPrefix("texts.") && name.hasSuffix(".pwt") {
                let language = String(name.dropFirst(6).dropLast(4))
                guard !language.isEmpty, !language.contains(".") else { continue }
                let statements = try parse(path: directory + "/" + name, requestedAt: nil)
                try registerTexts(language: language, statements)
            }
        }
        let statements = try parse(path: mainPath, requestedAt: nil)
        try collectDeclarations(statements, depth: 0)
        try compileTopLevel(statements)
        try checkStyles()
    }

    /// First pass: default language, texts, styles and sub-templates, so that their use may come first.
    func collectDeclarations(_ statements: [StatementSyntax], depth: Int) throws {
        for statement in statements {
            switch statement {
            case .element(let e) where e.name == "document":
                for p in e.properties where p.name == "default-language" {
                    if case .word(let w)? = p.values.first?.kind { document.defaultLanguage = w }
                    if case .text(.string(let s, _))? = p.values.first?.kind { document.defaultLanguage = s }
                }
            case .element(let e) where e.name == "texts":
                try registerTexts(element: e)
            case .define(let name, let parameters, let body, let location):
                defines[name] = (parameters, body, location)
            case .include(let name, _, let location) where depth < Compiler.maxIncludeDepth:
                let path = try resolveInclude(name, from: location)
                try collectDeclarations(try parse(path: path, requestedAt: location), depth: depth + 1)
            default:
                break
            }
        }
        orderLanguages()
    }

    func orderLanguages() {
        var list = texts.keys.sorted()
        if let i = list.firstIndex(of: document.defaultLanguage) {
            list.remove(at: i)
            list.insert(document.defaultLanguage, at: 0)
        }
        // Keep existing indices stable (compiled text tables index into `languages`).
        for language in list where !languages.contains(language) { languages.append(language) }
    }

    func registerTexts(element: ElementSyntax) throws {
        guard case .word(let language)? = element.positional.first?.kind else {
            throw error(.syntax, element.location, "'texts' needs a language", expected: "texts de { key: \"…\" }")
        }
        try registerTexts(language: language, element.properties.map { StatementSyntax.property($0) } + element.children)
    }

    func registerTexts(language: String, _ statements: [StatementSyntax]) throws {
        var table = texts[language] ?? [:]
        for statement in statements {
            switch statement {
            case .property(let p):
                guard p.values.count == 1 else {
                    throw error(.syntax, p.location, "a text needs exactly one value", expected: "\(p.name): \"…\"")
                }
                let value = p.values[0]
                switch value.kind {
                case .text(let e), .expression(let e): table[p.name] = (e, value.location)
                case .word(let w): table[p.name] = (.string(w, value.location), value.location)
                default:
                    throw error(.invalidValue, value.location, "a text must be written in quotes", expected: "\(p.name): \"…\"")
                }
            default:
                let location: SourceLocation
                switch statement {
                case .element(let e): location = e.location
                case .text(_, let l), .letVariable(_, _, let l), .setVariable(_, _, let l), .ifChain(_, _, let l), .forLoop(_, _, _, let l),
                     .include(_, _, let l), .call(_, _, let l), .define(_, _, _, let l): location = l
                case .property(let p): location = p.location
                }
                throw error(.syntax, location, "only 'key: \"text\"' lines are allowed in texts", expected: "key: \"text\"")
            }
        }
        texts[language] = table
    }
}
