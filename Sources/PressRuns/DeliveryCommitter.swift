import Dispatch
import PressChannels
import PressLayout
import Synchronization

/// The single writer of a run: collects rendered deliveries and queued print records from the workers, stages
/// their files, records them in the print queue and the ledger (one durable transaction per batch), publishes
/// them, appends the archive log; in the print phase it feeds the print letters, in the run's sorted order, to
/// the print assembler and commits the print files in sequence order.
///
/// Group commit: the *delivered* marks of one batch ride along with the *intents* of the next, so each batch
/// costs one file-system flush and one ledger fsync. The output work of a batch (hashing, e-mail encoding,
/// writing the files) and its blocking I/O run on a serial dispatch queue (`CommitPipeline`), not on the
/// render workers, so the workers keep rendering while a batch is written and flushed. Not Sendable: owned
/// by the run's driving task.
final class DeliveryCommitter {
    let runID: RunID
    let spool: Spool
    let ledger: any RunLedger
    let queue: (any PrintQueue)?
    let archiveLog: ArchiveLog
    let batchSize: Int
    private(set) var assembler: PrintAssembler
    private var nextPrintSequence: Int
    let printPrefix: String

    private var pending: [(PendingDelivery, DeliveryIntent)] = []
    private var queued: [(QueuedRecord, PrintLetterEntry)] = []
    private var printFiles: [PrintFileOutcome] = []
    private var rejects: [RejectEntry] = []
    private var carriedDelivered: [DeliveryKey] = []
    private var carriedPrintFiles: [Int] = []
    private let pipeline = CommitPipeline()

    /// Print-phase letters wait here until every earlier one (by sorted order) has come back.
    private var nextSeq = 0
    private var waitingLetters: [Int: PrintLetter?] = [:]

    /// Print files rendered out of order wait here, so that they are committed in sequence order: after a
    /// crash the committed files are a prefix of the plan, and the resumed run continues the same order.
    private var nextPrintToCommit: Int
    private var waitingPrint: [Int: PrintFileOutcome] = [:]

    // Counters of this attempt (for progress and the report).
    private(set) var documentsDone = 0
    private(set) var rejected = 0
    private(set) var alreadyDone = 0
    /// Print-bound records waiting for the print phase (queued now or by an earlier attempt), minus those the
    /// print phase has produced or rejected since.
    private(set) var waitingForPrint = 0
    private(set) var deliveredThisAttempt: [Channel: Int] = [:]

    init(runID: RunID, prefix: String, spool: Spool, ledger: any RunLedger, queue: (any PrintQueue)?, archiveLog: ArchiveLog,
         printOptions: PrintOptions, firstPrintSequence: Int, batchSize: Int = 64) {
        self.runID = runID
        self.assembler = PrintAssembler(options: printOptions)
        self.spool = spool
        self.ledger = ledger
        self.queue = queue
        self.archiveLog = archiveLog
        self.nextPrintSequence = firstPrintSequence
        self.nextPrintToCommit = firstPrintSequence
        self.printPrefix = prefix
        self.batchSize = max(1, batchSize)
    }

    /// Adds a reject found while reading (malformed record).
    func addReadReject(_ entry: RejectEntry) {
        rejects.append(entry)
        rejected += 1
    }

