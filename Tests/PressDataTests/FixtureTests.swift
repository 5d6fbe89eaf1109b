import Foundation
import Testing
@testable import PressData

/// The folder holding Package.swift, found by walking up from this file.
func packageRoot() -> URL {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url.deleteLastPathComponent()
    }
    return url
}

func fixturePath(_ name: String) -> String {
    packageRoot().appendingPathComponent("Tests/PressDataTests/Fixtures").appendingPathComponent(name).path
}

@Suite struct JSONXMLTwinTests {
    @Test func jsonAndXMLFormsOfOneInvoiceAreEquivalent() throws {
        let json = try DocumentLoader.load(path: fixturePath("invoice-twin.json"))
        let xml = try DocumentLoader.load(path: fixturePath("invoice-twin.xml"))
        #expect(json.isEquivalent(to: xml))
        #expect(xml.isEquivalent(to: json))
        // Strictly they differ: XML has no numbers or booleans.
        #expect(json != xml)
        #expect(json["paid"] == false)
        #expect(xml["paid"] == "false")
        // Same shape: the same paths reach the same data.
        #expect(json.objectValue?.keys == xml.objectValue?.keys)
        for path: ValuePath in [["recipient", "name"], ["items", 0, "description"], ["items", 1, "description"], ["notes", 1]] {
            #expect(json.lookup(path: path) == xml.lookup(path: path), "\(path)")
            #expect(json.lookup(path: path)?.stringValue != nil)
        }
        #expect(xml.lookup(path: ["items", 1, "description"]) == "Licencja <roczna>")
        #expect(xml.lookup(path: ["items", 0, "description"]) == "Konsultacja \"on-site\" & dojazd")
        // Numbers: exact either way, via decimalValue.
        for path: ValuePath in [["items", 0, "unit_price"], ["items", 1, "unit_price"], ["items", 0, "quantity"], ["total"], ["id"]] {
            #expect(json.lookup(path: path)?.decimalValue != nil)
            #expect(json.lookup(path: path)?.decimalValue == xml.lookup(path: path)?.decimalValue, "\(path)")
        }
        #expect(xml.lookup(path: ["items", 1, "unit_price"])?.decimalValue == Decimal(string: "0.005"))
        #expect(json["recipient"]?["email"] == .null)
        #expect(xml["recipient"]?["email"] == .null)
    }

    @Test func equivalenceIsNotTooLoose() {
        #expect(!Value.string("1,5").isEquivalent(to: .number(Decimal(string: "1.5")!)))
        #expect(!Value.string("").isEquivalent(to: .null))
        #expect(!Value.string("yes").isEquivalent(to: true))
        #expect(!(["a": "1"] as Value).isEquivalent(to: ["a": "1", "b": "2"]))
        #expect(!(["1", "2"] as Value).isEquivalent(to: ["2", "1"]))
        #expect((["a": "1", "b": "2"] as Value).isEquivalent(to: ["b": 2, "a": 1]))
    }

    @Test func twinFixturesStreamAsRecordsToo() throws {
        var xmlReader = try RecordSource(path: fixturePath("invoice-twin.xml"), options: RecordSourceOptions(recordElement: "invoice")).makeReader()
        let record = try #require(try xmlReader.next())
        #expect(record.line == 3)
        #expect(record.value == (try DocumentLoader.load(path: fixturePath("invoice-twin.xml"))))
        var jsonReader = try RecordSource(path: fixturePath("invoice-twin.json")).makeReader()
        #expect(try jsonReader.next()?.value.isEquivalent(to: record.value) == true)
    }
}
