import Foundation
import Testing
import PressData
import PressChannels
import PressLayout
@testable import PressRuns

@Suite struct BatchRunnerTests {
    static let clock = Date(timeIntervalSince1970: 1_795_338_000)

    func runner(_ scratch: Scratch, job: JobConfig = .test(), ledger: (any RunLedger)? = nil, rerun: Bool = false,
                runID: String = "night-1", workers: Int = 2) throws -> BatchRunner {
        BatchRunner(options: BatchOptions(runID: try RunID(runID), job: job, spoolRoot: scratch.path + "/spool",
                                          workers: workers, maxInFlight: 3, batchSize: 4, asOf: BatchRunnerTests.clock, rerun: rerun),
                    stages: { _ in DocumentStages(producer: FakeProducer(), renderer: FakeRenderer()) },
                    ledger: ledger)
    }

    func mixedInput() -> [Result<Value, DataError>] {
        var items: [Result<Value, DataError>] = []
        for i in 1...12 {
            switch i {
            case 3: items.append(.success(invoice(i, number: "../../etc/passwd")))
            case 5: items.append(.failure(DataError(.jsonSyntax, "expected ',' or '}'", location: SourceLocation(line: 5, column: 17))))
            case 7: items.append(.success(invoice(i, email: "kunde\(i)@example.de", consent: false, pages: 2)))
            case 8: items.append(.success(.object(ValueObject([("customer_no", "K-1")]))))
            case 9: items.append(.success(.object(ValueObject([("number", "RE-9"), ("note", .string(String(repeating: "x", count: 20_000)))]))))
            default:
                items.append(.success(invoice(i, email: i % 2 == 0 ? "kunde\(i)@example.de" : nil, pages: i % 3 + 1,
                                              country: i % 4 == 0 ? "Polen" : "Deutschland")))
            }
        }
        return items
    }

