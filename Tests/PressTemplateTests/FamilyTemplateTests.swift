import Foundation
import Testing
import PressData
import PressLayout
import PressFonts
@testable import PressTemplate

/// The shipped templates compile, and every fixture binds (and lays out) without errors.
@Suite struct FamilyTemplateTests {
    static let root = TestSupport.repositoryRoot

    static var fixtures: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root + "/Fixtures")) ?? []
        return names.filter { ($0.hasSuffix(".json") || $0.hasSuffix(".xml")) && $0.contains("-") && !$0.hasPrefix("bench") }.sorted()
    }

    static func family(of fixture: String) -> String { String(fixture.prefix { $0 != "-" }) }

    @Test(arguments: fixtures)
    func fixtureBinds(_ fixture: String) throws {
        let templatePath = Self.root + "/Templates/" + Self.family(of: fixture)
        guard FileManager.default.fileExists(atPath: templatePath + "/template.pwt") else { return }
        let template = try CompiledTemplate.compile(path: templatePath)
        let value = try DocumentLoader.load(path: Self.root + "/Fixtures/" + fixture)
        let (document, warnings) = try template.bindWithDiagnostics(value, context: TestSupport.context())
        #expect(!document.body.isEmpty)
        for warning in warnings where warning.severity == .error { Issue.record("\(warning)") }
    }
}
