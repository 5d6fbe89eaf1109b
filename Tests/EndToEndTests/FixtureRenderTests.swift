// Every fixture renders with its family's template into a valid, A4, font-embedded PDF that shows the
// recipient, the document number and the key amount, with the right number of pages.
import Foundation
import Testing

@Suite("Fixtures render end to end")
struct FixtureRenderTests {
    @Test("fixtures are listed in Fixtures/expected.json")
    func fixturesListed() {
        #expect(FixtureCase.all.count >= 30, "Fixtures/expected.json missing or short: run python3 Fixtures/generate.py")
        for family in ["invoice", "dunning", "contract", "commission", "bench-invoice"] {
            #expect(FixtureCase.all.contains { $0.family == family }, "no fixture for \(family)")
        }
        for family in ["invoice", "dunning", "contract", "commission"] {
            #expect(FixtureCase.all.contains { $0.family == family && $0.min_pages >= 10 }, "no long fixture for \(family)")
            #expect(FileManager.default.fileExists(atPath: Repo.path("Fixtures/\(family)-minimal.json")), "no minimal fixture for \(family)")
            #expect(FixtureCase.all.contains { $0.family == family && $0.xml_twin != nil },
                    "no XML twin for \(family)")
        }
        #expect(FileManager.default.fileExists(atPath: Repo.path("Fixtures/invoice-de.xml")))
    }

    @Test("renders and checks out", arguments: FixtureCase.all)
    func renders(_ fixture: FixtureCase) throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("x.pdf").path
        let result = try Tool.render(template: fixture.template, data: fixture.data, out: out)
        try #require(result.succeeded, "presswork render failed (\(result.status)): \(result.stderr)")
        try #require(FileManager.default.fileExists(atPath: out), "no PDF written")

        let report = try PDFReport(path: out)
        #expect(report.qpdfOK, "qpdf --check: \(report.qpdfOutput)")
        #expect(!report.fonts.isEmpty, "pdffonts lists no font")
        for font in report.fonts {
            #expect(font.embedded && font.subset && font.unicode, "font \(font.name): emb \(font.embedded) sub \(font.subset) uni \(font.unicode)")
        }

        #expect(report.pages >= fixture.min_pages, "\(report.pages) pages, expected at least \(fixture.min_pages)")
        if let max = fixture.max_pages { #expect(report.pages <= max, "\(report.pages) pages, expected at most \(max)") }
        #expect(report.pageSizes.count == report.pages)
        for (index, size) in report.pageSizes.enumerated() {
            #expect(abs(size.0 - 595.28) < 0.01 && abs(size.1 - 841.89) < 0.01, "page \(index + 1) is \(size.0) x \(size.1), not A4")
        }

        let text = try PDFReport.text(out)
        #expect(text.contains(normalized(fixture.recipient)), "recipient '\(fixture.recipient)' not in the text")
        #expect(text.contains(fixture.number), "document number '\(fixture.number)' not in the text")
        #expect(fixture.totalSpellings.contains { text.contains($0) }, "amount \(fixture.totalSpellings) not in the text")

        if report.pages >= 2 {
            let page2 = try PDFReport.text(out, first: 2, last: 2)
            #expect(page2.contains(fixture.pageOf(2, report.pages)), "page 2 lacks '\(fixture.pageOf(2, report.pages))'")
        }
    }

    @Test("long documents repeat the table header and carry the subtotal forward")
    func longDocumentsRepeatHeaders() throws {
        // (fixture, a column heading, the carried-forward label at the top of page 2)
        let cases: [(String, String, String)] = [
            ("invoice-long", "Beschreibung", "Übertrag"),
            ("dunning-long", "odsetki", "Z przeniesienia"),
            ("commission-long", "Bemessung", "Übertrag"),
        ]
        for (name, heading, carried) in cases {
            guard let fixture = FixtureCase.all.first(where: { $0.name == name }) else {
                Issue.record("fixture \(name) missing")
                continue
            }
            let folder = try Repo.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("x.pdf").path
            let result = try Tool.render(template: fixture.template, data: fixture.data, out: out)
            try #require(result.succeeded, "\(name): \(result.stderr)")
            let pages = try PDFReport(path: out).pages
            #expect(pages >= 10, "\(name): \(pages) pages")
            // page 2 and a middle page are inside the item table (the last may hold only the totals)
            for page in [2, pages / 2] where page >= 2 {
                let text = try PDFReport.text(out, first: page, last: page)
                #expect(text.contains(heading), "\(name) page \(page): no repeated header '\(heading)'")
                #expect(text.contains(carried), "\(name) page \(page): no carried-forward line '\(carried)'")
            }
        }
    }

    @Test("the contract schedule has one row per month and the instalments from the annuity formula")
    func contractSchedule() throws {
        for fixture in FixtureCase.all where fixture.family == "contract" {
            let folder = try Repo.temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let out = folder.appendingPathComponent("x.pdf").path
            let result = try Tool.render(template: fixture.template, data: fixture.data, out: out)
            try #require(result.succeeded, "\(fixture.name): \(result.stderr)")
            let text = try PDFReport.text(out)
            let expected = try contractExpectation(fixture.name)
            #expect(fixture.totalSpellings.contains { text.contains($0) }, "\(fixture.name): instalment \(fixture.total) missing")
            let last = FixtureCase(family: "", language: "", locale: fixture.locale, recipient: "", number: "",
                                   total: expected.last, min_pages: 0).totalSpellings
            #expect(last.contains { text.contains($0) }, "\(fixture.name): last instalment \(expected.last) missing")
            // the last schedule row's number is the term
            #expect(text.contains(" \(expected.rows) "), "\(fixture.name): no row \(expected.rows)")
        }
    }

    private func contractExpectation(_ name: String) throws -> (last: String, rows: Int) {
        let data = try Data(contentsOf: Repo.root.appendingPathComponent("Fixtures/expected.json"))
        let table = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        let entry = try #require(table?[name])
        return (try #require(entry["last_instalment"] as? String), try #require(entry["rows"] as? Int))
    }
}

@Suite("Fixtures are current")
struct FixtureGeneratorTests {
    @Test("Fixtures/generate.py --check finds every committed fixture up to date")
    func generatorCheck() throws {
        guard Tool.available("python3") else {
            Issue.record("python3 not found: cannot verify Fixtures/generate.py")
            return
        }
        let result = try Tool.run("python3", ["Fixtures/generate.py", "--check"])
        #expect(result.succeeded, "\(result.stdout)\(result.stderr)")
    }
}
