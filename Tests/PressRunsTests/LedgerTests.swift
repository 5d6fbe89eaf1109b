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

    @Test func markingAPrintFileDeliveredMarksExactlyItsLetters() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("night-p")
        _ = try l.openRun(id, configHash: "c", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
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
        let s = try l.summary(id)
        #expect(s.delivered[.print] == 2 && s.pending == 1 && s.printFiles == 1 && s.printPages == 4 && s.documentPages == 3)
        #expect(try l.pending(id).printFiles.map(\.sequence) == [2])
    }

    /// The pages a commit writes, not a timing: the print phase commits records in postcode order, and a ledger
    /// that updates a row per delivery in place writes a random page per intent and per mark. Measured here: the
    /// earlier schema wrote 3,910 WAL frames for these 50 commits (78 each), the event log 456 (9 each: the
    /// batch's own rows, the last page it continues, the page above).
    @Test func commitsAppendWhateverTheRecordOrder() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        let l = try SQLiteRunLedger(path: dir + "/ledger.sqlite", autocheckpoint: 0)
        let id = try RunID("night-a")
        _ = try l.openRun(id, configHash: "c", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        // 3,200 records in a scrambled order (a multiplicative permutation), 64 per batch, each batch carrying the
        // previous one's delivered marks, as the committer does.
        let order = (0..<3200).map { ($0 * 1_237) % 3200 + 1 }
        var carried: [DeliveryKey] = []
        var commits = 0
        for start in stride(from: 0, to: order.count, by: 64) {
            var b = LedgerBatch()
            b.delivered = carried
            b.intents = order[start..<start + 64].map { r in
                DeliveryIntent(key: .init(record: r, channel: .archive), sha256: String(repeating: "ab", count: 32),
                               files: ["night-a-r\(r)-RE-\(r).json", "night-a-r\(r)-RE-\(r).pdf"], template: "invoice", pages: 2)
            }
            carried = b.intents.map(\.key)
            try l.commit(id, b)
            commits += 1
        }
        let db = try SQLiteDatabase(path: dir + "/ledger.sqlite")
        var frames = -1
        try db.prepare("PRAGMA wal_checkpoint(PASSIVE)").query { row in frames = row.int(1) }
        #expect(frames > 0 && frames <= commits * 12, "\(frames) WAL frames for \(commits) commits")
        let s = try l.summary(id)
        #expect(s.delivered[.archive] == 3200 - 64 && s.pending == 64 && s.perTemplate == ["invoice": 3136])
    }

    @Test func queuedLettersFollowTheirEvents() throws {
        let (l, dir) = try ledger(); defer { try? FileManager.default.removeItem(atPath: dir) }
        let id = try RunID("night-q")
        _ = try l.openRun(id, configHash: "c", asOf: "2026-11-22T00:00:00Z", defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        var b = LedgerBatch()
        b.queuedPrint = (1...4).map { PrintLetterEntry(record: $0, template: "t", pages: 1) }
        try l.commit(id, b)
        #expect(try l.progress(id).queuedRecords == [1, 2, 3, 4])
        #expect(try l.summary(id).queuedForPrint == 4)
        // 1 goes into a print file, 2 is rejected in the print phase, 3's queue entry was lost.
        b = LedgerBatch()
        b.printFiles = [PrintFileIntent(sequence: 1, sha256: "h", files: ["p.pdf"], letters: [PrintLetterEntry(record: 1, template: "t", pages: 1)], pages: 2, sheets: 1)]
        b.rejects = [RejectEntry(record: 2, code: "documentFailed", path: nil, message: "no")]
        try l.commit(id, b)
        try l.forgetQueuedPrint(id, records: [3])
        // Queued again after its letter is in a file: ignored, like INSERT OR IGNORE of the earlier schema.
        b = LedgerBatch()
        b.queuedPrint = [PrintLetterEntry(record: 1, template: "t", pages: 1)]
        try l.commit(id, b)
        var p = try l.progress(id)
        #expect(p.queuedRecords == [4])
        #expect(p.isRejected(2) && !p.isDelivered(1, .print))
        var s = try l.summary(id)
        #expect(s.queuedForPrint == 1 && s.pending == 1 && s.rejects == 1)
        b = LedgerBatch()
        b.deliveredPrintFiles = [1]
        try l.commit(id, b)
        p = try l.progress(id)
        #expect(p.isDelivered(1, .print) && !p.isQueued(1))
        s = try l.summary(id)
        #expect(s.delivered[.print] == 1 && s.pending == 0 && s.printFiles == 1)
        // Reopened, the sequence continues after the last event: nothing is overwritten.
        let again = try SQLiteRunLedger(path: dir + "/ledger.sqlite")
        b = LedgerBatch()
        b.intents = [DeliveryIntent(key: .init(record: 4, channel: .archive), sha256: "a", files: ["a.pdf"], template: "t", pages: 1)]
        try again.commit(id, b)
        #expect(try again.pending(id).deliveries.map(\.key) == [.init(record: 4, channel: .archive)])
        #expect(try again.summary(id).delivered[.print] == 1)
    }

    @Test func aLedgerOfTheEarlierSchemaIsConvertedOnOpen() throws {
        let scratch = Scratch(); defer { scratch.cleanup() }
        let dir = scratch.path
        let path = dir + "/ledger.sqlite"
        do {
            // As the earlier SQLiteRunLedger left it after a crash: record 1 e-mailed and archived, record 2's archive
            // pending, record 3 queued for print, records 4-5 in print file 1 (delivered), record 6 in file 2 (pending).
            let db = try SQLiteDatabase(path: path)
            try db.exec("""
                CREATE TABLE runs(run_id TEXT PRIMARY KEY, state TEXT NOT NULL, config_hash TEXT NOT NULL, as_of TEXT NOT NULL,
                  attempt INTEGER NOT NULL, generation INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0);
                CREATE TABLE deliveries(run_id TEXT NOT NULL, record INTEGER NOT NULL, channel INTEGER NOT NULL, state INTEGER NOT NULL,
                  sha256 TEXT NOT NULL, files TEXT NOT NULL, template TEXT NOT NULL, pages INTEGER NOT NULL,
                  print_file INTEGER, PRIMARY KEY(run_id, record, channel)) WITHOUT ROWID;
                CREATE INDEX deliveries_pending ON deliveries(run_id, state);
                CREATE TABLE print_files(run_id TEXT NOT NULL, seq INTEGER NOT NULL, state INTEGER NOT NULL, sha256 TEXT NOT NULL,
                  files TEXT NOT NULL, letters INTEGER NOT NULL, pages INTEGER NOT NULL, sheets INTEGER NOT NULL,
                  PRIMARY KEY(run_id, seq)) WITHOUT ROWID;
                INSERT INTO runs VALUES('old', 'running', 'c', '2026-11-22T00:00:00Z', 1, 1, 0);
                INSERT INTO deliveries VALUES('old', 1, \(Channel.email.code), 1, 'e1', 'o-r1.eml', 'invoice', 2, NULL);
                INSERT INTO deliveries VALUES('old', 1, \(Channel.archive.code), 1, 'a1', 'o-r1.json o-r1.pdf', 'invoice', 2, NULL);
                INSERT INTO deliveries VALUES('old', 2, \(Channel.archive.code), 0, 'a2', 'o-r2.json o-r2.pdf', 'dunning', 1, NULL);
                INSERT INTO deliveries VALUES('old', 3, \(Channel.print.code), 2, '', '', 'invoice', 1, NULL);
                INSERT INTO deliveries VALUES('old', 4, \(Channel.print.code), 1, 'p1', 'o-print-0001.pdf', 'invoice', 3, 1);
                INSERT INTO deliveries VALUES('old', 5, \(Channel.print.code), 1, 'p1', 'o-print-0001.pdf', 'invoice', 1, 1);
                INSERT INTO deliveries VALUES('old', 6, \(Channel.print.code), 0, 'p2', 'o-print-0002.pdf', 'invoice', 1, 2);
                INSERT INTO print_files VALUES('old', 1, 1, 'p1', 'o-print-0001.pdf', 2, 6, 3);
                INSERT INTO print_files VALUES('old', 2, 0, 'p2', 'o-print-0002.pdf', 1, 2, 1);
                """)
        }
        let l = try SQLiteRunLedger(path: path)
        let id = try RunID("old")
        let info = try l.openRun(id, configHash: "c", asOf: nil, defaultAsOf: "2026-11-22T00:00:00Z", rerun: false)
        #expect(info.attempt == 2 && !info.isNew)
        let p = try l.progress(id)
        #expect(p.isDelivered(1, .email) && p.isDelivered(1, .archive) && !p.isDelivered(2, .archive))
        #expect(p.queuedRecords == [3] && p.isDelivered(4, .print) && p.isDelivered(5, .print) && !p.isDelivered(6, .print))
        let pending = try l.pending(id)
        #expect(pending.deliveries.map(\.key) == [.init(record: 2, channel: .archive)])
        #expect(pending.deliveries.first?.files == ["o-r2.json", "o-r2.pdf"])
        #expect(pending.printFiles.map(\.sequence) == [2])
        let s = try l.summary(id)
        #expect(s.delivered == [.email: 1, .archive: 1, .print: 2])
        #expect(s.perTemplate == ["invoice": 3] && s.documentPages == 2 + 3 + 1)
        #expect(s.pending == 2 && s.queuedForPrint == 1)
        // The old table is gone; new commits continue after the converted events.
        let db = try SQLiteDatabase(path: path)
        var tables: [String] = []
        try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").query { row in tables.append(row.text(0) ?? "") }
        #expect(!tables.contains("deliveries") && tables.contains("events"))
        var b = LedgerBatch()
        b.delivered = [.init(record: 2, channel: .archive)]
        try l.commit(id, b)
        #expect(try l.summary(id).delivered[.archive] == 2)
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
