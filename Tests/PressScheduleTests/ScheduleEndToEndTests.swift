import Foundation
import Testing
import PressworkTestSupport

/// `presswork schedule --once-at` with the built binary (`PressworkPackage.binary`).
@Suite struct ScheduleEndToEndTests {
    static let root = PressworkPackage.root
    static let binary = PressworkPackage.binary

    func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("presswork-sched-err-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary!)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try err.close()
        return (process.terminationStatus, (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: ScheduleEndToEndTests.binary != nil, "presswork binary not built: run `swift build` first (or set PRESSWORK_BIN)"),
          .timeLimit(.minutes(5)))
    func onceAtRunsTheDueEntryThroughTheBatchPipeline() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("presswork-sched-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fixture = try String(contentsOfFile: Self.root + "/Fixtures/invoice-de.json", encoding: .utf8)
        try (fixture.split(separator: "\n").joined(separator: " ") + "\n").write(toFile: dir + "/invoices-2026-11-23.jsonl", atomically: true, encoding: .utf8)
        // The invoice fixtures keep number, customer number and date under `document`.
        try """
            template: \(Self.root)/Templates/invoice
            fields: {number: document.number, customer_number: document.customer_no, date: document.date, document_type: document.type}
            """.write(toFile: dir + "/job.yml", atomically: true, encoding: .utf8)
        try """
            entries:
              - name: nightly-invoices
                cron: "30 1 * * *"
                time-zone: Europe/Berlin
                command: [--input, "\(dir)/invoices-{date}.jsonl", --job, \(dir)/job.yml,
                          --spool, \(dir)/spool, --lang, de, --workers, "1", --quiet]
              - name: weekly-report
                cron: "0 6 * * MON"
                command: [--input, /nonexistent.jsonl, --template, x, --spool, \(dir)/spool]
            """.write(toFile: dir + "/schedule.yml", atomically: true, encoding: .utf8)

        let idle = try run(["schedule", "--file", dir + "/schedule.yml", "--once-at", "2026-11-23T02:30:00+01:00"])
        #expect(idle.status == 0)
        #expect(idle.stderr.contains("nothing due"))

        let due = try run(["schedule", "--file", dir + "/schedule.yml", "--once-at", "2026-11-23T01:30:00+01:00"])
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stderr.contains("schedule: nightly-invoices"))
        #expect(due.stderr.contains("schedule: nightly-invoices: fire 2026-11-23T00:30:00Z, starting run nightly-invoices-20261123-0130"))
        #expect(due.stderr.contains("schedule: nightly-invoices: run nightly-invoices-20261123-0130: finished"))
        #expect(!due.stderr.contains("weekly-report"))
        let archive = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/spool/archive")) ?? []
        #expect(archive.filter { $0.hasSuffix(".pdf") }.count == 1)
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: dir + "/spool/reports")) ?? []
        #expect(reports.contains("nightly-invoices-20261123-0130.report.json"))

        // A bad schedule file is refused up front with file, line and field.
        try "entries:\n  - name: x\n    cron: \"61 * * * *\"\n    command: [--input, a]\n".write(toFile: dir + "/bad.yml", atomically: true, encoding: .utf8)
        let bad = try run(["schedule", "--file", dir + "/bad.yml", "--once-at", "2026-11-23T01:30:00Z"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.yml:3:"))
        #expect(bad.stderr.contains("cron:"))
    }
}
