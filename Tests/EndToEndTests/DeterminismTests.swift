// JSON and XML of the same content give the same PDF bytes; the same input gives the same bytes twice.
import Foundation
import Testing

@Suite("Deterministic output")
struct DeterminismTests {
    @Test("XML twin renders to the same bytes as its JSON fixture", arguments: FixtureCase.twins)
    func xmlTwin(_ fixture: FixtureCase) throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fromJSON = folder.appendingPathComponent("json.pdf").path
        let fromXML = folder.appendingPathComponent("xml.pdf").path
        let a = try Tool.render(template: fixture.template, data: fixture.data, out: fromJSON)
        try #require(a.succeeded, "JSON: \(a.stderr)")
        let b = try Tool.render(template: fixture.template, data: "Fixtures/\(try #require(fixture.xml_twin))", out: fromXML)
        try #require(b.succeeded, "XML: \(b.stderr)")
        let x = try Data(contentsOf: URL(fileURLWithPath: fromJSON)), y = try Data(contentsOf: URL(fileURLWithPath: fromXML))
        #expect(x == y, "\(fixture.name): JSON \(x.count) bytes vs XML \(y.count) bytes differ")
    }

    @Test("the same input renders to the same bytes twice")
    func repeatable() throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [Data] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("\(run).pdf").path
            let r = try Tool.render(template: "Templates/invoice", data: "Fixtures/invoice-de.json", out: out)
            try #require(r.succeeded, "\(r.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
    }
}
