import Foundation
import Testing
import PressData
@testable import PressTemplate

@Suite struct ExpressionTests {
    func eval(_ e: String, _ data: Value = [:], lang: String = "de") throws -> String {
        try TestSupport.evaluate(e, data: data, language: lang)
    }

    @Test func arithmeticIsDecimal() throws {
        #expect(try eval("0.1 + 0.2") == "0,3")
        #expect(try eval("round(10 / 3, 2)") == "3,33")
        #expect(try eval("2 * 3 + 4") == "10")
        #expect(try eval("2 * (3 + 4)") == "14")
        #expect(try eval("-5 + 2") == "-3")
        #expect(try eval("7 % 3") == "1")
        #expect(try eval("pow(1.5, 3)") == "3,375")
    }

    @Test func roundingHalfUpAwayFromZero() throws {
        #expect(try eval("round(0.005, 2)") == "0,01")
        #expect(try eval("round(-0.005, 2)") == "-0,01")
        #expect(try eval("round(0.0049, 2)") == "0")
        #expect(try eval("round(2.5)") == "3")
        #expect(try eval("round(-2.5)") == "-3")
        #expect(try eval("round(1234567890.125, 2)") == "1234567890,13")
        #expect(try eval("roundcur(1234.5, \"JPY\")") == "1235")
        #expect(try eval("roundcur(0.125, \"EUR\")") == "0,13")
        #expect(DecimalDigits.round(Decimal(string: "-0.005")!, scale: 2) == Decimal(string: "-0.01")!)
        #expect(DecimalDigits.round(Decimal(string: "999999999.995")!, scale: 2) == Decimal(string: "1000000000")!)
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try eval("1 < 2 and 2 <= 2") == "true")
        #expect(try eval("not (1 == 1) or 3 > 4") == "false")
        #expect(try eval("\"10\" > \"9\"") == "true")          // numeric text compares numerically (XML)
        #expect(try eval("\"abc\" < \"abd\"") == "true")
        #expect(try eval("x.n == 19", ["x": ["n": "19.0"]]) == "true")
        #expect(try eval("missing ?? \"default\"") == "default")
        #expect(try eval("1 > 2 ? \"a\" : \"b\"") == "b")
    }

    @Test func stringFunctions() throws {
        #expect(try eval("upper(\"größe\")") == "GRÖSSE")
        #expect(try eval("lower(\"ÄBC\")") == "äbc")
        #expect(try eval("trim(\"  x  \")") == "x")
        #expect(try eval("concat(\"a\", 1, \"b\")") == "a1b")
        #expect(try eval("\"a\" & \"b\"") == "ab")
        #expect(try eval("substring(\"Rechnung\", 1, 4)") == "Rech")
        #expect(try eval("substring(\"Rechnung\", 5)") == "nung")
        #expect(try eval("replace(\"a-b-c\", \"-\", \"/\")") == "a/b/c")
        #expect(try eval("padleft(\"7\", 3, \"0\")") == "007")
        #expect(try eval("padright(\"ab\", 4, \".\")") == "ab..")
        #expect(try eval("length(\"łódź\")") == "4")
        #expect(try eval("contains(\"Rechnung\", \"nun\")") == "true")
        #expect(try eval("join([1, 2, 3], \"-\")") == "1-2-3")
    }

    static let items: Value = ["items": [
        ["qty": 2, "price": "10.50", "vat": 19],
        ["qty": 1, "price": "5", "vat": 7],
        ["qty": 3, "price": "1.10", "vat": 19],
    ]]

    @Test func aggregates() throws {
        #expect(try eval("sum(items, it.qty * it.price)", Self.items) == "29,3")
        #expect(try eval("count(items)", Self.items) == "3")
        #expect(try eval("count(items, it.vat == 19)", Self.items) == "2")
        #expect(try eval("min(items, it.price)", Self.items) == "1.10")
        #expect(try eval("max(items, it.qty)", Self.items) == "3")
        #expect(try eval("min(4, 2)") == "2")
        #expect(try eval("avg(items, it.qty)", Self.items) == "2")
        #expect(try eval("join(groupby(items, it.vat, it.qty * it.price), \"; \", it.key & \"=\" & it.sum)", Self.items)
                == "7=5; 19=24,3")
        #expect(try eval("join(sort(items, it.price), \",\", it.qty)", Self.items) == "3,1,2")
        #expect(try eval("count(filter(items, it.qty > 1))", Self.items) == "2")
        #expect(try eval("sum(range(1, 4))") == "10")
    }

    @Test func xmlShapesIterateLikeJSON() throws {
        // <items><item>…</item><item>…</item></items> and a single <item>
        let many: Value = ["items": ["item": [["qty": "2"], ["qty": "3"]]]]
        let one: Value = ["items": ["item": ["qty": "4"]]]
        #expect(try eval("sum(items, it.qty)", many) == "5")
        #expect(try eval("sum(items, it.qty)", one) == "4")
        #expect(try eval("count(items)", one) == "1")
        #expect(try eval("sum(items, it.qty)", ["items": ["qty": "7"]]) == "7")
    }

    @Test func dates() throws {
        #expect(try eval("date(\"2026-11-16\") + 14 days") == "30.11.2026")
        #expect(try eval("date(\"2026-01-31\") + 1 month") == "28.02.2026")
        #expect(try eval("date(\"2024-01-31\") + months(1)") == "29.02.2024")
        #expect(try eval("date(\"2026-12-20\") + days(n)", ["n": "14"]) == "03.01.2027")
        #expect(try eval("date(\"2026-12-01\") - date(\"2026-11-01\")") == "30")
        #expect(try eval("daysbetween(\"2026-11-01\", today)") == "21")
        #expect(try eval("today") == "22.11.2026")
        #expect(try eval("longdate(\"2026-03-05\")") == "5. März 2026")
        #expect(try eval("date(\"22.11.2026\") == today") == "true")
        #expect(try eval("year(today) * 100 + month(today)") == "202611")
    }

    @Test func placeholdersInText() throws {
        #expect(try eval("\"Seite {page} von {pages}\"") == "Seite ⟨page⟩ von ⟨pages⟩")
    }

    @Test func boundedEvaluation() throws {
        let folder = TestSupport.makeTemplate(["template.pwt": "body {\n  for a in range(1, 2000) {\n    for b in range(1, 2000) { p \"x\" }\n  }\n}\n"])
        let template = try CompiledTemplate.compile(path: folder)
        #expect(throws: TemplateError.self) { try template.bind([:], context: TestSupport.context()) }
        do {
            _ = try template.bind([:], context: TestSupport.context())
        } catch {
            #expect(error.primary.code == .limit)
        }
        #expect(throws: TemplateError.self) { try eval("padleft(\"x\", 20000)") }
    }
}

