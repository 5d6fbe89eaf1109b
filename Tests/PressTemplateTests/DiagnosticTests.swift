import Foundation
import Testing
import PressData
@testable import PressTemplate

/// Every kind of template error names file:line:column, what was expected, and a hint.
@Suite struct DiagnosticTests {
    func compileError(_ source: String) -> TemplateDiagnostic? {
        TestSupport.compileError(["template.pwt": source])
    }

    @Test func unclosedBlock() throws {
        let d = try #require(compileError("body {\n  p \"x\"\n  table columns: [1fr] {\n    row { cell \"a\" }\n"))
        #expect(d.code == .syntax)
        #expect(d.location.file.hasSuffix("tpl/template.pwt"))
        #expect(d.location.line == 5 && d.location.column == 1)
        #expect(d.message == "expected '}' to close the block opened at 3:24, found end of file")
        #expect(d.expected == "'}'")
    }

    @Test func unterminatedText() throws {
        let d = try #require(compileError("body {\n  p \"Rechnung {invoice.number}\n}\n"))
        #expect(d.code == .syntax)
        #expect((d.location.line, d.location.column) == (2, 31))
        #expect(d.message == "unterminated text")
        #expect(d.hint == "the text starts at 2:5")
    }

    @Test func syntaxErrorInsideInterpolation() throws {
        let d = try #require(compileError("body {\n  p \"Summe: {money(total +)}\"\n}\n"))
        #expect((d.location.line, d.location.column) == (2, 27))
        #expect(d.message == "expected an expression, found ')'")
    }

    @Test func assignmentInsteadOfComparison() throws {
        let d = try #require(compileError("body {\n  if a = 1 { p \"x\" }\n}\n"))
        #expect((d.location.line, d.location.column) == (2, 8))
        #expect(d.hint == "write '==' (or use 'let x = …' to define a variable)")
    }

    @Test func unknownFunctionSuggestsTheClosest() throws {
        let d = try #require(compileError("let net = sumn(items, it.price)\nbody { p \"{net}\" }\n"))
        #expect(d.code == .unknownFunction)
        #expect((d.location.line, d.location.column) == (1, 11))
        #expect(d.message == "unknown function 'sumn'")
        #expect(d.hint == "did you mean 'sum'?")
        #expect(d.description.hasSuffix("template.pwt:1:11: error: unknown function 'sumn'; hint: did you mean 'sum'?"))
    }

    @Test func wrongArgumentCount() throws {
        let d = try #require(compileError("body { p (round()) }\n"))
        #expect(d.code == .wrongArguments)
        #expect((d.location.line, d.location.column) == (1, 11))
        #expect(d.message == "round() takes 1 to 2 arguments, found 0")
        #expect(d.expected == "round(x, decimals?)")
    }

    @Test func unknownElementAndProperty() throws {
        let e = try #require(compileError("body {\n  paragrph \"x\"\n}\n"))
        #expect(e.code == .unknownElement)
        #expect((e.location.line, e.location.column) == (2, 3))
        #expect(e.hint == "did you mean 'paragraph'?")
        let p = try #require(compileError("body {\n  p \"x\" colour: #FF0000\n}\n"))
        #expect(p.code == .unknownProperty)
        #expect((p.location.line, p.location.column) == (2, 9))
        #expect(p.message == "unknown property 'colour' on 'p'")
        #expect(p.hint == "did you mean 'color'?")
    }

    @Test func unknownStyle() throws {
        let d = try #require(compileError("style body { size: 9pt }\nbody {\n  p \"x\" style: bdy\n}\n"))
        #expect(d.code == .unknownStyle)
        #expect((d.location.line, d.location.column) == (3, 16))
        #expect(d.hint == "did you mean 'body'?")
    }

