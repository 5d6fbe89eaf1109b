import ArgumentParser
import Foundation
import PressData
import PressRuns

/// `presswork batch`: one document per input record into the print, e-mail and archive spools, exactly once
/// per channel across crashes (resume by running the same command again).
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Render one document per input record into the print, e-mail and archive spools.",
        discussion: """
        Routing without a job file: every record goes to the archive; to e-mail when it has an e-mail address \
        (recipient.email) and, when present, recipient.email_consent is not false; to print otherwise.

        A killed run (kill -9, power loss) resumes when the same command is run again with the same run id: \
        every record ends up in each of its channels exactly once. A finished run is not repeated unless \
        --rerun is given. SIGTERM/SIGINT stop cleanly after the documents in hand.

        Print letters are sorted by country and postcode across the whole run: they wait in \
        <spool>/.presswork/print-queue-<run>.sqlite while the input streams through, and the print files are \
        assembled at the end of the run; the queue file is deleted when the run finishes.

        Spool layout: <spool>/print/*.pdf (+ .csv/.json manifests), <spool>/email/*.eml, \
        <spool>/archive/*.pdf (+ .json index records, archive.log), <spool>/reports/<run>.report.json|.txt, \
        <spool>/reports/<run>.rejects.csv, <spool>/.presswork/ledger.sqlite (ids, counts and hashes only).

        EXIT CODES
          0  success: every record delivered to all of its channels
          1  finished with rejects (see <spool>/reports/<run>.rejects.csv)
          2  failed (bad job or options, unreadable input, disk full, spool not writable); fix and rerun to resume
          3  interrupted by SIGTERM/SIGINT; run the same command again to resume
          64 usage error: bad or missing option
        """)

    @Option(name: .long, help: "Input file (.jsonl, .json, .xml, .csv); repeat for several.")
    var input: [String] = []

    @Option(name: .long, help: "Spool root folder.")
    var spool: String?

    @Option(name: .customLong("run-id"), help: "Run id (A-Z a-z 0-9 . _ -): names the run in the ledger and its files.")
    var runID: String

    @Option(name: .long, help: "Template folder for every record (or select per record in the job file).")
    var template: String?

    @Option(name: .long, help: "Render workers (default: number of cores).")
    var workers: Int?

    @Option(name: .long, help: "Job file (YAML): inputs, template selection, language, routing, e-mail texts, print options.")
    var job: String?

    @Option(name: .customLong("as-of"), help: "The run's date (YYYY-MM-DD or ISO 8601 UTC); default: now. A resumed run keeps its own.")
    var asOf: String?

    @Option(name: .customLong("record-element"), help: "XML: the repeated record element (e.g. invoice).")
    var recordElement: String?

    @Option(name: .long, help: "Language for every record (overrides the job's language field).")
    var lang: String?

    @Option(name: .long, help: "Extra font folder (repeatable).")
    var fonts: [String] = []

    @Option(name: .long, help: "Run ledger database (default <spool>/.presswork/ledger.sqlite).")
    var ledger: String?

    @Flag(name: [.customLong("rerun"), .customLong("force")], help: "Run a finished run again (new file generation).")
    var rerun = false

    @Flag(name: .long, help: "Print inserter (OMR) marks on print files.")
    var omr = false

    @Flag(name: .long, help: "No progress output.")
    var quiet = false

    func run() async throws {
        // One code path with `watch` and `schedule`: BatchInvocation merges the job file and flags and wires the stages.
        let invocation: BatchInvocation
        do {
            invocation = try BatchInvocation(self)
        } catch {
            fail("\(error)")
        }
        let stop = StopFlag()
        let signals = StopSignals.install(stop, message: "presswork batch: stopping after the documents in hand…")
        defer { withExtendedLifetime(signals) {} }
        let report: RunReport
        do {
            report = try await invocation.run(engine: BatchEngine(), now: Date(), stop: stop,
                                              reporter: ConsoleProgressReporter(quiet: quiet))
        } catch {
            fail("\(error)")
        }
        print(report.summary())
        if report.exitCode != .success { throw ExitCode(report.exitCode.rawValue) }
    }

    /// Prints `presswork batch: error: …` and exits with code 2 (failed).
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("presswork batch: error: \(message)\n".utf8))
        Foundation.exit(RunReport.ExitCode.failed.rawValue)
    }

    static func format(_ name: String) -> RecordFormat? {
        switch name.lowercased() {
        case "jsonl", "ndjson", "jsonlines": .jsonLines
        case "json": .jsonArray
        case "xml": .xml
        case "csv", "tsv": .csv
        default: nil
        }
    }

    static func parseDate(_ s: String) -> Date? {
        if let d = ISO8601DateFormatter().date(from: s) { return d }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withFullDate]
        return f.date(from: s)
    }

    /// Template font folders, the repository's `Fixtures/fonts` (found from the template or the working folder).
    static func fontFolders(templates: [String]) -> [String] {
        var folders: [String] = []
        let cwd = FileManager.default.currentDirectoryPath
        for t in templates {
            let abs = t.hasPrefix("/") ? t : cwd + "/" + t
            folders.append(abs + "/fonts")
            var url = URL(fileURLWithPath: abs)
            for _ in 0..<8 {
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                    folders.append(url.path + "/Fixtures/fonts")
                    break
                }
                url.deleteLastPathComponent()
            }
        }
        folders.append(cwd + "/Fixtures/fonts")
        var seen = Set<String>()
        return folders.filter { FileManager.default.fileExists(atPath: $0) && seen.insert($0).inserted }
    }
}
