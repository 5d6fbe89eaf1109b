import Foundation
import PressworkTestSupport
@testable import PressPDF

/// The folder holding Package.swift, found by walking up from this file.
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}

/// Compares `bytes` with `Tests/PressPDFTests/Goldens/<name>`; with RECORD_GOLDENS=1 rewrites it.
func matchesGolden(_ bytes: [UInt8], named name: String) throws -> Bool {
    let url = repositoryRoot.appendingPathComponent("Tests/PressPDFTests/Goldens/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try Data(bytes).write(to: url)
        return true
    }
    guard let golden = FileManager.default.contents(atPath: url.path) else { return false }
    return [UInt8](golden) == bytes
}

/// Finds `needle` in `haystack` from `start`.
func find(_ needle: String, in haystack: [UInt8], from start: Int = 0) -> Int? {
    let n = Array(needle.utf8)
    guard n.count <= haystack.count else { return nil }
    var i = start
    while i + n.count <= haystack.count {
        if haystack[i] == n[0] && Array(haystack[i..<i + n.count]) == n { return i }
        i += 1
    }
    return nil
}

/// Runs a tool if present; returns nil when it is not installed.
func runTool(_ name: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let candidates = ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Writes bytes to a unique temporary file.
func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
    let dir = URL(fileURLWithPath: TestScratch.folder("presspdf-tests"))
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

/// A small but complete document: one page with graphics and text (no embedded font needed
/// for structure checks), Info, XMP, output intent, an embedded file.
func sampleDocument(options: PDFWriter.Options, pdfA: PDFAConformance? = nil) -> [UInt8] {
    var w = PDFWriter(options: options)
    let catalog = w.newRef(), pages = w.newRef(), page = w.newRef(), content = w.newRef()
    let info = w.newRef(), metadata = w.newRef()
    let meta = DocumentMetadataFields(title: "Rechnung Łódź (1)", author: "Presswork", producer: "PressPDF tests",
                                      creationDate: PDFDate(year: 2026, month: 11, day: 22, hour: 10, minute: 30))
    var c = Content()
    c.savingState { c in
        c.setFillRGB(0.9, 0.2, 0.1)
        c.roundedRect(50, 700, 200, 80, radius: 8)
        c.fill()
        c.setStrokeCMYK(0, 0, 0, 1)
        c.setLineWidth(0.5)
        c.setDash([3, 1.5])
        c.moveTo(50, 650); c.lineTo(545.28, 650); c.stroke()
    }
    w.contentStream(content, .raw(c.finish()))
    w.page(page) { p in
        p.parent(pages)
        p.mediaBox(.a4)
        p.resources { _ in }
        p.contents(content)
    }
    w.pages(pages) { p in p.kids([page]); p.count(1) }
    w.documentInfo(info) { meta.write(to: &$0) }
    w.metadata(metadata, .uncompressed(meta.xmpPacket(pdfA: pdfA)))
    var intent: ObjectRef?
    var fileSpec: ObjectRef?
    if pdfA != nil {
        intent = w.sRGBOutputIntent()
    }
    if pdfA == .a3b {
        let file = w.newRef(), spec = w.newRef()
        let xml = Array("<invoice>1</invoice>".utf8)
        w.embeddedFile(file, .raw(xml)) { e in
            e.mimeType("text/xml")
            e.params(size: xml.count, modificationDate: meta.creationDate)
        }
        w.fileSpec(spec) { f in
            f.fileName(PDFString("factur-x.xml"))
            f.unicodeFileName(TextString("factur-x.xml"))
            f.description(TextString("Invoice data"))
            f.embeddedFile(file)
            f.afRelationship(.data)
        }
        fileSpec = spec
    }
    w.catalog(catalog) { cat in
        cat.pages(pages)
        cat.metadata(metadata)
        if let intent { cat.outputIntents([intent]) }
        if let fileSpec {
            cat.names { n in n.embeddedFiles([(PDFString("factur-x.xml"), fileSpec)]) }
            cat.associatedFiles([fileSpec])
        }
    }
    return w.finish()
}
