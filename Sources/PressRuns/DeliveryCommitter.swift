import PressChannels
import PressLayout

/// The single writer of a run: collects staged deliveries from the workers, records their intents in the
/// ledger (one durable transaction per batch), publishes them, appends the archive log, and feeds print
/// letters — in input order — to the print assembler.
///
/// Group commit: the *delivered* marks of one batch ride along with the *intents* of the next, so each batch
/// costs one ledger fsync. Not Sendable: owned by the run's driving task.
final class DeliveryCommitter {
    let runID: RunID
    let spool: Spool
    let ledger: any RunLedger
    let archiveLog: ArchiveLog
    let batchSize: Int
    private(set) var assembler: PrintAssembler
    private var nextPrintSequence: Int
    let printPrefix: String

    private var staged: [(StagedDelivery, DeliveryIntent)] = []
    private var printFiles: [PrintFileOutcome] = []
    private var rejects: [RejectEntry] = []
    private var carriedDelivered: [DeliveryKey] = []
    private var carriedPrintFiles: [Int] = []

    /// Print letters wait here until every earlier record (by reading order) has come back.
    private var nextSeq = 0
    private var waiting: [Int: PrintLetter?] = [:]

    // Counters of this attempt (for progress and the report).
    private(set) var documentsDone = 0
    private(set) var rejected = 0
    private(set) var alreadyDone = 0
    private(set) var deliveredThisAttempt: [Channel: Int] = [:]

    init(runID: RunID, prefix: String, spool: Spool, ledger: any RunLedger, archiveLog: ArchiveLog,
         printOptions: PrintOptions, firstPrintSequence: Int, batchSize: Int = 64) {
        self.runID = runID
        self.spool = spool
        self.ledger = ledger
        self.archiveLog = archiveLog
        self.assembler = PrintAssembler(options: printOptions)
        self.nextPrintSequence = firstPrintSequence
        self.printPrefix = prefix
        self.batchSize = max(1, batchSize)
    }

    /// Adds a reject found while reading (malformed record): it has no reading-order slot.
    func addReadReject(_ entry: RejectEntry) {
        rejects.append(entry)
        rejected += 1
    }

    /// Takes a worker's outcome; returns print files that became full (to be rendered by a worker).
    func accept(_ outcome: DocumentOutcome) -> [(Int, AssembledPrintFile)] {
        if let r = outcome.reject {
            rejects.append(r)
            rejected += 1
        } else if outcome.staged.isEmpty && outcome.printLetter == nil {
            alreadyDone += 1
        } else {
            documentsDone += 1
        }
        for s in outcome.staged {
            let intent = DeliveryIntent(key: DeliveryKey(record: outcome.record, channel: s.channel), sha256: s.sha256,
                                        files: s.files.map(\.rawValue), template: outcome.template, pages: outcome.pages)
            staged.append((s, intent))
        }
        waiting[outcome.seq] = .some(outcome.printLetter)
        var full: [(Int, AssembledPrintFile)] = []
        while let entry = waiting.removeValue(forKey: nextSeq) {
            nextSeq += 1
            if let letter = entry, let file = assembler.add(letter) {
                full.append((takePrintSequence(), file))
            }
        }
        return full
    }

    /// The rest of the letters as a last (partial) print file.
    func flushPrint() -> (Int, AssembledPrintFile)? {
        guard let file = assembler.flush() else { return nil }
        return (takePrintSequence(), file)
    }

    private func takePrintSequence() -> Int {
        defer { nextPrintSequence += 1 }
        return nextPrintSequence
    }

    func accept(_ file: PrintFileOutcome) {
        printFiles.append(file)
    }

    /// True when a batch is due (enough staged work).
    var isDue: Bool { staged.count + printFiles.count * batchSize + rejects.count >= batchSize }

    /// Syncs staging, commits intents (+ the previous batch's delivered marks + rejects), publishes, appends
    /// the archive log. The published keys are marked delivered by the next commit (or `finish`).
    func commit() throws {
        if staged.isEmpty && printFiles.isEmpty && rejects.isEmpty && carriedDelivered.isEmpty && carriedPrintFiles.isEmpty { return }
        var channels = Set(staged.map { $0.0.channel })
        if !printFiles.isEmpty { channels.insert(.print) }
        try spool.syncStaging(channels.sorted())
        var batch = LedgerBatch()
        batch.intents = staged.map(\.1)
        batch.printFiles = printFiles.map(\.intent)
        batch.rejects = rejects
        batch.delivered = carriedDelivered
        batch.deliveredPrintFiles = carriedPrintFiles
        try ledger.commit(runID, batch)

        var archiveEntries: [ArchiveLog.Entry] = []
        for (s, _) in staged {
            try s.publish(to: spool)
            if let e = s.archiveEntry { archiveEntries.append(e) }
            deliveredThisAttempt[s.channel, default: 0] += 1
        }
        for p in printFiles {
            try p.staged.publish(to: spool)
            deliveredThisAttempt[.print, default: 0] += p.intent.letters.count
        }
        try spool.syncPublished(channels.sorted())
        try archiveLog.append(archiveEntries)

        carriedDelivered = staged.map(\.1.key)
        carriedPrintFiles = printFiles.map(\.intent.sequence)
        staged.removeAll(keepingCapacity: true)
        printFiles.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
    }

    /// Commits what is left and the last delivered marks.
    func finish() throws {
        try commit()
        try commit()
    }
}
