import ArgumentParser
import Foundation
import PressData
import PressFonts
import PressLayout
import PressPDF
import PressRender
import PressTemplate

/// `presswork render`: one data file + one template -> one PDF, written atomically.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render one document: a template folder and a JSON or XML data file to a PDF.",
        discussion: """
            Example: presswork render --template Templates/invoice --data Fixtures/invoice-de.json --out invoice.pdf
            Exit status: 0 written; 1 template, data, layout or output error (nothing is left at --out).
            """)

    @Option(name: .long, help: "Template folder (holding template.pwt) or a .pwt file.")
    var template: String

    @Option(name: .long, help: "Data file: .json or .xml (one document).")
    var data: String

    @Option(name: .long, help: "Output PDF path (written atomically).")
    var out: String

    @Option(name: .long, help: "Language of the document (de, pl, es, fr, en); default: from the data.")
    var lang: String?

    @Option(name: .long, help: "Locale for number/date formats (e.g. de-CH); default: the language's.")
    var locale: String?

    @Option(name: .long, help: "PDF/A conformance: 2b or 3b.")
    var pdfa: String?

    @Option(name: .long, help: "The date 'today' stands for, and the PDF creation date (YYYY-MM-DD). Default: the current UTC date.")
    var date: String?

    @Option(name: .long, help: "An extra font folder (searched first).")
    var fonts: [String] = []

    func run() async throws {
        let today = try RenderPipeline.parseDate(date)
        let pdfA: PDFAConformance?
        switch pdfa?.lowercased() {
        case nil: pdfA = nil
        case "2b", "a2b", "a-2b": pdfA = .a2b
        case "3b", "a3b", "a-3b": pdfA = .a3b
        default: throw ValidationError("--pdfa must be 2b or 3b")
        }
        do {
            let pipeline = try RenderPipeline(templatePath: template, extraFontFolders: fonts)
            let value = try RenderPipeline.loadData(data)
            let context = BindContext(language: lang, locale: locale, today: today, images: pipeline.cache.images)
            let (pdf, warnings) = try pipeline.render(value, context: context, pdfA: pdfA, creationDate: today)
            for warning in warnings { RenderPipeline.printError(warning.description) }
            try RenderPipeline.writeAtomically(pdf, to: out)
        } catch {
            RenderPipeline.printError(error.message)
            throw ExitCode(1)
        }
    }
}

/// Template -> bind -> layout -> PDF, shared by `render` and `check`.
struct RenderPipeline {
    struct Failure: Error { var message: String }

    let cache: TemplateCache
    let template: CompiledTemplate
    let fonts: FontLibrary

    init(templatePath: String, extraFontFolders: [String]) throws(Failure) {
        cache = TemplateCache()
        do {
            template = try cache.template(at: templatePath)
        } catch {
            throw Failure(message: error.description)
        }
        var folders = extraFontFolders + [template.directory + "/fonts"]
        if let repo = RenderPipeline.repositoryRoot(from: template.directory) { folders.append(repo + "/Fixtures/fonts") }
        folders.append(FileManager.default.currentDirectoryPath + "/Fixtures/fonts")
        fonts = FontLibrary(searchPaths: folders.filter { FileManager.default.fileExists(atPath: $0) }, includeSystemFonts: true)
    }

    /// The nearest folder above `path` holding Package.swift.
    static func repositoryRoot(from path: String) -> String? {
        var url = URL(fileURLWithPath: path)
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return nil
    }

    static func loadData(_ path: String) throws(Failure) -> Value {
        do {
            return try DocumentLoader.load(path: path)
        } catch {
            throw Failure(message: "\(path): error: \(error)")
        }
    }

    func bind(_ value: Value, context: BindContext) throws(Failure) -> (Document, [TemplateDiagnostic]) {
        do {
            return try template.bindWithDiagnostics(value, context: context)
        } catch {
            throw Failure(message: error.description)
        }
    }

    func render(_ value: Value, context: BindContext, pdfA: PDFAConformance?, creationDate: CivilDate) throws(Failure)
        -> ([UInt8], [TemplateDiagnostic]) {
        let (document, warnings) = try bind(value, context: context)
        do {
            let laidOut = try LayoutEngine(fonts: fonts).layout(document)
            for warning in laidOut.warnings { RenderPipeline.printError("warning: \(warning)") }
            let options = PDFRenderOptions(creationDate: Date(timeIntervalSince1970: Double(creationDate.days) * 86_400),
                                           pdfA: pdfA)
            return (try PDFRenderer().render(laidOut, options: options), warnings)
        } catch {
            throw Failure(message: "error: \(error)")
        }
    }

    static func parseDate(_ text: String?) throws -> CivilDate {
        guard let text else {
            return CivilDate(days: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down)))
        }
        guard let date = CivilDate(parsing: text) else { throw ValidationError("--date must be YYYY-MM-DD, found '\(text)'") }
        return date
    }

    /// Writes to a temporary file next to `path`, syncs it, and renames it over `path`: readers never
    /// see a partial file, and nothing is left behind on error.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(message: "\(path): error: cannot create the output file (\(String(cString: strerror(errno))))") }
        var ok = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw Failure(message: "\(path): error: cannot write the output file (\(reason))")
        }
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
