import Foundation
import PressData
import Testing
@testable import PressTemplate

/// Messages about missing data name the path in the data record, also when the template reached it
/// through an include / sub-template parameter or a `let` alias.
@Suite struct DataPathDiagnosticTests {
    static let recipientBlock = """
        // the address field
        p "{party.street}"
        p "{party.name!}"
        if party.fax { p "Fax {party.fax}" }

        """

    /// Binds with `check --data` reporting and returns the warnings.
    static func checkWarnings(_ files: [String: String], data: Value) throws -> [TemplateDiagnostic] {
        let template = try CompiledTemplate.compile(path: TestSupport.makeTemplate(files))
        var context = TestSupport.context()
        context.reportMissingPaths = true
        return try template.bindWithDiagnostics(data, context: context).warnings
    }

    @Test func requiredDataInAnIncludeNamesTheDataPath() throws {
        let files = [
            "template.pwt": "body {\n  p \"x\"\n  include \"recipient\" with (party: recipient)\n}\n",
            "../blocks/recipient.pwt": Self.recipientBlock,
        ]
        let d = try #require(TestSupport.bindError(files, data: ["recipient": ["street": "Hauptstr. 1"]]))
        #expect(d.code == .requiredMissing)
        #expect(d.location.file.hasSuffix("blocks/recipient.pwt"))
        #expect((d.location.line, d.location.column) == (3, 5))
        #expect(d.message == "required data 'recipient.name' is missing (as 'party.name' in blocks/recipient.pwt, included from tpl/template.pwt:3:3)")
        #expect(d.hint == "the data record has no value at 'recipient.name'; remove the '!' if it is optional")
        // The whole object missing names the same path.
        let whole = try #require(TestSupport.bindError(files, data: ["other": 1]))
        #expect(whole.message.hasPrefix("required data 'recipient.name' is missing (as 'party.name'"))
        #expect(TestSupport.bindError(files, data: ["recipient": ["name": "Zoë Łukasik"]]) == nil)
    }

    @Test func nestedIncludesAndSubTemplatesComposeThePath() throws {
        let files = [
            "template.pwt": """
                define line(who) {
                  p "{who.city!}"
                }
                body {
                  include "outer" with (doc: invoice)
                }

                """,
            "../blocks/outer.pwt": "include \"recipient\" with (party: doc.buyer)\ncall line(doc.buyer.address)\n",
            "../blocks/recipient.pwt": Self.recipientBlock,
        ]
        let d = try #require(TestSupport.bindError(files, data: ["invoice": ["buyer": ["street": "x"]]]))
        #expect(d.message == "required data 'invoice.buyer.name' is missing (as 'party.name' in blocks/recipient.pwt, included from blocks/outer.pwt:1:1)")
        let c = try #require(TestSupport.bindError(files, data: ["invoice": ["buyer": ["name": "A", "address": ["zip": "1"]]]]))
        #expect(c.message == "required data 'invoice.buyer.address.city' is missing (as 'who.city' in sub-template 'line', called from blocks/outer.pwt:2:1)")
    }

    @Test func letAliasNamesTheDataPath() throws {
        let files = ["template.pwt": "let company = sender\nbody {\n  p \"{company.name!}\"\n}\n"]
        let d = try #require(TestSupport.bindError(files, data: ["sender": ["city": "Köln"]]))
        #expect(d.message == "required data 'sender.name' is missing (as 'company.name'; 'company' is set at tpl/template.pwt:1:1)")
        // A computed value is not a data path: the message keeps the path as written.
        let computed = ["template.pwt": "let total = 2 * 3\nbody {\n  p \"{total.x!}\"\n}\n"]
        #expect(TestSupport.bindError(computed, data: [:])?.message == "required data 'total.x' is missing")
    }

    @Test func checkWarningsNameTheDataPathOfIncludeArguments() throws {
        let files = [
            "template.pwt": "body {\n  include \"bank\" with (account: company.bank)\n  include \"recipient\" with (party: recipient)\n}\n",
            "../blocks/bank.pwt": "if account.iban {\n  p \"IBAN {account.iban}\"\n}\n",
            "../blocks/recipient.pwt": Self.recipientBlock,
        ]
        // `company.bank` is only tested for presence inside the block: no warning; `party.street` is used.
        let warnings = try Self.checkWarnings(files, data: ["company": ["name": "X"], "recipient": ["name": "A"]])
        #expect(warnings.map(\.message) == [
            "path 'recipient.street' not found in the data (as 'party.street' in blocks/recipient.pwt, included from tpl/template.pwt:3:3)",
        ])
        #expect(warnings.first?.location.line == 2)
        #expect(warnings.first?.location.file.hasSuffix("blocks/recipient.pwt") == true)
    }

    @Test func checkWarnsAtTheUseOfAMissingArgument() throws {
        let files = [
            "template.pwt": "body {\n  include \"bank\" with (account: company.bank)\n}\n",
            "../blocks/bank.pwt": "p \"{account.name}\"\nif account.iban { p \"IBAN {account.iban}\" }\n",
        ]
        let warnings = try Self.checkWarnings(files, data: ["company": ["name": "X"]])
        #expect(warnings.map(\.message) == [
            "path 'company.bank' not found in the data (as 'account' in blocks/bank.pwt, included from tpl/template.pwt:2:3)",
        ])
        #expect((warnings.first?.location.line, warnings.first?.location.column) == (1, 5))
        // Present: nothing to report.
        #expect(try Self.checkWarnings(files, data: ["company": ["bank": ["name": "B", "iban": "DE1"]]]).isEmpty)
    }

    @Test func checkWarningNamesTheWholeMemberPath() throws {
        let files = ["template.pwt": "body {\n  p \"{invoice.numbr}\"\n}\n"]
        let w = try #require(try Self.checkWarnings(files, data: ["invoice": ["number": "R-1"]]).first)
        #expect(w.message == "path 'invoice.numbr' not found in the data")
        #expect(w.hint == "did you mean 'number'?")
    }
}
