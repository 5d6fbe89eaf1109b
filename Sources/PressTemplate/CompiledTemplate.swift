import Foundation
import Synchronization
import PressData
import PressLayout

/// A template compiled once: parsed, names resolved, static images loaded. Immutable and `Sendable`,
/// so one instance serves all workers; `bind` never re-parses anything.
public final class CompiledTemplate: Sendable {
    /// The template folder's name, e.g. `invoice`.
    public let name: String
    /// The template folder (absolute, standardized).
    public let directory: String
    /// Languages with texts, the default language first.
    public let languages: [String]
    /// The language used when neither the command line nor the data names one.
    public let defaultLanguage: String
    /// Problems that do not stop rendering (e.g. a text missing in one language).
    public let warnings: [TemplateDiagnostic]

    let document: DocumentNode
    let page: PageNode
    let styles: [String: Style]
    let globals: [Flow<BlockNode>]
    let body: [Flow<BlockNode>]
    let slotCount: Int
    let slotNames: [String]
    let slotOrigins: [Int: ArgumentOrigin]
    let dynamicTexts: [[String: Expr]]

    init(name: String, directory: String, compiler: Compiler, dynamicTexts: [[String: Expr]]) {
        self.name = name
        self.directory = directory
        self.languages = compiler.languages
        self.defaultLanguage = compiler.document.defaultLanguage
        self.warnings = compiler.warnings
        self.document = compiler.document
        self.page = compiler.page
        self.styles = compiler.styles
        self.globals = compiler.globals
        self.body = compiler.body
        self.slotCount = compiler.slotCount
        self.slotNames = compiler.slotNames
        self.slotOrigins = compiler.slotOrigins
        self.dynamicTexts = dynamicTexts
    }

