import Foundation
import Testing
@testable import PressRuns
import PressChannels

@Suite struct LedgerTests {
    func ledger() throws -> (SQLiteRunLedger, String) {
        let dir = NSTemporaryDirectory() + "presswork-ledger-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return (try SQLiteRunLedger(path: dir + "/ledger.sqlite"), dir)
    }

    @Test func markingAPrintFileDeliveredReadsOnlyPendingRows() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("night-p")
        _ = try l.openRun(id, configHash: "c", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        // The plan, not a timing: a scan of the run's rows per print file made a 1,000,000-record print phase
        // quadratic.
        let db = try SQLiteDatabase(path: dir + "/ledger.sqlite")
        var plan: [String] = []
        try db.prepare("EXPLAIN QUERY PLAN " + SQLiteRunLedger.markPrintLettersSQL).query(.text(id.rawValue), .int(1)) { row in
            plan.append(row.text(3) ?? "")
        }
        #expect(plan.contains { $0.contains("USING INDEX deliveries_pending (run_id=? AND state=?)") }, "\(plan)")

        // And it marks exactly the letters of that file.
        var b = LedgerBatch()
        b.printFiles = [PrintFileIntent(sequence: 1, sha256: "h1", files: ["p1.pdf"], letters: [PrintLetterEntry(record: 1, template: "t", pages: 1),
                                                                                             PrintLetterEntry(record: 2, template: "t", pages: 2)], pages: 4, sheets: 2),
                        PrintFileIntent(sequence: 2, sha256: "h2", files: ["p2.pdf"], letters: [PrintLetterEntry(record: 3, template: "t", pages: 1)], pages: 2, sheets: 1)]
        try l.commit(id, b)
        var marks = LedgerBatch()
        marks.deliveredPrintFiles = [1]
        try l.commit(id, marks)
        let progress = try l.progress(id)
        #expect(progress.isDelivered(1, .print) && progress.isDelivered(2, .print) && !progress.isDelivered(3, .print))
    }

    @Test func runLifecycle() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("night-1")
        let first = try l.openRun(id, configHash: "c1", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        #expect(first.isNew && first.attempt == 1 && first.generation == 1 && first.state == .running)

        let resumed = try l.openRun(id, configHash: "c1", asOf: nil, defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        #expect(!resumed.isNew && resumed.attempt == 2 && resumed.asOf == "2026-11-22T00:00:00Z")

        #expect(throws: RunError.self) { try l.openRun(id, configHash: "other", asOf: nil, defaultAsOf: "2026-11-22T00:00:00Z", rerun: false) }
        #expect(throws: RunError.self) { try l.openRun(id, configHash: "c1", asOf: "2027-01-01T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false) }

        try l.finishRun(id, state: .finished, records: 10)
        let finished = try l.openRun(id, configHash: "c1", asOf: nil, defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        #expect(finished.state == .finished && !finished.isNew)

        var b = LedgerBatch()
        b.intents = [DeliveryIntent(key: .init(record: 1, channel: .email), sha256: "h", files: ["a.eml"], template: "t", pages: 1)]
        try l.commit(id, b)
        let rerun = try l.openRun(id, configHash: "c2", asOf: "2026-12-01T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: true)
        #expect(rerun.isNew && rerun.generation == 2 && rerun.attempt == 1 && rerun.asOf == "2026-12-01T00:00:00Z")
        #expect(try l.pending(id).deliveries.isEmpty)
    }

    @Test func intentThenDeliveredStateMachine() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("r")
        _ = try l.openRun(id, configHash: "c", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        var b = LedgerBatch()
        b.intents = [
            DeliveryIntent(key: .init(record: 1, channel: .email), sha256: "e1", files: ["r-r00000001.eml"], template: "invoice", pages: 2),
            DeliveryIntent(key: .init(record: 1, channel: .archive), sha256: "a1", files: ["r-r00000001.json", "r-r00000001.pdf"], template: "invoice", pages: 2),
            DeliveryIntent(key: .init(record: 2, channel: .archive), sha256: "a2", files: ["r-r00000002.json", "r-r00000002.pdf"], template: "dunning", pages: 1),
        ]
        b.rejects = [RejectEntry(record: 3, code: "missingField", path: "/recipient/name", message: "value 'Jürgen Müller' is not allowed")]
        try l.commit(id, b)
        var p = try l.pending(id)
        #expect(p.deliveries.map(\.key) == [.init(record: 1, channel: .email), .init(record: 1, channel: .archive), .init(record: 2, channel: .archive)])
        #expect(p.deliveries[1].files == ["r-r00000001.json", "r-r00000001.pdf"])
        var progress = try l.progress(id)
        #expect(!progress.isDelivered(1, .email))
        #expect(progress.isRejected(3))

        b = LedgerBatch()
        b.delivered = [.init(record: 1, channel: .email), .init(record: 1, channel: .archive)]
        b.printFiles = [PrintFileIntent(sequence: 1, sha256: "p1", files: ["r-print-0001.csv", "r-print-0001.pdf"],
                                        letters: [PrintLetterEntry(record: 4, template: "invoice", pages: 3),
                                                  PrintLetterEntry(record: 5, template: "invoice", pages: 2)],
                                        pages: 6, sheets: 3)]
        try l.commit(id, b)
        p = try l.pending(id)
        #expect(p.deliveries.map(\.key) == [.init(record: 2, channel: .archive)])
        #expect(p.printFiles.map(\.sequence) == [1])
        #expect(try l.nextPrintSequence(id) == 2)

        b = LedgerBatch()
        b.delivered = [.init(record: 2, channel: .archive)]
        b.deliveredPrintFiles = [1]
        try l.commit(id, b)
        p = try l.pending(id)
        #expect(p.deliveries.isEmpty && p.printFiles.isEmpty)
        progress = try l.progress(id)
        #expect(progress.isDelivered(1, .email) && progress.isDelivered(1, .archive) && progress.isDelivered(4, .print))
        #expect(progress.isDelivered(5, .print) && !progress.isDelivered(5, .email))

        let s = try l.summary(id)
        #expect(s.delivered[.email] == 1 && s.delivered[.archive] == 2 && s.delivered[.print] == 2)
        #expect(s.perTemplate == ["invoice": 3, "dunning": 1])
        #expect(s.printFiles == 1 && s.printPages == 6 && s.printSheets == 3)
        #expect(s.rejects == 1 && s.pending == 0)
        #expect(s.documentPages == 2 + 1 + 3 + 2)

        let rejects = try l.rejects(id)
        #expect(rejects.count == 1)
        #expect(!rejects[0].message.contains("Müller"))
        #expect(rejects[0].path == "/recipient/name")
    }

    @Test func ledgerSurvivesReopen() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("r")
        _ = try l.openRun(id, configHash: "c", asOf: "x", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        var b = LedgerBatch()
        b.intents = [DeliveryIntent(key: .init(record: 7, channel: .email), sha256: "e", files: ["f.eml"], template: "t", pages: 1)]
        try l.commit(id, b)
        let again = try SQLiteRunLedger(path: dir + "/ledger.sqlite")
        #expect(try again.pending(id).deliveries.count == 1)
    }

    @Test func scrubDropsQuotedValues() {
        #expect(RejectEntry.scrub("cannot parse 'Łukasz' as number") == "cannot parse '…' as number")
        #expect(RejectEntry.scrub("bad \"xx\nyy\" here") == "bad \"…\" here")
        #expect(RejectEntry.scrub("expected ',' or '}'") == "expected ',' or '}'")
        #expect(RejectEntry.scrub(String(repeating: "a", count: 300)).count == 241)
    }
}
