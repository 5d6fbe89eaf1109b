import Testing
import PressChannels

@Suite struct FileNameComponentTests {
    @Test(arguments: [
        ("FV/2026/11/0815", "FV-2026-11-0815"),
        ("WZ/2026/3014", "WZ-2026-3014"),
        ("RE-2024-000001", "RE-2024-000001"),
        ("A\\B//C", "A-B-C"),
        ("Łódź 12", "d-12"),
        (".hidden/x", "hidden-x"),
        ("a..b", "a.b"),
        ("FV/2026/", "FV-2026"),
    ])
    func sanitisesIntoASafeName(_ value: String, _ expected: String) throws {
        #expect(FileNameComponent.escapeReason(value) == nil)
        let name = try #require(FileNameComponent.sanitized(value))
        #expect(name == expected)
        #expect(SpoolFileName.isSafe(name))
    }

    @Test func lengthIsCapped() throws {
        let name = try #require(FileNameComponent.sanitized(String(repeating: "A/", count: 100), maxBytes: 80))
        #expect(name.utf8.count <= 80)
        #expect(SpoolFileName.isSafe(name))
        #expect(!name.hasSuffix("-"))
    }

    @Test(arguments: ["../../etc/passwd", "..", "a/../b", "a\\..\\b", "/etc/passwd", "\\server\\x", "FV\u{0}1", "FV\n1", "x/ .. /y"])
    func escapeAttemptsAreRefused(_ value: String) {
        #expect(FileNameComponent.escapeReason(value) != nil)
    }

    @Test(arguments: ["///", "łżść", "---", "..."])
    func valuesWithNothingUsableGiveNil(_ value: String) {
        #expect(FileNameComponent.sanitized(value) == nil)
    }
}