    /// Compiles the template at `path`: a folder holding `template.pwt` (and `texts.<lang>.pwt`), or a
    /// `.pwt` file. Blocks are looked up in `<folder>/blocks` and then in the sibling `blocks` folder
    /// (`Templates/blocks`).
    public static func compile(path: String, images: ImageCache = ImageCache()) throws(TemplateError) -> CompiledTemplate {
        var isDirectory: ObjCBool = false
        let absolute = ((path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path) as NSString).standardizingPath
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw TemplateError(TemplateDiagnostic(.io, at: SourceLocation(file: path, line: 1, column: 1),
                                                   "template '\(path)' not found",
                                                   expected: "a folder with template.pwt, or a .pwt file"))
        }
        let directory = isDirectory.boolValue ? absolute : (absolute as NSString).deletingLastPathComponent
        let mainFile = isDirectory.boolValue ? "template.pwt" : (absolute as NSString).lastPathComponent
        if isDirectory.boolValue, !FileManager.default.fileExists(atPath: directory + "/template.pwt") {
            throw TemplateError(TemplateDiagnostic(.io, at: SourceLocation(file: path, line: 1, column: 1),
                                                   "the template folder has no template.pwt",
                                                   expected: "\(path)/template.pwt"))
        }
        let parent = (directory as NSString).deletingLastPathComponent
        var blockDirectories = [directory + "/blocks"]
        if parent + "/blocks" != directory { blockDirectories.append(parent + "/blocks") }
        let compiler = Compiler(directory: directory, mainFile: mainFile, blockDirectories: blockDirectories, images: images)
        do {
            try compiler.compileMain()
            // Texts for `text(key)` with computed keys: compiled in the global scope.
            var tables: [[String: Expr]] = []
            for language in compiler.languages {
                var table: [String: Expr] = [:]
                for (key, entry) in compiler.texts[language] ?? [:] {
                    table[key] = try compiler.compile(entry.0, markup: true)
                }
                tables.append(table)
            }
            let name = (directory as NSString).lastPathComponent
            return CompiledTemplate(name: name, directory: directory, compiler: compiler, dynamicTexts: tables)
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(TemplateDiagnostic(.io, at: SourceLocation(file: path, line: 1, column: 1), "\(error)"))
        }
    }

    /// Binds one record: evaluates the template against `value` and returns the document to lay out.
    /// Throws a `TemplateError` naming the template location (and the data path for required data).
    public func bind(_ value: Value, context: BindContext) throws(TemplateError) -> Document {
        try bindWithDiagnostics(value, context: context).document
    }

    /// Like `bind`, also returning the warnings (missing texts, unknown data paths when
    /// `context.reportMissingPaths` is set, unknown language).
    public func bindWithDiagnostics(_ value: Value, context: BindContext) throws(TemplateError)
        -> (document: Document, warnings: [TemplateDiagnostic]) {
        var warnings: [TemplateDiagnostic] = []
        let startLocation = SourceLocation(file: name + "/template.pwt", line: 1, column: 1)
        var settings = EvaluationSettings(locale: .germany, language: defaultLanguage, languageIndex: 0, today: context.today,
                                          currency: "EUR", reportMissingPaths: context.reportMissingPaths, limits: context.limits)
        let evaluator = Evaluator(root: value, slotCount: slotCount, settings: settings)
        evaluator.dynamicTexts = dynamicTexts
        evaluator.slotNames = slotNames
        evaluator.slotOrigins = slotOrigins

        // Language: command line, then the data, then the default.
        var language = context.language ?? ""
        if language.isEmpty, let e = document.language {
            language = evaluator.display(try evaluator.eval(e)).trimmingCharacters(in: .whitespaces)
        }
        if language.isEmpty { language = defaultLanguage }
        let localeTag = context.locale ?? language
        let locale: TemplateLocale
        if let l = TemplateLocale.named(localeTag) {
            locale = l
        } else {
            warnings.append(TemplateDiagnostic(.invalidValue, .warning, at: startLocation,
                "unknown language or locale '\(localeTag)'; using '\(defaultLanguage)'",
                hint: Suggestion.hint(for: localeTag, in: TemplateLocale.all.map(\.identifier))))
            locale = TemplateLocale.named(defaultLanguage) ?? .germany
        }
        let primary = String(language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "").lowercased()
        var languageIndex = languages.firstIndex(of: language) ?? languages.firstIndex(of: primary)
        if languageIndex == nil {
            if !languages.isEmpty {
                warnings.append(TemplateDiagnostic(.unknownText, .warning, at: startLocation,
                    "the template has no texts for language '\(language)'; using '\(languages[0])'",
                    hint: "available: " + languages.joined(separator: ", ")))
            }
            languageIndex = 0
        }
        settings.locale = locale
        settings.language = languageIndex.map { $0 < languages.count ? languages[$0] : primary } ?? primary
        settings.languageIndex = languageIndex ?? 0
        if let e = document.currency {
            let c = evaluator.display(try evaluator.eval(e)).trimmingCharacters(in: .whitespaces)
            if !c.isEmpty { settings.currency = c.uppercased() }
            if !CurrencyInfo.isKnown(settings.currency) {
                warnings.append(TemplateDiagnostic(.invalidValue, .warning, at: startLocation,
                    "unknown currency '\(c)'; amounts get 2 decimals and the code as symbol",
                    hint: "known: " + CurrencyInfo.codes.joined(separator: ", ")))
            }
        }
        evaluator.settings = settings

        let binder = Binder(template: self, evaluator: evaluator, context: context)
        do {
            _ = try binder.blocks(globals)
            let bodyBlocks = try binder.blocks(body)
            var letter: Din5008Letter?
            if page.letter != nil || binder.addressSeen {
                letter = Din5008Letter(form: page.letter ?? .b, returnAddress: binder.returnAddress,
                                       endorsement: binder.endorsement, address: binder.address,
                                       informationBlock: binder.information, foldMarks: page.foldMarks,
                                       holeMark: page.holeMark)
            }
            let first = try binder.master(page.first, letter: letter)
            let following = try binder.master(page.following, letter: nil)
            var metadata = DocumentMetadata()
            if let e = document.title { metadata.title = nonEmpty(evaluator.display(try evaluator.eval(e))) }
            if let e = document.author { metadata.author = nonEmpty(evaluator.display(try evaluator.eval(e))) }
            if let e = document.subject { metadata.subject = nonEmpty(evaluator.display(try evaluator.eval(e))) }
            if let e = document.keywords { metadata.keywords = nonEmpty(evaluator.display(try evaluator.eval(e))) }
            metadata.language = locale.identifier
            let document = Document(metadata: metadata, pageSize: page.size, orientation: page.orientation,
                                    firstPage: first, followingPages: following, styles: styles,
                                    baseStyle: styles["body"] ?? Style(), fallbackFamilies: self.document.fallbackFonts,
                                    body: bodyBlocks)
            return (document, warnings + evaluator.warnings)
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(TemplateDiagnostic(.io, at: startLocation, "\(error)"))
        }
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}

/// Compiled templates by folder, compiled once per process and shared by all workers.
public final class TemplateCache: Sendable {
    private let entries = Mutex<[String: CompiledTemplate]>([:])
    /// The same templates by the path string exactly as asked for: a batch asks for the same one or few
    /// paths once per record, and normalising a path costs a getcwd and several readlink calls.
    private let byRequestedPath = Mutex<[String: CompiledTemplate]>([:])
    /// Images shared by every template compiled through this cache.
    public let images: ImageCache

    public init(images: ImageCache = ImageCache()) { self.images = images }

    /// The compiled template at `path` (compiled on first use; errors are not cached).
    public func template(at path: String) throws(TemplateError) -> CompiledTemplate {
        if let hit = byRequestedPath.withLock({ $0[path] }) { return hit }
        let key = ((path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path) as NSString).standardizingPath
        let compiled: CompiledTemplate
        if let cached = entries.withLock({ $0[key] }) {
            compiled = cached
        } else {
            let fresh = try CompiledTemplate.compile(path: path, images: images)
            compiled = entries.withLock { cache in
                if let raced = cache[key] { return raced }
                cache[key] = fresh
                return fresh
            }
        }
        // A relative path means the same folder for the whole process (Presswork never changes directory).
        byRequestedPath.withLock { $0[path] = compiled }
        return compiled
    }
}
