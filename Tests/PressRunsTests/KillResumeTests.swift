import Foundation
import Testing
import PressworkTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// End to end with the real `presswork` binary and the real stages (template, layout, PDF): SIGKILL a batch at
/// several points, resume it, and check that every record reached each of its channels exactly once, that no
/// temporary or staged file is left, and that the archive verifies. Needs the binary built first
/// (`swift build`, as `Scripts/test` does) or `PRESSWORK_BIN`.
@Suite(.serialized) struct KillResumeTests {
    static let root = PressworkPackage.root
    static let binary = PressworkPackage.binary

    /// Writes `count` invoices (the bench sample with new numbers; every third with an e-mail address).
    func writeInput(_ path: String, count: Int) throws {
        let sample = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: KillResumeTests.root + "/Fixtures/bench-invoice-sample.json"))) as! [String: Any]
        var out = Data()
        for i in 1...count {
            var r = sample
            r["id"] = i
            r["number"] = String(format: "RE-KILL-%06d", i)
            var recipient = r["recipient"] as! [String: Any]
            recipient["postcode"] = String(format: "%05d", (i * 7919) % 90000 + 10000)
            if i % 3 == 0 { recipient["email"] = "kunde\(i)@example.de" }
            r["recipient"] = recipient
            out.append(try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys]))
            out.append(10)
        }
        try out.write(to: URL(fileURLWithPath: path))
    }

    func batch(_ bin: String, input: String, spool: String, job: String? = nil) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["batch", "--input", input, "--spool", spool, "--run-id", "kill-test",
                       "--template", KillResumeTests.root + "/Templates/bench-invoice", "--as-of", "2026-11-22",
                       "--workers", "2", "--quiet"] + (job.map { ["--job", $0] } ?? [])
        p.currentDirectoryURL = URL(fileURLWithPath: KillResumeTests.root)
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    @Test(.enabled(if: KillResumeTests.binary != nil, "presswork binary not built"))
    func killNineAtSeveralPointsThenResumeDeliversExactlyOnce() throws {
        let bin = KillResumeTests.binary!
        let dir = NSTemporaryDirectory() + "presswork-kill-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 120
        let input = dir + "/in.jsonl", spool = dir + "/spool"
        try writeInput(input, count: count)
        // Small print files, so that the run-wide sort spans several of them.
        try "print: {max_letters: 12}\n".write(toFile: dir + "/job.yml", atomically: true, encoding: .utf8)

        // Kill points spread over the run (a fixed sequence: the test is repeatable, the points are not aligned
        // to anything in the pipeline). The first is early (often during start-up or the first batch).
        var kills = 0
        for delay in [0.12, 0.45, 0.3, 0.7, 0.25, 0.55, 0.4, 0.9] {
            let p = try batch(bin, input: input, spool: spool, job: dir + "/job.yml")
            Thread.sleep(forTimeInterval: delay)
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                kills += 1
            }
            p.waitUntilExit()
        }
        let last = try batch(bin, input: input, spool: spool, job: dir + "/job.yml")
        last.waitUntilExit()
        #expect(last.terminationStatus == 0)
        #expect(kills >= 2)

        func files(_ sub: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/" + sub)) ?? []).sorted() }
        // E-mail and archive: one file per record, no duplicates under other names.
        let emails = files("email")
        #expect(emails.count == count / 3)
        #expect(Set(emails.map { $0.split(separator: "-")[2] }).count == emails.count)
        let archived = files("archive").filter { $0.hasSuffix(".pdf") }
        #expect(archived.count == count)
        // Print: every print letter in exactly one print file.
        var letters: [Int] = []
        for f in files("print") where f.hasSuffix(".csv") {
            let text = try String(contentsOfFile: spool + "/print/" + f, encoding: .utf8)
            letters += text.split(separator: "\r\n").dropFirst().map { Int($0.split(separator: ",")[1])! }
        }
        #expect(letters.sorted() == (1...count).filter { $0 % 3 != 0 })
        #expect(files("print").filter { $0.hasSuffix(".pdf") }.count == files("print").filter { $0.hasSuffix(".csv") }.count)
        #expect(files("print").filter { $0.hasSuffix(".pdf") }.count == 7)    // 80 letters, 12 per file
        // One postcode order across all print files, however often the run was killed.
        var postcodes: [String] = []
        for f in files("print") where f.hasSuffix(".csv") {
            let text = try String(contentsOfFile: spool + "/print/" + f, encoding: .utf8)
            postcodes += text.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[6]) }
        }
        #expect(postcodes == postcodes.sorted())
        // The print queue (it held the records) is gone.
        #expect(!files(".presswork").contains { $0.hasPrefix("print-queue-") })
        // No temporary, partial or staged file anywhere.
        let all = try FileManager.default.subpathsOfDirectory(atPath: spool)
        #expect(!all.contains { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") })
        for c in ["print", "email", "archive"] { #expect(files(".staging/" + c).isEmpty) }
        // The archive log has each document once and verifies.
        let log = try String(contentsOfFile: spool + "/archive/archive.log", encoding: .utf8)
        #expect(log.split(separator: "\n").count == count)
        let verify = Process()
        verify.executableURL = URL(fileURLWithPath: bin)
        verify.arguments = ["archive", "verify", "--spool", spool]
        verify.standardOutput = FileHandle.nullDevice
        try verify.run()
        verify.waitUntilExit()
        #expect(verify.terminationStatus == 0)
        // The final report covers the whole run.
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: spool + "/reports/kill-test.report.json"))) as! [String: Any]
        let delivered = report["delivered"] as! [String: Int]
        #expect(delivered["archive"] == count && delivered["email"] == count / 3 && delivered["print"] == count - count / 3)
    }

    func tool(_ name: String) -> String? {
        ["/usr/bin/" + name, "/usr/local/bin/" + name].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func output(_ exe: String, _ args: [String]) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The spools of a real run, checked with real tools: print files page by page (pdfinfo, pdftotext, qpdf)
    /// against their manifests, e-mails parsed back with Python's `email` package, archive PDFs' PDF/A claim.
    @Test(.enabled(if: KillResumeTests.binary != nil, "presswork binary not built"))
    func realSpoolsCheckOutWithPopplerQpdfAndPython() throws {
        guard let pdfinfo = tool("pdfinfo"), let qpdf = tool("qpdf"), let py = tool("python3"), let pdftotext = tool("pdftotext") else { return }
        let bin = KillResumeTests.binary!
        let dir = NSTemporaryDirectory() + "presswork-e2e-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = dir + "/in.jsonl", spool = dir + "/spool"
        try writeInput(input, count: 9)
        let job = """
        print: {max_letters: 4, duplex: true, omr: true}
        email:
          from: "Nordlicht Bürotechnik GmbH <rechnung@nordlicht.example>"
          subject: "Ihre Rechnung {{number}} – Größe"
          body: "Sehr geehrte Damen und Herren,\\n\\nanbei Rechnung {{number}} über {{totals.gross}} EUR."
          attachment_name: "Rechnung {{number}}.pdf"
        """
        try job.write(toFile: dir + "/job.yml", atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = ["batch", "--input", input, "--spool", spool, "--run-id", "e2e", "--job", dir + "/job.yml",
                       "--template", KillResumeTests.root + "/Templates/bench-invoice", "--as-of", "2026-11-22", "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)

        // Print: 6 letters, 4 per file -> 2 files; pages = sum(pages + blank for odd) per manifest.
        let prints = ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/print")) ?? []).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(prints.count == 2)
        for f in prints {
            let csv = try String(contentsOfFile: spool + "/print/" + f.replacingOccurrences(of: ".pdf", with: ".csv"), encoding: .utf8)
            let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            var expectedPages = 0
            for row in rows {
                #expect(Int(row[2]) == expectedPages + 1)          // starts on a front side
                #expect(Int(row[2])! % 2 == 1)
                let pages = Int(row[3])!
                expectedPages += pages + pages % 2
            }
            let (qs, _) = try output(qpdf, ["--check", spool + "/print/" + f])
            #expect(qs == 0)
            let (_, info) = try output(pdfinfo, [spool + "/print/" + f])
            let pageLine = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            #expect(pageLine.map { Int($0.split(separator: " ").last!)! } == expectedPages)
            // First page of each letter shows its number; blank back pages hold no text.
            for row in rows {
                let (_, text) = try output(pdftotext, ["-f", row[2], "-l", row[2], spool + "/print/" + f, "-"])
                #expect(text.contains(row[0]))
                if Int(row[3])! % 2 == 1 {
                    let blank = String(Int(row[2])! + Int(row[3])!)
                    let (_, t2) = try output(pdftotext, ["-f", blank, "-l", blank, spool + "/print/" + f, "-"])
                    #expect(t2.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
                }
            }
        }

        // E-mail: parsed back with a real MIME parser; the attachment is the archived PDF/A.
        let emls = ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/email")) ?? []).sorted()
        #expect(emls.count == 3)
        let script = """
        import sys, email, email.policy, hashlib
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        att = next(m.iter_attachments())
        data = att.get_payload(decode=True)
        print(m['subject']); print(att.get_filename()); print(hashlib.sha256(data).hexdigest())
        print(m.get_body(('plain',)).get_content().replace('\\n', ' '))
        print(m['message-id']); print(m['date'])
        """
        for eml in emls {
            let (status, out) = try output(py, ["-c", script, spool + "/email/" + eml])
            #expect(status == 0)
            let lines = out.split(separator: "\n").map(String.init)
            let number = eml.components(separatedBy: "-r")[1].split(separator: "-", maxSplits: 1)[1].replacingOccurrences(of: ".eml", with: "")
            #expect(lines[0] == "Ihre Rechnung \(number) – Größe")
            #expect(lines[1] == "Rechnung \(number).pdf")
            let pdfName = eml.replacingOccurrences(of: ".eml", with: ".pdf")
            let archived = try Data(contentsOf: URL(fileURLWithPath: spool + "/archive/" + pdfName))
            let (_, sha) = try output("/usr/bin/sha256sum", [spool + "/archive/" + pdfName])
            #expect(lines[2] == String(sha.prefix(64)))
            #expect(lines[3].contains("anbei Rechnung \(number)"))
            #expect(lines[4].hasPrefix("<e2e.r"))
            #expect(lines[5] == "Sun, 22 Nov 2026 00:00:00 +0000")
            #expect(archived.starts(with: Data("%PDF-".utf8)))
        }
        // Archive: PDF/A-2b identification in every archived PDF, index records, verified log.
        let archived = ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/archive")) ?? []).filter { $0.hasSuffix(".pdf") }
        #expect(archived.count == 9)
        for f in archived.prefix(2) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: spool + "/archive/" + f))
            #expect(String(decoding: bytes, as: UTF8.self).contains("pdfaid:part"))
            let (qs, _) = try output(qpdf, ["--check", spool + "/archive/" + f])
            #expect(qs == 0)
        }
        let (vs, vout) = try output(bin, ["archive", "verify", "--spool", spool])
        #expect(vs == 0, "\(vout)")
        // A changed byte and a removed log line are detected, naming the file / line.
        let victim = spool + "/archive/" + archived.sorted()[3]
        var bytes = try Data(contentsOf: URL(fileURLWithPath: victim))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: victim))
        let (bs, bout) = try output(bin, ["archive", "verify", "--spool", spool])
        #expect(bs == 1)
        #expect(bout.contains((victim as NSString).lastPathComponent))
        var log = try String(contentsOfFile: spool + "/archive/archive.log", encoding: .utf8).split(separator: "\n").map(String.init)
        log.remove(at: 4)
        try (log.joined(separator: "\n") + "\n").write(toFile: spool + "/archive/archive.log", atomically: false, encoding: .utf8)
        let (ls, lout) = try output(bin, ["archive", "verify", "--spool", spool])
        #expect(ls == 1)
        #expect(lout.contains("line 5"))
    }

    /// SIGTERM stops after the documents in hand: exit code 3, nothing half-written, nothing staged; the same
    /// command resumes and finishes.
    @Test(.enabled(if: KillResumeTests.binary != nil, "presswork binary not built"))
    func sigtermStopsCleanlyAndResumes() throws {
        let bin = KillResumeTests.binary!
        let dir = NSTemporaryDirectory() + "presswork-term-\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 150
        let input = dir + "/in.jsonl", spool = dir + "/spool"
        try writeInput(input, count: count)
        let p = try batch(bin, input: input, spool: spool)
        Thread.sleep(forTimeInterval: 0.6)
        let wasRunning = p.isRunning
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        func files(_ sub: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: spool + "/" + sub)) ?? []).sorted() }
        if wasRunning && p.terminationStatus != 0 {
            #expect(p.terminationStatus == 3)
            let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: spool + "/reports/kill-test.report.json"))) as! [String: Any]
            #expect(report["state"] as? String == "interrupted")
        }
        for c in ["print", "email", "archive"] { #expect(files(".staging/" + c).isEmpty) }
        #expect(!(try FileManager.default.subpathsOfDirectory(atPath: spool)).contains { ($0 as NSString).lastPathComponent.hasPrefix(".tmp-") })
        let again = try batch(bin, input: input, spool: spool)
        again.waitUntilExit()
        #expect(again.terminationStatus == 0)
        #expect(files("archive").filter { $0.hasSuffix(".pdf") }.count == count)
        #expect(files("email").count == count / 3)
    }
}
