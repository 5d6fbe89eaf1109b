import Testing
@testable import PressPDF

/// qpdf / poppler checks on produced files. Skipped with a message when the tools are missing.
@Suite struct ExternalToolTests {
    @Test(arguments: [PDFAConformance?.none, .a2b, .a3b])
    func qpdfAcceptsOutput(pdfA: PDFAConformance?) throws {
        for options in [PDFWriter.Options(), .pretty] {
            let pdf = sampleDocument(options: options, pdfA: pdfA)
            let url = try temporaryFile(pdf, name: "sample-\(pdfA?.rawValue ?? "plain")-\(options.objectStreams).pdf")
            guard let result = runTool("qpdf", ["--check", url.path]) else {
                print("SKIP: qpdf not installed (apt-get install qpdf); structure not checked")
                return
            }
            #expect(result.status == 0, "\(result.output)")
            if pdfA == .a3b, let list = runTool("pdfdetach", ["-list", url.path]) {
                #expect(list.output.contains("factur-x.xml"))
            }
            if let info = runTool("pdfinfo", [url.path]) {
                #expect(info.output.contains("Title:           Rechnung Łódź (1)"))
                #expect(info.output.contains("595.276 x 841.89 pts (A4)"))
                #expect(info.output.contains("PDF version:     1.7"))
            }
        }
    }
}
