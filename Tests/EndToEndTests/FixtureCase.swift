// The fixtures and what their PDFs must show, from Fixtures/expected.json (written by Fixtures/generate.py).
import Foundation
import Testing

/// One data fixture `Fixtures/<name>.json`, rendered with `Templates/<family>`.
struct FixtureCase: Sendable, Decodable, CustomTestStringConvertible {
    var name: String = ""
    var family: String
    var language: String
    var locale: String
    /// The recipient's name as it must appear (with its diacritics).
    var recipient: String
    /// The document number.
    var number: String
    /// The key amount (invoice/dunning total, contract instalment, commission payout) in the locale's format,
    /// spaces normalised.
    var total: String
    var min_pages: Int
    var max_pages: Int?
    /// `<name>.xml` when the fixture has an XML twin.
    var xml_twin: String?

    private enum CodingKeys: String, CodingKey {
        case family, language, locale, recipient, number, total, min_pages, max_pages, xml_twin
    }

    var testDescription: String { name }
    var template: String { "Templates/\(family)" }
    var data: String { "Fixtures/\(name).json" }

    /// The amount spellings accepted: the expected one, and for four-digit amounts also the one without
    /// (or with) the group separator, since CLDR's es/pl "minimum grouping digits" is a locale choice.
    var totalSpellings: [String] {
        let t = normalized(total)
        let digits = t.filter(\.isNumber)
        guard digits.count == 6 else { return [t] }   // 1234,56: four integer digits
        let group: Character = locale == "en-GB" ? "," : (locale.hasPrefix("pl") ? " " : ".")
        if t.contains(group) {
            return [t, String(t.filter { $0 != group })]
        }
        var grouped = t
        grouped.insert(group, at: grouped.index(grouped.startIndex, offsetBy: t.hasPrefix("-") ? 2 : 1))
        return [t, grouped]
    }

    /// "Seite 2 von 12" in the document's language (the legal footer's page X of Y).
    func pageOf(_ page: Int, _ pages: Int) -> String {
        switch language {
        case "pl": return "Strona \(page) z \(pages)"
        case "es": return "Página \(page) de \(pages)"
        case "en": return "Page \(page) of \(pages)"
        case "fr": return "Page \(page) sur \(pages)"
        default: return "Seite \(page) von \(pages)"
        }
    }

    static let all: [FixtureCase] = {
        let url = Repo.root.appendingPathComponent("Fixtures/expected.json")
        let table: [String: FixtureCase]
        do {
            table = try JSONDecoder().decode([String: FixtureCase].self, from: try Data(contentsOf: url))
        } catch {
            print("EndToEndTests: cannot read \(url.path): \(error)")
            return []
        }
        return table.map { name, value in
            var c = value
            c.name = name
            return c
        }.sorted { $0.name < $1.name }
    }()

    static var long: [FixtureCase] { all.filter { $0.min_pages >= 10 } }
    static var twins: [FixtureCase] { all.filter { $0.xml_twin != nil } }
}
