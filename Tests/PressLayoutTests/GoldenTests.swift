import Foundation
import Testing
@testable import PressLayout

/// Text dumps of small documents compared with `Goldens/<name>.txt` (RECORD_GOLDENS=1 re-records).
@Suite struct GoldenTests {
    func check(_ name: String, _ document: Document) throws {
        let dump = try TestSupport.engine.layout(document).textDump()
        let (matches, expected) = try TestSupport.golden(name, dump)
        if !matches {
            let a = dump.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name): first difference at line \(first + 1):\n  got:      \(first < a.count ? a[first] : "<end>")\n  expected: \(first < b.count ? b[first] : "<end>")")
        }
    }

    @Test func paragraphs() throws { try check("paragraphs", SampleDocuments.paragraphs()) }
    @Test func invoiceTwoPages() throws { try check("invoice-40", SampleDocuments.invoice(items: 40)) }

    @Test func layoutIsDeterministic() throws {
        let a = try TestSupport.engine.layout(SampleDocuments.invoice(items: 40)).textDump()
        let b = try TestSupport.engine.layout(SampleDocuments.invoice(items: 40)).textDump()
        #expect(a == b)
    }

    @Test func invoiceHasTwoPagesAndCarriedSums() throws {
        let laid = try TestSupport.engine.layout(SampleDocuments.invoice(items: 40))
        #expect(laid.pages.count == 2)
        #expect(laid.warnings.isEmpty)
        let page1 = TestSupport.lines(laid.pages[0]), page2 = TestSupport.lines(laid.pages[1])
        let bottom = try #require(page1.last { $0.hasPrefix("Übertrag") })
        let top = try #require(page2.first { $0.hasPrefix("Übertrag") })
        #expect(bottom == top)
        #expect(page1.last == "Seite 1 von 2")
        #expect(page2.last == "Seite 2 von 2")
    }
}