    /// Takes a worker's outcome for one record; returns print files that became full (to be rendered by a
    /// worker) with their sequence numbers.
    func accept(_ outcome: DocumentOutcome) -> [(Int, AssembledPrintFile)] {
        if outcome.seq != nil { waitingForPrint = max(0, waitingForPrint - 1) }
        if let r = outcome.reject {
            rejects.append(r)
            rejected += 1
        } else if outcome.queued != nil || outcome.deferred {
            waitingForPrint += 1   // counted as a document when the print phase produces it
        } else if outcome.pending.isEmpty && outcome.printLetter == nil {
            alreadyDone += 1
        } else {
            documentsDone += 1
        }
        for p in outcome.pending {
            // The hash is filled in when the commit job has staged the files.
            let intent = DeliveryIntent(key: DeliveryKey(record: outcome.record, channel: p.channel), sha256: "",
                                        files: p.files.map(\.rawValue), template: outcome.template, pages: outcome.pages)
            pending.append((p, intent))
        }
        if let letter = outcome.queued {
            queued.append((letter, PrintLetterEntry(record: outcome.record, template: outcome.template, pages: 0)))
        }
        guard let seq = outcome.seq else { return [] }
        waitingLetters[seq] = .some(outcome.printLetter)
        var full: [(Int, AssembledPrintFile)] = []
        while let entry = waitingLetters.removeValue(forKey: nextSeq) {
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

    /// The sequence number of the next print file to plan.
    func takePrintSequence() -> Int {
        defer { nextPrintSequence += 1 }
        return nextPrintSequence
    }

    /// Takes a rendered print file; it is committed once every earlier planned file is.
    func accept(_ file: PrintFileOutcome) {
        waitingPrint[file.intent.sequence] = file
        while let next = waitingPrint.removeValue(forKey: nextPrintToCommit) {
            printFiles.append(next)
            nextPrintToCommit += 1
        }
    }

    /// True when a batch is due (enough work collected).
    var isDue: Bool { pending.count + queued.count + printFiles.count * batchSize + rejects.count >= batchSize }

    /// Hands the collected work to the commit queue as one batch (does not wait for it). The published keys
    /// are marked delivered by the following batch (or `finish`).
    func commit() async throws {
        if pending.isEmpty && queued.isEmpty && printFiles.isEmpty && rejects.isEmpty && carriedDelivered.isEmpty
            && carriedPrintFiles.isEmpty { return }
        var job = CommitJob(runID: runID, spool: spool, ledger: ledger, queue: queue, archiveLog: archiveLog)
        job.pending = pending
        job.queued = queued.map(\.0)
        job.printFiles = printFiles
        job.batch.queuedPrint = queued.map(\.1)
        job.batch.rejects = rejects
        job.batch.delivered = carriedDelivered
        job.batch.deliveredPrintFiles = carriedPrintFiles
        for (s, _) in pending { deliveredThisAttempt[s.channel, default: 0] += 1 }
        for p in printFiles { deliveredThisAttempt[.print, default: 0] += p.intent.letters.count }
        carriedDelivered = pending.map(\.1.key)
        carriedPrintFiles = printFiles.map(\.intent.sequence)
        pending.removeAll(keepingCapacity: true)
        queued.removeAll(keepingCapacity: true)
        printFiles.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        try await pipeline.submit(job)
    }

    /// Waits until every submitted batch is committed and published (rethrows the first failure).
    func drain() async throws { try await pipeline.drain() }

    /// Commits what is left and the last delivered marks.
    func finish() async throws {
        try await commit()
        try await commit()
        try await drain()
    }
}

/// One batch of the delivery protocol, performed on the commit queue:
/// stage the batch's files (hash, encode, write in staging) → flush them → queue print letters (durable) →
/// commit intents, queued letters and print files (+ previous delivered marks, rejects) → drop the printed
/// letters from the queue → rename into the channel folders → append the archive log.
///
/// A crash anywhere before the ledger commit leaves staged files without intents: a resumed run discards them
/// and produces those records again. After it, the intents are durable and the resume publishes the files.
struct CommitJob: Sendable {
    let runID: RunID
    let spool: Spool
    let ledger: any RunLedger
    let queue: (any PrintQueue)?
    let archiveLog: ArchiveLog
    var pending: [(PendingDelivery, DeliveryIntent)] = []
    var queued: [QueuedRecord] = []
    var printFiles: [PrintFileOutcome] = []
    /// Everything but the intents and print files, which `perform` adds once their files are staged.
    var batch = LedgerBatch()

    init(runID: RunID, spool: Spool, ledger: any RunLedger, queue: (any PrintQueue)?, archiveLog: ArchiveLog) {
        self.runID = runID; self.spool = spool; self.ledger = ledger; self.queue = queue; self.archiveLog = archiveLog
    }

    func perform() throws {
        var batch = self.batch
        var staged: [StagedDelivery] = []
        staged.reserveCapacity(pending.count)
        batch.intents.reserveCapacity(pending.count)
        for (p, intent) in pending {
            let s = try p.stage(in: spool)
            var intent = intent
            intent.sha256 = s.sha256
            staged.append(s)
            batch.intents.append(intent)
        }
        var stagedPrint: [StagedDelivery] = []
        for p in printFiles {
            let s = try p.pending.stage(in: spool)
            var intent = p.intent
            intent.sha256 = s.sha256
            stagedPrint.append(s)
            batch.printFiles.append(intent)
        }
        var channels = Set(staged.map(\.channel))
        if !printFiles.isEmpty { channels.insert(.print) }
        // Always flush: it also makes the previous batch's renames durable before they are marked delivered.
        try spool.syncStaging(channels.sorted())
        if !queued.isEmpty {
            // Before the ledger says "queued": a letter the ledger counts as queued is always in the queue.
            guard let queue else { throw RunError(.stage, "print letters produced but the run has no print queue") }
            try queue.add(queued.map { $0.archived() })
        }
        try ledger.commit(runID, batch)
        // The letters of committed print files are the ledger's now (pending → delivered on resume, too).
        if let queue, !printFiles.isEmpty { try queue.remove(printFiles.flatMap { $0.intent.letters.map(\.record) }) }
        var archiveEntries: [ArchiveLog.Entry] = []
        for s in staged {
            try s.publish(to: spool)
            if let e = s.archiveEntry { archiveEntries.append(e) }
        }
        for s in stagedPrint { try s.publish(to: spool) }
        try spool.syncPublished(channels.sorted())
        try archiveLog.append(archiveEntries)
    }
}

/// A serial queue for commit jobs with bounded depth; the first failure stops all later jobs.
final class CommitPipeline: Sendable {
    private let queue = DispatchQueue(label: "presswork.commit")
    private let state = Mutex<(queued: Int, failure: RunFailureBox?)>((0, nil))
    /// Batches allowed to wait behind the one being committed before `submit` waits.
    let maxQueued = 2

    func submit(_ job: CommitJob) async throws {
        if let f = state.withLock({ $0.failure }) { throw f.error }
        if state.withLock({ $0.queued }) >= maxQueued { try await drain() }
        state.withLock { $0.queued += 1 }
        queue.async { [self] in
            let failed = state.withLock { $0.failure != nil }
            if !failed {
                do { try job.perform() } catch {
                    state.withLock { $0.failure = RunFailureBox(error: error) }
                }
            }
            state.withLock { $0.queued -= 1 }
        }
    }

    func drain() async throws {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in queue.async { c.resume() } }
        if let f = state.withLock({ $0.failure }) { throw f.error }
    }
}

struct RunFailureBox: Sendable {
    let error: any Error & Sendable
    init(error: any Error) {
        if let e = error as? ChannelError { self.error = e }
        else if let e = error as? RunError { self.error = e }
        else { self.error = RunError(.stage, "\(error)") }
    }
}