    @Test func invalidValues() throws {
        let size = try #require(compileError("page { size: A6 }\n"))
        #expect(size.message == "unknown page size 'A6'")
        #expect(size.hint == "did you mean 'A3'?" || size.hint == "did you mean 'A5'?" || size.hint == "did you mean 'A4'?")
        let extra = try #require(compileError("body { spacer 5 days }\n"))
        #expect(extra.code == .invalidValue)
        #expect((extra.location.line, extra.location.column) == (1, 17))
        #expect(extra.message == "'spacer' takes 1 value, found 2")
        let length = try #require(compileError("body { spacer 5 days }\n".replacingOccurrences(of: " days", with: "kg")))
        #expect(length.message == "'spacer' expects a length")
        #expect(length.expected == "a length like 10mm, 1.5cm, 9pt or 1in")
    }

    @Test func unknownTextKey() throws {
        let d = try #require(TestSupport.compileError([
            "template.pwt": "body {\n  p (t.titel)\n}\n",
            "texts.de.pwt": "title: \"Rechnung\"\n",
        ]))
        #expect(d.code == .unknownText)
        #expect((d.location.line, d.location.column) == (2, 8))
        #expect(d.message == "unknown text 't.titel'")
        #expect(d.hint == "did you mean 'title'?")
    }

    @Test func includeNotFound() throws {
        let d = try #require(TestSupport.compileError([
            "template.pwt": "body {\n  include \"letterhed\"\n}\n",
            "../blocks/letterhead.pwt": "p \"Firma\"\n",
        ]))
        #expect(d.code == .include)
        #expect((d.location.line, d.location.column) == (2, 3))
        #expect(d.message == "include 'letterhed' not found")
        #expect(d.hint == "did you mean 'letterhead'?")
    }

    @Test func recursiveSubTemplateIsRejected() throws {
        let d = try #require(compileError("define a() { call a() }\nbody { call a() }\n"))
        #expect(d.code == .limit)
        #expect(d.message == "sub-template 'a' calls itself")
    }

    @Test func typeMismatchAtBindTime() throws {
        let d = try #require(TestSupport.bindError(["template.pwt": "body {\n  p \"{item.qty * 2}\"\n}\n"],
                                                   data: ["item": ["qty": "abc"]]))
        #expect(d.code == .typeMismatch)
        #expect((d.location.line, d.location.column) == (2, 16))
        #expect(d.message == "type mismatch: '*' expects numbers, found text \"abc\"")
    }

    @Test func requiredDataNamesThePath() throws {
        let files = ["template.pwt": "body {\n  p \"Nr. {invoice.number!}\"\n}\n"]
        let d = try #require(TestSupport.bindError(files, data: ["invoice": ["date": "2026-11-01"]]))
        #expect(d.code == .requiredMissing)
        #expect((d.location.line, d.location.column) == (2, 11))
        #expect(d.message == "required data 'invoice.number' is missing")
        // Present: renders.
        #expect(TestSupport.bindError(files, data: ["invoice": ["number": "R-1"]]) == nil)
    }

    @Test func missingOptionalDataRendersEmpty() throws {
        #expect(try TestSupport.evaluate("\"[\" & customer.vat_id & \"]\"", data: ["customer": ["name": "x"]]) == "[]")
        #expect(try TestSupport.evaluate("money(customer.balance)") == "")
        #expect(try TestSupport.evaluate("\"{nothing.here}\"") == "")
    }

    @Test func unknownPathIsReportedByCheckWithAHint() throws {
        let folder = TestSupport.makeTemplate(["template.pwt": "body {\n  p \"{recipent.name}\"\n  if recipient.fax { p \"x\" }\n}\n"])
        let template = try CompiledTemplate.compile(path: folder)
        var context = TestSupport.context()
        context.reportMissingPaths = true
        let (_, warnings) = try template.bindWithDiagnostics(["recipient": ["name": "A"]], context: context)
        #expect(warnings.count == 1)   // `if recipient.fax` tests presence: not reported
        let w = try #require(warnings.first)
        #expect(w.severity == .warning && w.code == .unknownPath)
        #expect((w.location.line, w.location.column) == (2, 7))
        #expect(w.message == "path 'recipent' not found in the data")
        #expect(w.hint == "did you mean 'recipient'?")
    }
}
