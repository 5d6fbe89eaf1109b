import Foundation
import Testing
import PressworkTestSupport

/// The built `presswork` binary (see `PressworkPackage.binary`) and how these tests run it.
enum Binary {
    static let root = PressworkPackage.root
    static let path = PressworkPackage.binary

    /// Runs the binary in the package root; stdout and stderr through files (large output never blocks).
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("presswork-watch-err-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try err.close()
        return (process.terminationStatus, (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
    }

    /// One fixture invoice as a single JSON line (pretty-printed JSON has no raw newlines inside strings).
    static func invoiceLine(_ fixture: String, email: String? = nil) throws -> String {
        var text = try String(contentsOfFile: root + "/Fixtures/" + fixture, encoding: .utf8)
        if let email { text = text.replacingOccurrences(of: "\"recipient\": {", with: "\"recipient\": {\"email\": \"\(email)\",") }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    /// A job file for the invoice fixtures (their number, date and language live under `document` / top level).
    static func invoiceJob(in folder: String) throws -> String {
        let path = folder + "/job.yml"
        try """
            template: \(root)/Templates/invoice
            language: {field: language, default: de}
            fields: {number: document.number, customer_number: document.customer_no, date: document.date, document_type: document.type}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

func pdfs(_ folder: String, _ ext: String = ".pdf") -> [String] {
    list(folder).filter { $0.hasSuffix(ext) }
}

@Suite struct WatchEndToEndTests {
    @Test(.enabled(if: Binary.path != nil, "presswork binary not built: run `swift build` first (or set PRESSWORK_BIN)"),
          .timeLimit(.minutes(5)))
    func watchOnceProcessesTheInboxIntoTheSpools() throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        let spool = folder.root + "/spool"
        let job = try Binary.invoiceJob(in: folder.root)
        let de = try Binary.invoiceLine("invoice-de.json")
        let gb = try Binary.invoiceLine("invoice-gb.json", email: "accounts@ashworth.example")
        // A good file (one invoice to print, one to e-mail), a file with a malformed second record, a temp file
        // still being written, and a leftover in work/ from a "killed" watcher.
        write(de + "\n" + gb + "\n", to: folder.inbox + "/invoices.jsonl")
        write(de + "\n{\"document\": oops\n", to: folder.inbox + "/broken.jsonl")
        write(de + "\n", to: folder.inbox + "/upload.jsonl.part")
        write(gb + "\n", to: folder.work + "/leftover.jsonl")

        let result = try Binary.run(["watch", "--root", folder.root, "--spool", spool, "--job", job, "--workers", "1", "--once"])
        #expect(result.status == 1, "exit 1: a file failed; stderr: \(result.stderr)")
        #expect(list(folder.done) == ["invoices.jsonl", "leftover.jsonl"])
        #expect(list(folder.failed) == ["broken.jsonl", "broken.jsonl.reason.txt"])
        #expect(list(folder.work).isEmpty)
        #expect(list(folder.inbox) == ["upload.jsonl.part"])
        let reason = read(folder.failed + "/broken.jsonl.reason.txt")
        #expect(reason.contains("1 of 2 records rejected"))
        #expect(reason.contains("\n2,"), "the rejected record's number: \(reason)")
        // Spools: 4 good records archived; the two with an e-mail address e-mailed, the other two printed.
        #expect(pdfs(spool + "/archive").count == 4)
        #expect(pdfs(spool + "/email", ".eml").count == 2)
        #expect(!pdfs(spool + "/print").isEmpty)
        #expect(result.stderr.contains("run leftover.jsonl-"))
        #expect(result.stderr.contains("resuming leftover.jsonl"))

        // Dropping the same file again (same name and bytes) is the same run, already finished: nothing is sent twice.
        write(de + "\n" + gb + "\n", to: folder.inbox + "/invoices.jsonl")
        let again = try Binary.run(["watch", "--root", folder.root, "--spool", spool, "--job", job, "--workers", "1", "--once"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(list(folder.done) == ["invoices-2.jsonl", "invoices.jsonl", "leftover.jsonl"])
        #expect(pdfs(spool + "/archive").count == 4)
        #expect(pdfs(spool + "/email", ".eml").count == 2)
    }
}