@Suite struct VariableTests {
    @Test func setAccumulatesAcrossIterations() throws {
        let folder = TestSupport.makeTemplate(["template.pwt": """
            body {
              let balance = 0
              for p in payments {
                set balance = balance + p
                p "{balance}"
              }
              p "total {balance}"
            }
            """])
        let template = try CompiledTemplate.compile(path: folder)
        let document = try template.bind(["payments": [1, 2, "3.5"]], context: TestSupport.context())
        #expect(TestSupport.plainText(document.body) == "1\n3\n6,5\ntotal 6,5")
    }

    @Test func setNeedsADeclaredVariable() throws {
        let d = try #require(TestSupport.compileError(["template.pwt": "body {\n  let total = 0\n  set totl = 1\n}\n"]))
        #expect((d.location.line, d.location.column) == (3, 3))
        #expect(d.message == "'set totl' needs a variable declared before with 'let totl = …'")
        #expect(d.hint == "did you mean 'total'?")
    }

    @Test func durationsFromData() throws {
        let data: Value = ["d": "2026-11-16", "n": 14, "m": "3"]
        #expect(try TestSupport.evaluate("date(d) + n * 1 days", data: data) == "30.11.2026")
        #expect(try TestSupport.evaluate("adddays(d, n)", data: data) == "30.11.2026")
        #expect(try TestSupport.evaluate("addmonths(\"2026-11-30\", m)", data: data) == "28.02.2027")
        #expect(try TestSupport.evaluate("language() & \"/\" & locale()", language: "pl") == "pl/pl-PL")
    }
}
