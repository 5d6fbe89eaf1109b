import Foundation
import PressworkTestSupport
import PressData
import PressLayout
@testable import PressTemplate

/// Helpers: temporary template folders, binding, and reading text back out of a Document.
enum TestSupport {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    nonisolated(unsafe) static var counter = 0
    static let lock = NSLock()

    /// A fresh folder `…/presswork-tpl-tests-<pid>/<n>/<name>` holding `files` (name -> contents).
    static func makeTemplate(_ files: [String: String], name: String = "tpl") -> String {
        lock.lock()
        counter += 1
        let n = counter
        lock.unlock()
        let base = TestScratch.folder("presswork-tpl-tests") + "/\(n)"
        let folder = base + "/" + name
        for (file, text) in files {
            let path = (file.hasPrefix("../") ? base + "/" + file.dropFirst(3) : folder + "/" + file)
            try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            try! text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    static let today = CivilDate(year: 2026, month: 11, day: 22)!

    static func context(language: String? = nil, locale: String? = nil) -> BindContext {
        BindContext(language: language, locale: locale, today: today)
    }

    /// Compiles `body { p (expression) }` and returns the paragraph's text (placeholders as ⟨page⟩ etc.).
    static func evaluate(_ expression: String, data: Value = [:], language: String = "de", locale: String? = nil) throws -> String {
        let folder = makeTemplate(["template.pwt": "body {\n  p (\(expression))\n}\n"])
        let template = try CompiledTemplate.compile(path: folder)
        let document = try template.bind(data, context: context(language: language, locale: locale))
        return plainText(document.body)
    }

    /// The text of blocks, paragraphs separated by "\n", table cells by " | ".
    static func plainText(_ blocks: [Block]) -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .paragraph(let p): lines.append(text(p.spans))
            case .table(let t):
                for row in t.headerRows + t.rows + t.footerRows {
                    lines.append(row.cells.map { plainText($0.blocks) }.joined(separator: " | "))
                }
            case .keepTogether(let inner): lines.append(plainText(inner))
            case .frame(let f): lines.append(plainText(f.blocks))
            case .spacer: lines.append("<spacer>")
            case .rule: lines.append("<rule>")
            case .pageBreak: lines.append("<pagebreak>")
            case .image: lines.append("<image>")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func text(_ spans: [Span]) -> String {
        spans.map { span -> String in
            switch span.content {
            case .text(let s): return s
            case .pageNumber: return "⟨page⟩"
            case .pageCount: return "⟨pages⟩"
            case .carriedForward: return "⟨carried⟩"
            }
        }.joined()
    }

    /// The first diagnostic of a failing compile.
    static func compileError(_ files: [String: String]) -> TemplateDiagnostic? {
        let folder = makeTemplate(files)
        do {
            _ = try CompiledTemplate.compile(path: folder)
            return nil
        } catch {
            return error.primary
        }
    }

    static func bindError(_ files: [String: String], data: Value) -> TemplateDiagnostic? {
        let folder = makeTemplate(files)
        do {
            let template = try CompiledTemplate.compile(path: folder)
            _ = try template.bind(data, context: context())
            return nil
        } catch {
            return error.primary
        }
    }
}
