import Foundation
import PressFonts
@testable import PressLayout

/// Shared fixtures: the repository's committed DejaVu fonts, an engine, dump helpers.
enum TestSupport {
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url
    }()

    static let fonts = FontLibrary(searchPaths: [repoRoot.appendingPathComponent("Fixtures/fonts").path],
                                   includeSystemFonts: false)
    static let engine = LayoutEngine(fonts: fonts)

    /// Text runs of a page, top to bottom, left to right.
    static func runs(_ page: Page) -> [TextRun] {
        page.items.compactMap { if case .text(let run) = $0 { return run } else { return nil } }
    }

    static func texts(_ page: Page) -> [String] { runs(page).map(\.text) }

    /// Lines of text on a page: runs grouped by baseline, joined left to right.
    static func lines(_ page: Page) -> [String] {
        var byBaseline: [(y: Double, runs: [TextRun])] = []
        for run in runs(page) {
            if let i = byBaseline.firstIndex(where: { abs($0.y - run.origin.y) < 0.01 }) {
                byBaseline[i].runs.append(run)
            } else {
                byBaseline.append((run.origin.y, [run]))
            }
        }
        return byBaseline.sorted { $0.y < $1.y }.map { entry in
            entry.runs.sorted { $0.origin.x < $1.origin.x }.map(\.text).joined(separator: " ")
        }
    }

    /// Compares `text` with `Goldens/<name>.txt`; with RECORD_GOLDENS=1 writes the file instead.
    static func golden(_ name: String, _ text: String) throws -> (matches: Bool, expected: String) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Goldens/\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return (true, text)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        return (expected == text, expected)
    }
}
