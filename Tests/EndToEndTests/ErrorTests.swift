// Bad data and bad templates fail with the location named, and leave no PDF behind.
import Foundation
import Testing

@Suite("Errors name their location")
struct ErrorTests {
    @Test("a missing required field fails the document with its data path")
    func missingRequiredField() throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // invoice-minimal.json without document.number
        let source = try Data(contentsOf: Repo.root.appendingPathComponent("Fixtures/invoice-minimal.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: source) as? [String: Any])
        var document = try #require(object["document"] as? [String: Any])
        document.removeValue(forKey: "number")
        object["document"] = document
        let data = folder.appendingPathComponent("broken.json")
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: data)
        let out = folder.appendingPathComponent("x.pdf").path

        let result = try Tool.render(template: "Templates/invoice", data: data.path, out: out)
        #expect(!result.succeeded, "render succeeded without document.number")
        #expect(result.stderr.contains("document.number"), "the data path is not named: \(result.stderr)")
        #expect(result.stderr.contains("template.pwt:"), "the template location is not named: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "a PDF was left at the output path")
    }

    @Test("missing data passed into a shared block is named by its path in the data")
    func missingRequiredFieldInsideABlock() throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // invoice-de.json without recipient.name: the block `recipient.pwt` calls it `party.name`
        let source = try Data(contentsOf: Repo.root.appendingPathComponent("Fixtures/invoice-de.json"))
        var object = try #require(try JSONSerialization.jsonObject(with: source) as? [String: Any])
        var recipient = try #require(object["recipient"] as? [String: Any])
        recipient.removeValue(forKey: "name")
        object["recipient"] = recipient
        let data = folder.appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).write(to: data)
        let out = folder.appendingPathComponent("x.pdf").path

        let result = try Tool.render(template: "Templates/invoice", data: data.path, out: out)
        #expect(!result.succeeded)
        let expected = #"Templates/blocks/recipient.pwt:3:5: error: required data 'recipient.name' is missing "#
            + #"\(as 'party.name' in blocks/recipient.pwt, included from invoice/template.pwt:\d+:\d+\)"#
        #expect(result.stderr.range(of: expected, options: .regularExpression) != nil, "unexpected message: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a template syntax error names file:line:column")
    func syntaxError() throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: template, withIntermediateDirectories: true)
        // the blocks opened on lines 2 and 3 are closed only once: the error is at the end of the file
        try """
            style body { font: "DejaVu Sans"; size: 10pt }
            body {
              keep {
                p "Hallo"
            }

            """.write(to: template.appendingPathComponent("template.pwt"), atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("x.pdf").path
        let result = try Tool.render(template: template.path, data: "Fixtures/invoice-minimal.json", out: out)
        #expect(!result.succeeded)
        let message = result.stderr
        #expect(message.range(of: #"template\.pwt:\d+:\d+: error"#, options: .regularExpression) != nil,
                "no file:line:column in: \(message)")
        #expect(message.contains("'}'"), "the missing '}' is not named: \(message)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("an unknown function names its line and column and suggests the right one")
    func unknownFunction() throws {
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: template, withIntermediateDirectories: true)
        try """
            body {
              p "Summe: {sumn(items, it.quantity)}"
            }

            """.write(to: template.appendingPathComponent("template.pwt"), atomically: true, encoding: .utf8)
        let result = try Tool.render(template: template.path, data: "Fixtures/invoice-minimal.json",
                                     out: folder.appendingPathComponent("x.pdf").path)
        #expect(!result.succeeded)
        #expect(result.stderr.range(of: #"template\.pwt:2:\d+: error"#, options: .regularExpression) != nil,
                "no template.pwt:2:<column> in: \(result.stderr)")
        #expect(result.stderr.contains("sumn"), "\(result.stderr)")
    }
}

@Suite("presswork check")
struct CheckCommandTests {
    @Test("every family template validates against its fixtures", arguments: ["invoice", "dunning", "contract", "commission", "bench-invoice"])
    func templatesValidate(_ family: String) throws {
        guard let binary = Repo.binary else {
            Issue.record("presswork binary not found; run `swift build` first or set PRESSWORK_BIN")
            return
        }
        for fixture in FixtureCase.all where fixture.family == family {
            let result = try Tool.run(binary, ["check", fixture.template, "--data", fixture.data])
            #expect(result.succeeded, "\(fixture.name): \(result.stdout)\(result.stderr)")
            #expect(!result.stderr.contains("error:") && !result.stdout.contains("error:"), "\(fixture.name): \(result.stderr)")
        }
    }

    @Test("check reports a broken template with file:line:column and exit status 1")
    func checkReportsErrors() throws {
        guard let binary = Repo.binary else {
            Issue.record("presswork binary not found; run `swift build` first or set PRESSWORK_BIN")
            return
        }
        let folder = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "body {\n  p \"{1 +}\"\n}\n".write(to: folder.appendingPathComponent("template.pwt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(binary, ["check", folder.path])
        #expect(result.status == 1, "exit status \(result.status)")
        let output = result.stdout + result.stderr
        #expect(output.range(of: #"template\.pwt:2:\d+: error"#, options: .regularExpression) != nil, "\(output)")
    }
}
