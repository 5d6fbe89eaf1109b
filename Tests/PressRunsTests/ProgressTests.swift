import Testing
@testable import PressRuns

@Suite struct ProgressTests {
    @Test func etaCountsTheRecordsStillExpectedIncludingThePrintQueue() throws {
        // Half the input read (500 of ~1,000 records); 100 documents done, 400 waiting for the print phase,
        // in 10 s: 10 documents/s, ~900 still to go.
        let s = RunProgressSnapshot(recordsRead: 500, documents: 100, skipped: 0, rejects: 0, elapsed: 10,
                                    bytesRead: 5_000, bytesTotal: 10_000, queuedForPrint: 400)
        #expect(s.rate == 10)
        #expect(try #require(s.eta) == 90)
        #expect(ConsoleProgressReporter.format(s) == "records 500  documents 100  skipped 0  rejects 0  print queue 400  rate 10/s  ETA 90s")
        // The print phase: all input read, 600 of 1,000 done.
        let late = RunProgressSnapshot(recordsRead: 1_000, documents: 590, skipped: 0, rejects: 10, elapsed: 60,
                                       bytesRead: 10_000, bytesTotal: 10_000, queuedForPrint: 400)
        #expect(try #require(late.eta) == 40)
        // Unknown size or nothing done yet: no ETA.
        #expect(RunProgressSnapshot(recordsRead: 5, documents: 0, skipped: 0, rejects: 0, elapsed: 1, bytesRead: 10,
                                    bytesTotal: nil).eta == nil)
        #expect(RunProgressSnapshot(recordsRead: 5, documents: 0, skipped: 0, rejects: 0, elapsed: 1, bytesRead: 10,
                                    bytesTotal: 100).eta == nil)
    }
}
