import ArgumentParser
import Foundation
import PressData
import PressTemplate

/// `presswork check`: compile a template (and optionally bind sample data) without rendering.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a template (optionally against sample data) without rendering.",
        discussion: """
            Prints diagnostics as file:line:column: severity: message. With --data, binds each file and
            reports missing required data and paths that do not exist in it.
            Exit status: 0 no errors (warnings allowed); 1 errors found.
            """)

    @Argument(help: "Template folder (holding template.pwt) or a .pwt file.")
    var template: String

    @Option(name: .long, help: "Sample data file(s), .json or .xml.")
    var data: [String] = []

    @Option(name: .long, help: "Language to check with (default: from the data).")
    var lang: String?

    @Option(name: .long, help: "The date 'today' stands for (YYYY-MM-DD).")
    var date: String?

    func run() async throws {
        let today = try RenderPipeline.parseDate(date ?? "2026-01-01")
        let cache = TemplateCache()
        let compiled: CompiledTemplate
        do {
            compiled = try cache.template(at: template)
        } catch {
            print(error.description)
            throw ExitCode(1)
        }
        var errors = 0
        for warning in compiled.warnings { print(warning.description) }
        for path in data {
            let value: Value
            do {
                value = try DocumentLoader.load(path: path)
            } catch {
                print("\(path): error: \(error)")
                errors += 1
                continue
            }
            for language in lang.map({ [$0] }) ?? [nil] {
                let context = BindContext(language: language, today: today, images: cache.images, reportMissingPaths: true)
                do {
                    let (_, warnings) = try compiled.bindWithDiagnostics(value, context: context)
                    for warning in warnings { print("\(warning.description) [data: \(path)]") }
                } catch {
                    for diagnostic in error.diagnostics { print("\(diagnostic.description) [data: \(path)]") }
                    errors += 1
                }
            }
        }
        let summary = errors == 0 ? "ok" : "\(errors) error\(errors == 1 ? "" : "s")"
        print("\(compiled.name): \(summary) (\(compiled.languages.joined(separator: ", ")))")
        if errors > 0 { throw ExitCode(1) }
    }
}