    @Test func endToEndWithDoubles() async throws {
        let s = Scratch(); defer { s.cleanup() }
        var reader: any RecordReader = ArrayReader(mixedInput())
        let report = try await runner(s).run(reader: &reader)
        #expect(report.state == .finished)
        #expect(report.exitCode == .finishedWithRejects)
        #expect(report.rejects == 4)
        // Valid: 1,2,4,6,7,10,11,12 = 8 records. E-mail: 2,4,6,10,12 (7 has no consent).
        #expect(report.delivered[.archive] == 8)
        #expect(report.delivered[.email] == 5)
        #expect(report.delivered[.print] == 3)          // 1, 7, 11
        #expect(s.files("spool/email").count == 5)
        #expect(s.files("spool/archive").filter { $0.hasSuffix(".pdf") }.count == 8)
        #expect(s.files("spool/email").contains("night-1-r00000002-RE-2024-000002.eml"))
        // print: 3 letters per file -> one file; manifest sorted by country/postcode.
        #expect(s.files("spool/print") == ["night-1-print-0001.csv", "night-1-print-0001.json", "night-1-print-0001.pdf"])
        let manifest = try String(contentsOfFile: s.path + "/spool/print/night-1-print-0001.csv", encoding: .utf8)
        let rows = manifest.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.map { String($0[1]) } == ["11", "7", "1"])      // postcodes 99988 < 99992 < 99998
        #expect(rows.map { String($0[2]) } == ["1", "5", "7"])       // 11: 3 pages + blank; 7: 2 pages; 1: 2 pages
        // Work folders hold nothing after hand-off; no temporaries anywhere.
        for c in ["print", "email", "archive"] { #expect(s.files("spool/.staging/" + c).isEmpty) }
        #expect(!(try FileManager.default.subpathsOfDirectory(atPath: s.path + "/spool")).contains { $0.contains(".tmp-") })
        // Nothing outside the spool.
        #expect(!FileManager.default.fileExists(atPath: s.path + "/etc/passwd"))
        // Rejects file with record numbers, codes and paths.
        let rejects = try String(contentsOfFile: s.path + "/spool/reports/night-1.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,unsafeName,/number,"))
        #expect(rejects.contains("5,malformed,,\"jsonSyntax at line 5, column 17: expected ',' or '}'\""))
        #expect(rejects.contains("8,missingField,/number,"))
        #expect(rejects.contains("9,oversizedField,/note,"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: s.path + "/spool/reports/night-1.report.json"))) as! [String: Any]
        #expect(json["exit_code"] as? Int == 1)
        #expect((json["print"] as? [String: Any])?["sheets"] as? Int == 1 + 2 + 1)
        // Archive verifies.
        #expect(try ArchiveVerifier(spool: Spool(root: s.path + "/spool")).verify().ok)
    }

    @Test func ledgerAndLogsHoldNoPersonalData() async throws {
        let s = Scratch(); defer { s.cleanup() }
        var reader: any RecordReader = ArrayReader(mixedInput())
        _ = try await runner(s).run(reader: &reader)
        var privateBytes = Data()
        for f in try FileManager.default.subpathsOfDirectory(atPath: s.path + "/spool/.presswork") {
            privateBytes.append((try? Data(contentsOf: URL(fileURLWithPath: s.path + "/spool/.presswork/" + f))) ?? Data())
        }
        for f in ["reports/night-1.report.json", "reports/night-1.report.txt", "reports/night-1.rejects.csv", "archive/archive.log"] {
            privateBytes.append(try Data(contentsOf: URL(fileURLWithPath: s.path + "/spool/" + f)))
        }
        let text = String(decoding: privateBytes, as: UTF8.self)
        for personal in ["Müller", "M\\u00fcller", "Hauptstra", "München", "kunde2@example.de", "1.234,56"] {
            #expect(!text.contains(personal), "found \(personal)")
        }
        #expect(privateBytes.count > 1000)
    }

    @Test func finishedRunIsNotRepeatedUnlessRerun() async throws {
        let s = Scratch(); defer { s.cleanup() }
        var reader: any RecordReader = ArrayReader((1...4).map { .success(invoice($0)) })
        let first = try await runner(s).run(reader: &reader)
        #expect(first.exitCode == .success)
        let before = s.files("spool/archive")
        var again: any RecordReader = ArrayReader((1...4).map { .success(invoice($0)) })
        let second = try await runner(s).run(reader: &again)
        #expect(second.alreadyFinished)
        #expect(s.files("spool/archive") == before)
        var third: any RecordReader = ArrayReader((1...4).map { .success(invoice($0)) })
        let rerun = try await runner(s, rerun: true).run(reader: &third)
        #expect(rerun.generation == 2 && rerun.delivered[.archive] == 4)
        #expect(s.files("spool/archive").filter { $0.hasPrefix("night-1.g2-") && $0.hasSuffix(".pdf") }.count == 4)
        #expect(try ArchiveVerifier(spool: Spool(root: s.path + "/spool")).verify().ok)
    }

    /// The print files' letters, file by file in sequence order, as (country, postcode, record).
    func printOrder(_ s: Scratch) throws -> [[(String, String, Int)]] {
        try s.files("spool/print").filter { $0.hasSuffix(".csv") }.map { f in
            let text = try String(contentsOfFile: s.path + "/spool/print/" + f, encoding: .utf8)
            return text.split(separator: "\r\n").dropFirst().map { line in
                let c = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                return (c[5], c[6], Int(c[1])!)
            }
        }
    }

    func isSorted(_ letters: [(String, String, Int)]) -> Bool {
        zip(letters, letters.dropFirst()).allSatisfy { a, b in (a.0, a.1, a.2) < (b.0, b.1, b.2) }
    }

    func queueFiles(_ s: Scratch) -> [String] { s.files("spool/.presswork").filter { $0.hasPrefix("print-queue-") } }

    @Test func printLettersAreSortedAcrossTheWholeRun() async throws {
        let s = Scratch(); defer { s.cleanup() }
        // Postcodes and countries in no particular input order; 3 letters per print file.
        let postcodes = ["80331", "01067", "50667", "10115", "20095", "70173", "01069", "99084", "04109", "60311", "30159", "24103"]
        let input: [Result<Value, DataError>] = postcodes.enumerated().map { i, p in
            .success(invoice(i + 1, pages: i % 3 + 1, country: i % 5 == 2 ? "Österreich" : "Deutschland", postcode: p))
        }
        var reader: any RecordReader = ArrayReader(input)
        let report = try await runner(s).run(reader: &reader)
        #expect(report.exitCode == .success)
        let files = try printOrder(s)
        #expect(files.count == 4)
        #expect(files.allSatisfy { $0.count <= 3 })
        let all = files.flatMap { $0 }
        #expect(all.count == 12)
        #expect(isSorted(all), "\(all)")
        // Deutschland first (D < Ö), its lowest postcode 01067 (record 2) opens file 1.
        #expect(all.first.map { $0.2 } == 2 && all.last.map { $0.0 } == "Österreich")
        #expect(s.files("spool/print").filter { $0.hasSuffix(".pdf") } == (1...4).map { "night-1-print-000\($0).pdf" })
        // The queue (it held the records) is gone with the finished run.
        #expect(queueFiles(s).isEmpty)
        #expect(report.queuedForPrint == 0)
    }

    /// Counts how many documents are being produced at once.
    final class ConcurrencyProbe: DocumentProducer, @unchecked Sendable {
        let lock = NSLock()
        var now = 0, peak = 0
        func prepare(templates: [String]) throws {}
        func produce(_ record: Record, facts: RecordFacts) throws -> LaidOutDocument {
            lock.withLock { now += 1; peak = max(peak, now) }
            usleep(3000)   // long enough for other workers to start meanwhile
            lock.withLock { now -= 1 }
            return try FakeProducer().produce(record, facts: facts)
        }
    }

    @Test(arguments: [1, 3])
    func workersBoundTheDocumentsProducedAtOnce(workers: Int) async throws {
        let s = Scratch(); defer { s.cleanup() }
        let probe = ConcurrencyProbe()
        let runner = BatchRunner(options: BatchOptions(runID: try RunID("w"), job: .test(), spoolRoot: s.path + "/spool",
                                                       workers: workers, maxInFlight: 16, batchSize: 4,
                                                       asOf: BatchRunnerTests.clock),
                                 stages: { _ in DocumentStages(producer: probe, renderer: FakeRenderer()) })
        var reader: any RecordReader = ArrayReader((1...40).map { .success(invoice($0, email: $0 % 2 == 0 ? "k\($0)@example.de" : nil)) })
        let report = try await runner.run(reader: &reader)
        #expect(report.exitCode == .success)
        // Never more than --workers at once (the global executor alone would run as many as there are cores).
        #expect(probe.peak <= workers)
        if workers > 1 { #expect(probe.peak > 1) }
    }

    @Test func staleQueuesOfTheSameRunGoOtherRunsQueuesStay() async throws {
        let s = Scratch(); defer { s.cleanup() }
        let folder = s.path + "/spool/.presswork"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["print-queue-night-1.g7.sqlite", "print-queue-night-1.g7.sqlite-wal", "print-queue-night-1.gx.sqlite",
                     "print-queue-night-1.5.sqlite"] {
            FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))
        }
        var reader: any RecordReader = ArrayReader((1...3).map { .success(invoice($0)) })
        let report = try await runner(s).run(reader: &reader)
        #expect(report.exitCode == .success)
        // Another generation's leftovers of run night-1 are gone; runs night-1.gx and night-1.5 are not touched.
        #expect(queueFiles(s) == ["print-queue-night-1.5.sqlite", "print-queue-night-1.gx.sqlite"])
    }

    /// The whole queue lost, or only its data file (the records): the lost letters are produced again.
    @Test(arguments: [false, true])
    func lostPrintQueueIsRebuiltOnResume(onlyTheDataFile: Bool) async throws {
        let s = Scratch(); defer { s.cleanup() }
        try FileManager.default.createDirectory(atPath: s.path + "/spool/.presswork", withIntermediateDirectories: true)
        let ledgerPath = s.path + "/spool/.presswork/ledger.sqlite"
        let input: [Result<Value, DataError>] = (1...12).map { .success(invoice($0)) }
        var r1: any RecordReader = ArrayReader(input)
        let first = try await runner(s, ledger: CrashingLedger(try SQLiteRunLedger(path: ledgerPath), allowedCommits: 4)).run(reader: &r1)
        #expect(first.state == .failed)
        #expect(first.queuedForPrint > 0)
        #expect(queueFiles(s) .contains("print-queue-night-1.sqlite"))
        #expect(queueFiles(s).contains("print-queue-night-1.sqlite.data"))
        for f in queueFiles(s) where !onlyTheDataFile || f.hasSuffix(".data") {
            try FileManager.default.removeItem(atPath: s.path + "/spool/.presswork/" + f)
        }
        var r2: any RecordReader = ArrayReader(input)
        let second = try await runner(s, ledger: try SQLiteRunLedger(path: ledgerPath)).run(reader: &r2)
        #expect(second.exitCode == .success, "\(second.failure ?? "")")
        let all = try printOrder(s).flatMap { $0 }
        #expect(all.map(\.2).sorted() == Array(1...12))
        #expect(isSorted(all))
        #expect(second.delivered[.print] == 12)
        #expect(queueFiles(s).isEmpty)
    }

    @Test(arguments: [1, 3, 5, 7, 9, 10, 11, 12, 13, 14])
    func crashAfterAnyCommitResumesExactlyOnce(allowedCommits: Int) async throws {
        let s = Scratch(); defer { s.cleanup() }
        try FileManager.default.createDirectory(atPath: s.path + "/spool/.presswork", withIntermediateDirectories: true)
        let ledgerPath = s.path + "/spool/.presswork/ledger.sqlite"
        let input: [Result<Value, DataError>] = (1...20).map { .success(invoice($0, email: $0 % 3 == 0 ? "k\($0)@example.de" : nil, pages: $0 % 2 + 1)) }
        let crashing = CrashingLedger(try SQLiteRunLedger(path: ledgerPath), allowedCommits: allowedCommits)
        var r1: any RecordReader = ArrayReader(input)
        let first = try await runner(s, ledger: crashing).run(reader: &r1)
        #expect(first.state == .failed)
        if (9...12).contains(allowedCommits) {
            // These crash points fall into the print phase: the e-mail records are done, print letters still wait.
            #expect(first.delivered[.email] == 6 && first.queuedForPrint > 0)
        }
        // Resume with a healthy ledger (a new process).
        var r2: any RecordReader = ArrayReader(input)
        let second = try await runner(s, ledger: try SQLiteRunLedger(path: ledgerPath)).run(reader: &r2)
        #expect(second.state == .finished, "\(second.failure ?? "")")
        #expect(second.exitCode == .success)
        #expect(s.files("spool/email").count == 6)
        #expect(s.files("spool/archive").filter { $0.hasSuffix(".pdf") }.count == 20)
        // Every print letter in exactly one print file.
        var letters: [String] = []
        for f in s.files("spool/print") where f.hasSuffix(".csv") {
            let text = try String(contentsOfFile: s.path + "/spool/print/" + f, encoding: .utf8)
            letters += text.split(separator: "\r\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        }
        #expect(letters.sorted { Int($0)! < Int($1)! } == (1...20).filter { $0 % 3 != 0 }.map(String.init))
        // One order across all files (postcode 99999 - record: descending records), crash or not.
        #expect(isSorted(try printOrder(s).flatMap { $0 }))
        #expect(queueFiles(s).isEmpty)
        for c in ["print", "email", "archive"] { #expect(s.files("spool/.staging/" + c).isEmpty) }
        let verify = try ArchiveVerifier(spool: Spool(root: s.path + "/spool")).verify()
        #expect(verify.ok, "\(verify.problems)")
        #expect(verify.lines == 20)
        #expect(second.delivered[.archive] == 20 && second.delivered[.email] == 6 && second.delivered[.print] == 14)
    }

    @Test func unwritableSpoolStopsTheRunAndResumes() async throws {
        guard geteuid() == 0 else { return }   // needs chattr +i (root ignores permission bits)
        let s = Scratch(); defer { s.cleanup() }
        let input: [Result<Value, DataError>] = (1...10).map { .success(invoice($0, email: "k\($0)@example.de")) }
        _ = try Spool(root: s.path + "/spool")
        let staging = s.path + "/spool/.staging/email"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = ["+i", staging]
        try process.run(); process.waitUntilExit()
        guard process.terminationStatus == 0 else { return }
        var r1: any RecordReader = ArrayReader(input)
        let failed = try await runner(s).run(reader: &r1)
        let undo = Process()
        undo.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        undo.arguments = ["-i", staging]
        try undo.run(); undo.waitUntilExit()
        #expect(failed.state == .failed)
        #expect(failed.exitCode == .failed)
        #expect(failed.failure?.contains("not writable") == true)
        var r2: any RecordReader = ArrayReader(input)
        let resumed = try await runner(s).run(reader: &r2)
        #expect(resumed.exitCode == .success)
        #expect(s.files("spool/archive").filter { $0.hasSuffix(".pdf") }.count == 10)
        #expect(s.files("spool/email").count == 10)
        #expect(try ArchiveVerifier(spool: Spool(root: s.path + "/spool")).verify().ok)
    }

    @Test func unwritableSpoolAtStartIsAClearError() async throws {
        let s = Scratch(); defer { s.cleanup() }
        try "x".write(toFile: s.path + "/file", atomically: true, encoding: .utf8)
        let r = BatchRunner(options: BatchOptions(runID: try RunID("x"), job: .test(), spoolRoot: s.path + "/file/spool", asOf: BatchRunnerTests.clock),
                            stages: { _ in DocumentStages(producer: FakeProducer(), renderer: FakeRenderer()) })
        var reader: any RecordReader = ArrayReader([])
        await #expect(throws: RunError.self) { try await r.run(reader: &reader) }
    }

    @Test func stopFlagInterruptsCleanly() async throws {
        let s = Scratch(); defer { s.cleanup() }
        let stop = StopFlag()
        stop.request()
        let r = BatchRunner(options: BatchOptions(runID: try RunID("x"), job: .test(), spoolRoot: s.path + "/spool", workers: 1,
                                                  asOf: BatchRunnerTests.clock),
                            stages: { _ in DocumentStages(producer: FakeProducer(), renderer: FakeRenderer()) }, stop: stop)
        var reader: any RecordReader = ArrayReader((1...3).map { .success(invoice($0)) })
        let report = try await r.run(reader: &reader)
        #expect(report.state == .interrupted && report.exitCode == .interrupted)
        var again: any RecordReader = ArrayReader((1...3).map { .success(invoice($0)) })
        let resumed = try await runner(s, runID: "x").run(reader: &again)
        #expect(resumed.exitCode == .success && resumed.delivered[.archive] == 3)
    }

    @Test func templateFailureRejectsWithoutLeakingValues() async throws {
        let s = Scratch(); defer { s.cleanup() }
        let bad = Value.object(ValueObject([("number", "RE-1"), ("explode", true)]))
        var reader: any RecordReader = ArrayReader([.success(bad), .success(invoice(2))])
        let report = try await runner(s).run(reader: &reader)
        #expect(report.rejects == 1 && report.delivered[.archive] == 1)
        let rejects = try String(contentsOfFile: s.path + "/spool/reports/night-1.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("1,documentFailed"))
        #expect(rejects.contains("template failed at '…'"))
        #expect(!rejects.contains("RE-1'"))
        // Record 1 (no e-mail: print-bound) failed in the print phase: nothing is left waiting for print.
        #expect(report.state == .finished && report.queuedForPrint == 0 && report.pending == 0)
        #expect(report.delivered[.print] == 1)
        #expect(!(try String(contentsOfFile: s.path + "/spool/reports/night-1.report.txt", encoding: .utf8)).contains("waiting"))
    }

    @Test func routingRules() throws {
        let job = JobConfig.test()
        func channels(_ v: Value) throws -> [Channel] { try RecordFacts.extract(Record(number: 1, value: v, line: nil), job: job).channels }
        #expect(try channels(invoice(1)) == [.print, .archive])
        #expect(try channels(invoice(1, email: "a@b.de")) == [.email, .archive])
        #expect(try channels(invoice(1, email: "a@b.de", consent: false)) == [.print, .archive])
        #expect(try channels(invoice(1, email: "a@b.de", consent: true)) == [.email, .archive])
        #expect(throws: RecordReject.self) { try channels(invoice(1, email: "not an address")) }
    }

    @Test func jobFileParses() throws {
        let s = Scratch(); defer { s.cleanup() }
        let yaml = """
        input: data/invoices.jsonl
        template:
          field: document_type
          map: {invoice: Templates/invoice, dunning: Templates/dunning}
          default: Templates/invoice
        language: {field: recipient.lang, default: de}
        routing: {archive: true, email_field: contact.mail, consent_field: contact.ok}
        email:
          from: "Nordlicht <rechnung@nordlicht.example>"
          subject: "Rechnung {{number}}"
        print: {max_letters: 50, max_sheets: 120, duplex: true, omr: true, manifest: [csv]}
        limits: {max_field_bytes: 500}
        workers: 3
        """
        try yaml.write(toFile: s.path + "/job.yml", atomically: true, encoding: .utf8)
        let job = try JobConfig.load(path: s.path + "/job.yml")
        #expect(job.inputs == [s.path + "/data/invoices.jsonl"])
        #expect(job.template?.map["dunning"] == s.path + "/Templates/dunning")
        #expect(job.routing.emailField == "contact.mail")
        #expect(job.print.maxLetters == 50 && job.print.omr != nil && !job.print.manifestJSON)
        #expect(job.limits.maxFieldBytes == 500 && job.workers == 3)
        #expect(job.language.constant == "de")
        #expect(job.configHash == (try JobConfig.load(path: s.path + "/job.yml")).configHash)
        try "print: {max_letters: lots}".write(toFile: s.path + "/bad.yml", atomically: true, encoding: .utf8)
        #expect(throws: RunError.self) { try JobConfig.load(path: s.path + "/bad.yml") }
    }

    @Test func textTemplate() {
        let t = TextTemplate("Rechnung {{number}} für {{ recipient.name }}{{missing}} {{")
        #expect(t.render(invoice(3)) == "Rechnung RE-2024-000003 für Jürgen Müller 3 {{")
    }

    @Test func templateByFieldLanguageAndLocalisedMailTexts() async throws {
        var job = JobConfig.test()
        job.template = TemplateSelection(field: "document_type", map: ["invoice": "T/invoice", "dunning": "T/dunning"], defaultTemplate: nil)
        job.language = FieldOrConstant(field: "recipient.lang", constant: "de")
        job.email.subjects = ["pl": "Faktura {{number}}"]
        job.email.bodies = ["pl": "Dzień dobry, faktura {{number}}."]
        func record(_ type: String?, lang: String?) -> Value {
            var v = invoice(1, email: "a@b.de")
            guard case .object(var o) = v else { return v }
            var members = Array(o.members.map { ($0.key, $0.value) })
            if let type { members.append(("document_type", .string(type))) }
            if let lang, case .object(let r)? = o["recipient"] {
                members.removeAll { $0.0 == "recipient" }
                members.append(("recipient", .object(ValueObject(r.members.map { ($0.key, $0.value) } + [("lang", .string(lang))]))))
            }
            o = ValueObject(members)
            v = .object(o)
            return v
        }
        let facts = try RecordFacts.extract(Record(number: 1, value: record("dunning", lang: "pl"), line: nil), job: job)
        #expect(facts.template == "T/dunning" && facts.documentType == "dunning" && facts.language == "pl")
        #expect(try RecordFacts.extract(Record(number: 1, value: record("invoice", lang: nil), line: nil), job: job).language == "de")
        #expect(throws: RecordReject.self) { try RecordFacts.extract(Record(number: 1, value: record("offer", lang: nil), line: nil), job: job) }

        let s = Scratch(); defer { s.cleanup() }
        var reader: any RecordReader = ArrayReader([.success(record("invoice", lang: "pl-PL")), .success(record("invoice", lang: "de"))])
        let report = try await runner(s, job: job).run(reader: &reader)
        #expect(report.delivered[.email] == 2)
        let emls = s.files("spool/email")
        let pl = try String(contentsOfFile: s.path + "/spool/email/" + emls[0], encoding: .utf8)
        let de = try String(contentsOfFile: s.path + "/spool/email/" + emls[1], encoding: .utf8)
        #expect(pl.contains("Subject: Faktura RE-2024-000001"))
        #expect(de.contains("Subject: Ihre Rechnung RE-2024-000001"))
        #expect(pl.contains("Dzie=C5=84 dobry"))
    }

    @Test func documentNumbersWithSlashesAreKeptAndTraversalIsRefused() async throws {
        let s = Scratch(); defer { s.cleanup() }
        let input: [Result<Value, DataError>] = [
            .success(invoice(1, email: "k1@example.de", number: "FV/2026/11/0815")),
            .success(invoice(2, email: "k2@example.de", number: "FV-2026-11-0815")),   // same file stem as record 1
            .success(invoice(3, number: "../../etc/passwd")),
            .success(invoice(4, number: "/etc/passwd")),
            .success(invoice(5, number: "WZ\\..\\x")),
            .success(invoice(6, number: "łżść")),
        ]
        var reader: any RecordReader = ArrayReader(input)
        let report = try await runner(s).run(reader: &reader)
        #expect(report.exitCode == .finishedWithRejects)
        #expect(report.rejects == 4)
        // Both records have their own files, nothing was overwritten.
        #expect(s.files("spool/archive").filter { $0.hasSuffix(".pdf") } ==
                ["night-1-r00000001-FV-2026-11-0815.pdf", "night-1-r00000002-FV-2026-11-0815.pdf"])
        #expect(s.files("spool/email") == ["night-1-r00000001-FV-2026-11-0815.eml", "night-1-r00000002-FV-2026-11-0815.eml"])
        // The value itself is kept: archive index and e-mail subject show the real number.
        let index = try String(contentsOfFile: s.path + "/spool/archive/night-1-r00000001-FV-2026-11-0815.json", encoding: .utf8)
        #expect(index.contains("\"number\":\"FV\\/2026\\/11\\/0815\"") || index.contains("\"number\":\"FV/2026/11/0815\""))
        let mail = try String(contentsOfFile: s.path + "/spool/email/night-1-r00000001-FV-2026-11-0815.eml", encoding: .utf8)
        #expect(mail.contains("Subject: Ihre Rechnung FV/2026/11/0815"))
        #expect(!FileManager.default.fileExists(atPath: s.path + "/etc/passwd"))
        let rejects = try String(contentsOfFile: s.path + "/spool/reports/night-1.rejects.csv", encoding: .utf8)
        #expect(rejects.contains("3,unsafeName,/number,"))
        #expect(rejects.contains("4,unsafeName,/number,"))
        #expect(rejects.contains("5,unsafeName,/number,"))
        #expect(rejects.contains("6,unsafeName,/number,"))
        #expect(try ArchiveVerifier(spool: Spool(root: s.path + "/spool")).verify().ok)
    }
}
