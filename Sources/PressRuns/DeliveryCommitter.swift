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
/// writing the files) and its blocking I/O run on two dispatch queues (`CommitPipeline`: one stages the next
/// batch while the other commits the one before), not on the render workers, so the workers keep rendering
/// while a batch is written and flushed. Not Sendable: owned by the run's driving task.
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
        job.batch.printFiles = printFiles.map(\.intent)
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

/// One batch of the delivery protocol, in two steps:
/// `stage` (hash, encode and write the batch's documents into staging, archive the queued print records; print
/// files come staged by the worker that assembled them) and
/// `commit` (flush the file system → queue print letters (durable) → commit intents, queued letters and print
/// files (+ previous delivered marks, rejects) → drop the printed letters from the queue → rename into the
/// channel folders → append the archive log).
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
    /// Everything but the intents, which `stage` adds once their files are staged (print files come staged).
    var batch = LedgerBatch()

    init(runID: RunID, spool: Spool, ledger: any RunLedger, queue: (any PrintQueue)?, archiveLog: ArchiveLog) {
        self.runID = runID; self.spool = spool; self.ledger = ledger; self.queue = queue; self.archiveLog = archiveLog
    }

    /// What `stage` hands to `commit`: the ledger batch with the staged files' hashes, and the files to publish.
    struct Staged: Sendable {
        var batch: LedgerBatch
        var staged: [StagedDelivery]
        var queued: [QueuedPrintLetter]
        var channels: [Channel]
    }

    /// Writes the batch's files into staging (not flushed yet). Runs while the previous batch is committed:
    /// nothing is promised until `commit` has flushed them.
    func stage() throws -> Staged {
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
        var channels = Set(staged.map(\.channel))
        if !printFiles.isEmpty { channels.insert(.print) }
        return Staged(batch: batch, staged: staged, queued: queued.map { $0.archived() },
                      channels: channels.sorted())
    }

    /// Makes the staged files durable, records the batch in the ledger and publishes it. Batches are committed
    /// one at a time, in the order they were submitted.
    func commit(_ s: Staged) throws {
        // Always flush: it also makes the previous batch's renames durable before they are marked delivered.
        try spool.syncStaging(s.channels)
        if !s.queued.isEmpty {
            // Before the ledger says "queued": a letter the ledger counts as queued is always in the queue.
            guard let queue else { throw RunError(.stage, "print letters produced but the run has no print queue") }
            try queue.add(s.queued)
        }
        try ledger.commit(runID, s.batch)
        // The letters of committed print files are the ledger's now (pending → delivered on resume, too).
        if let queue, !printFiles.isEmpty { try queue.remove(printFiles.flatMap { $0.intent.letters.map(\.record) }) }
        var archiveEntries: [ArchiveLog.Entry] = []
        for d in s.staged {
            try d.publish(to: spool)
            if let e = d.archiveEntry { archiveEntries.append(e) }
        }
        for p in printFiles { try p.staged.publish(to: spool) }
        try spool.syncPublished(s.channels)
        try archiveLog.append(archiveEntries)
    }
}

/// Two serial queues for commit jobs: one stages a batch's files while the other commits the batch before it.
///
/// Why two: committing a batch is mostly waiting (file system flush, ledger fsync) and staging is mostly CPU
/// and page-cache writes (hashing, MIME encoding, creating files). On one queue the two add up, and with as
/// many render workers as cores that single writer capped the run (measured: busy 9 s of an 11 s,
/// 10,000-record run). Staged but uncommitted files are never promised, so staging ahead is safe; commits stay
/// in submission order. Depth is bounded (`maxBatches` staged or committing), which bounds memory; the first
/// failure stops every later batch.
final class CommitPipeline: Sendable {
    private let stager = DispatchQueue(label: "presswork.stage")
    private let committer = DispatchQueue(label: "presswork.commit")
    private struct State {
        var batches = 0
        var failure: RunFailureBox?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())
    /// Batches in the pipeline (being staged, waiting, or being committed) before `submit` waits for one.
    let maxBatches = 3

    func submit(_ job: CommitJob) async throws {
        while true {
            if let f = state.withLock({ $0.failure }) { throw f.error }
            let admitted = state.withLock { s -> Bool in
                guard s.batches < maxBatches else { return false }
                s.batches += 1
                return true
            }
            if admitted { break }
            await waitForProgress()
        }
        stager.async { [self] in
            var result: CommitJob.Staged?
            if !hasFailed {
                do { result = try job.stage() } catch { fail(error) }
            }
            let staged = result
            committer.async { [self] in
                if let staged, !hasFailed {
                    do { try job.commit(staged) } catch { fail(error) }
                }
                let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                    s.batches -= 1
                    defer { s.waiters.removeAll() }
                    return s.waiters
                }
                for w in waiters { w.resume() }
            }
        }
    }

    /// Waits until every submitted batch is committed and published (rethrows the first failure).
    func drain() async throws {
        while state.withLock({ $0.batches }) > 0 { await waitForProgress() }
        if let f = state.withLock({ $0.failure }) { throw f.error }
    }

    private var hasFailed: Bool { state.withLock { $0.failure != nil } }

    private func fail(_ error: any Error) {
        state.withLock { s in if s.failure == nil { s.failure = RunFailureBox(error: error) } }
    }

    /// Returns once a batch has left the pipeline (at once when none is in it).
    private func waitForProgress() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = state.withLock { s -> Bool in
                if s.batches == 0 { return true }
                s.waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
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
