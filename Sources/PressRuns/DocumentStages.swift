import Foundation
public import PressData
public import PressLayout
public import PressRender
import PressFonts
import PressTemplate

/// Stage 1 of the pipeline: a record -> its laid-out pages (template binding + layout).
///
/// The pipeline depends on this protocol only, so it is tested with doubles; the CLI uses
/// `TemplateDocumentProducer`.
public protocol DocumentProducer: Sendable {
    /// Lays out the document for `record` with the template and language in `facts`. A thrown error rejects
    /// the record (its text must not carry data values; it is scrubbed anyway).
    func produce(_ record: Record, facts: RecordFacts) throws -> LaidOutDocument
    /// Compiles/loads everything up front (templates), so that problems stop the run before the first record.
    func prepare(templates: [String]) throws
}

/// Stage 2: laid-out pages -> PDF bytes.
public protocol DocumentRenderer: Sendable {
    /// One document; `archival` asks for PDF/A-2b (the archive channel; e-mail shares the same bytes).
    func render(_ document: LaidOutDocument, archival: Bool) throws -> [UInt8]
    /// Pages as content streams (`RenderedPages`): a print letter's, once, for its print file and, through
    /// `renderArchival(_:)`, its archive copy.
    func renderPages(_ document: LaidOutDocument) throws -> RenderedPages
    /// The PDF/A-2b of pages from `renderPages`; nil when they cannot be one (DeviceCMYK colours: then
    /// `render(_:archival:)` converts them).
    func renderArchival(_ pages: RenderedPages) throws -> [UInt8]?
    /// A print file: the letters' rendered pages in order, in one PDF.
    func renderPrintFile(_ parts: [RenderedPages], metadata: DocumentMetadata) throws -> [UInt8]
}

/// The real producer: PressTemplate binding and PressLayout layout, with templates compiled once and shared.
public struct TemplateDocumentProducer: DocumentProducer {
    public let templates: TemplateCache
    public let layout: LayoutEngine
    /// The run's date as the templates' `today`.
    public let today: CivilDate

    public init(fonts: FontLibrary, today: CivilDate, templates: TemplateCache = TemplateCache()) {
        self.templates = templates
        self.layout = LayoutEngine(fonts: fonts)
        self.today = today
    }

    public func prepare(templates paths: [String]) throws {
        for p in paths {
            do { _ = try templates.template(at: p) } catch {
                throw RunError(.stage, "template \(p) does not compile", cause: "\(error)")
            }
        }
    }

    public func produce(_ record: Record, facts: RecordFacts) throws -> LaidOutDocument {
        let template = try templates.template(at: facts.template)
        let document = try template.bind(record.value, context: BindContext(language: facts.language, today: today))
        return try layout.layout(document)
    }
}

/// The real renderer: one shared `PDFRenderer` (its font and image caches serve every worker).
public struct PDFDocumentRenderer: DocumentRenderer {
    public let renderer: PDFRenderer
    /// The documents' creation date (the run's as-of clock).
    public let creationDate: Date

    public init(renderer: PDFRenderer = PDFRenderer(), creationDate: Date) {
        self.renderer = renderer
        self.creationDate = creationDate
    }

    public func render(_ document: LaidOutDocument, archival: Bool) throws -> [UInt8] {
        try renderer.render(document, options: PDFRenderOptions(creationDate: creationDate, pdfA: archival ? .a2b : nil))
    }

    public func renderPages(_ document: LaidOutDocument) throws -> RenderedPages {
        try renderer.renderPages(document, options: PDFRenderOptions(creationDate: creationDate))
    }

    public func renderArchival(_ pages: RenderedPages) throws -> [UInt8]? {
        guard !pages.usesDeviceCMYK else { return nil }
        return try renderer.assemble([pages], metadata: pages.metadata, options: PDFRenderOptions(creationDate: creationDate, pdfA: .a2b))
    }

    public func renderPrintFile(_ parts: [RenderedPages], metadata: DocumentMetadata) throws -> [UInt8] {
        try renderer.assemble(parts, metadata: metadata, options: PDFRenderOptions(creationDate: creationDate))
    }
}
