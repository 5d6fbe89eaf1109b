import Foundation
public import PressData
public import PressChannels

/// The settings of one batch run.
public struct BatchOptions: Sendable {
    public var runID: RunID
    public var job: JobConfig
    public var spoolRoot: String
    /// The ledger database; default `<spool>/.presswork/ledger.sqlite`.
    public var ledgerPath: String?
    /// Render workers (default: active processor count): the threads that bind, lay out, render and stage
    /// documents (`WorkerPool`); reading and committing run beside them.
    public var workers: Int
    /// Documents in flight at most (default 8 × workers, at least 16): bounds memory whatever the input size.
    /// Enough to keep the workers busy: the writer stages and commits beside them (`CommitPipeline`), so the
    /// reading task rarely waits. Measured over 10,000 records with two workers: 16, 32 and 128 in flight ran
    /// equally fast, and 128 peaked 7 MiB higher than 16.
    public var maxInFlight: Int
    /// Deliveries per ledger transaction (default 64).
    public var batchSize: Int
    /// The run's clock for a new run (documents' dates, e-mail Date, template `today`); a resumed run keeps the
    /// clock of its first start.
    public var asOf: Date?
    /// Run a finished run again (new generation).
    public var rerun: Bool
    /// When staged files are flushed (default once per batch; see `Spool.Durability`).
    public var durability: Spool.Durability = .perBatch
    /// The clock of a new run when `asOf` is nil (the CLI passes the wall clock; the library never reads it).
    public var defaultAsOf: Date

    public init(runID: RunID, job: JobConfig, spoolRoot: String, ledgerPath: String? = nil, workers: Int? = nil,
                maxInFlight: Int? = nil, batchSize: Int = 64, asOf: Date? = nil, rerun: Bool = false,
                defaultAsOf: Date? = nil) {
        self.runID = runID
        self.job = job
        self.spoolRoot = spoolRoot
        self.ledgerPath = ledgerPath
        let w = max(1, workers ?? job.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.workers = w
        self.maxInFlight = max(w, maxInFlight ?? max(8 * w, 16))
        self.batchSize = batchSize
        self.asOf = asOf
        self.rerun = rerun
        self.defaultAsOf = defaultAsOf ?? asOf ?? Date(timeIntervalSince1970: 0)
    }
}

/// The two document stages, built once the run's clock is known.
public struct DocumentStages: Sendable {
    public var producer: any DocumentProducer
    public var renderer: any DocumentRenderer
    public init(producer: any DocumentProducer, renderer: any DocumentRenderer) {
        self.producer = producer
        self.renderer = renderer
    }
}

/// Runs a batch: records in, documents out to the print, e-mail and archive spools, exactly once per channel
/// across crashes and resumes (see `RunLedger` for the protocol).
///
/// Shape: one task reads records (readers are not Sendable) and keeps at most `maxInFlight` documents in a
/// task group whose child tasks do the expensive work in parallel (bind, lay out, render, write + fsync the
/// staged files); the same task commits finished work in batches (one ledger fsync per batch, renames,
/// archive log), so writing never holds up rendering for long.
public struct BatchRunner: Sendable {
    public let options: BatchOptions
    public let stages: @Sendable (Date) throws -> DocumentStages
    public let ledger: (any RunLedger)?
    public let reporter: any ProgressReporter
    public let stop: StopFlag

    /// `stages` builds the producer and renderer for the run's clock. `ledger` nil: the SQLite ledger in the spool.
    public init(options: BatchOptions, stages: @escaping @Sendable (Date) throws -> DocumentStages,
                ledger: (any RunLedger)? = nil, reporter: any ProgressReporter = SilentProgressReporter(),
                stop: StopFlag = StopFlag()) {
        self.options = options
        self.stages = stages
        self.ledger = ledger
        self.reporter = reporter
        self.stop = stop
    }

    /// Runs (or resumes) the batch over `reader`; `inputSize` (bytes) feeds the ETA. Writes the report and the
    /// rejects file under `<spool>/reports/` and returns the report. Throws only when the run cannot start
    /// (bad job, spool not writable, ledger conflict); later failures come back as a `failed` report.
    public func run(reader: inout any RecordReader, inputSize: Int? = nil) async throws -> RunReport {
        let started = ContinuousClock.now
        let spool: Spool
        do { spool = try Spool(root: options.spoolRoot, durability: options.durability) } catch let e as ChannelError {
            throw RunError(.spool, e.message, cause: e.cause)
        }
        let privateFolder = spool.root + "/.presswork"
        do {
            try FileManager.default.createDirectory(atPath: privateFolder, withIntermediateDirectories: true)
        } catch {
            throw RunError(.spool, "cannot create \(privateFolder)", cause: "\(error)")
        }
        let lock = try SpoolLock(folder: privateFolder)
        defer { withExtendedLifetime(lock) {} }
        let ledger = try self.ledger ?? SQLiteRunLedger(path: options.ledgerPath ?? privateFolder + "/ledger.sqlite")
        let runID = options.runID
        let info = try ledger.openRun(runID, configHash: options.job.configHash,
                                      asOf: options.asOf.map(RFC5322Date.iso8601),
                                      defaultAsOf: RFC5322Date.iso8601(options.defaultAsOf), rerun: options.rerun)
        var report = RunReport(info: info)
        if info.state == .finished && !info.isNew {
            report.alreadyFinished = true
            report.apply(try ledger.summary(runID))
            reporter.log("run \(runID) finished before; nothing to do (use --rerun to run it again)")
            return report
        }
        guard let clock = ISO8601DateFormatter().date(from: info.asOf) else {
            throw RunError(.ledger, "run \(runID) has an unreadable as-of date in the ledger")
        }
        let stages = try self.stages(clock)
        try stages.producer.prepare(templates: options.job.template?.allPaths ?? [])

        let archiveLog: ArchiveLog
        do { archiveLog = try ArchiveLog(spool: spool) } catch let e as ChannelError {
            throw RunError(.spool, e.message, cause: e.cause)
        }
        let reconciled = try ResumeReconciler(runID: runID, spool: spool, ledger: ledger, archiveLog: archiveLog).reconcile()
        report.reconciled = reconciled.republished + reconciled.confirmed
        if info.attempt > 1 {
            reporter.log("run \(runID): resuming (attempt \(info.attempt)); reconciled \(report.reconciled) pending deliveries, "
                         + "discarded \(reconciled.discarded) unpromised staged files, removed \(reconciled.temporariesRemoved) temporary files")
        }
        let prefix = info.generation > 1 ? "\(runID.rawValue).g\(info.generation)" : runID.rawValue
        // One read of the ledger's per-record state (a pass over every delivery row); read again only in the
        // rare case that lost queue entries were forgotten.
        var progress = try ledger.progress(runID)
        let (queue, forgotQueued) = try openPrintQueue(folder: privateFolder, prefix: prefix, ledger: ledger, progress: progress)
        if forgotQueued { progress = try ledger.progress(runID) }
        let job = options.job
        let from: Mailbox, replyTo: Mailbox?
        do {
            from = try BatchRunner.mailbox(job.email.from)
            replyTo = try job.email.replyTo.map(BatchRunner.mailbox)
        } catch {
            throw RunError(.invalidJob, "email.from / email.reply_to must be 'Name <address>' or an address")
        }
        let worker = DocumentWorker(job: job, runID: runID, prefix: prefix, producer: stages.producer,
                                    renderer: stages.renderer, progress: progress, clock: clock, from: from, replyTo: replyTo)
        let committer = DeliveryCommitter(runID: runID, prefix: prefix, spool: spool, ledger: ledger, queue: queue,
                                          archiveLog: archiveLog, printOptions: job.print,
                                          firstPrintSequence: try ledger.nextPrintSequence(runID), batchSize: options.batchSize)

        let pool = WorkerPool(workers: options.workers)
        defer { pool.shutdown() }
        var recordsRead = 0
        var lastRecordNumber = 0
        var failure: (any Error)?
        var fatalInput: String?
        var lastReport = ContinuousClock.now
        let maxInFlight = options.maxInFlight
        let stopFlag = stop
        var printAssembled = false

        do {
            try await withThrowingTaskGroup(of: WorkOutcome.self) { group in
                var inFlight = 0
                func handle(_ outcome: WorkOutcome) async throws {
                    inFlight -= 1
                    // While the input streams no print letters are produced, so no print file can fill up.
                    if case .document(let d) = outcome { _ = committer.accept(d) }
                    if committer.isDue { try await committer.commit() }
                    let now = ContinuousClock.now
                    if now - lastReport > .milliseconds(500) {
                        lastReport = now
                        reporter.progress(snapshot(committer, recordsRead, started, reader.statistics.bytesRead, inputSize))
                    }
                }

                reading: while !stopFlag.isRequested {
                    let record: Record
                    do {
                        guard let r = try reader.next() else { break reading }
                        record = r
                    } catch let error as RecordError {
                        recordsRead += 1
                        lastRecordNumber = max(lastRecordNumber, error.recordNumber)
                        if !progress.isRejected(error.recordNumber) {
                            committer.addReadReject(RejectEntry(record: error.recordNumber, code: "malformed",
                                                                path: error.path?.jsonPointer,
                                                                message: BatchRunner.describe(error)))
                        }
                        if error.isFatal {
                            fatalInput = "the input cannot be read past record \(error.recordNumber): \(BatchRunner.describe(error))"
                            break reading
                        }
                        continue
                    } catch {
                        fatalInput = "the input cannot be read: \(error)"
                        break reading
                    }
                    recordsRead += 1
                    lastRecordNumber = max(lastRecordNumber, record.number)
                    if progress.isRejected(record.number) { continue }
                    inFlight += 1
                    group.addTask(executorPreference: pool) { .document(try worker.process(record, seq: nil)) }
                    while inFlight >= maxInFlight, let outcome = try await group.next() { try await handle(outcome) }
                }
                while let outcome = try await group.next() { try await handle(outcome) }
            }
            try await committer.finish()
            // Every record read is now delivered, queued for print or rejected: the print-bound ones come last,
            // so that their letters are sorted across the whole run.
            if let queue, !stop.isRequested {
                try await PrintPhase(queue: queue, runID: runID, prefix: prefix, worker: worker,
                                     renderer: stages.renderer, options: job.print, pool: pool, spool: spool, maxInFlight: maxInFlight,
                                     reporter: reporter, stop: stop)
                    .run(committer: committer) {
                        let now = ContinuousClock.now
                        if now - lastReport > .milliseconds(500) {
                            lastReport = now
                            reporter.progress(snapshot(committer, recordsRead, started, reader.statistics.bytesRead, inputSize))
                        }
                    }
                printAssembled = !stop.isRequested
            }
        } catch {
            failure = error
            // Keep what is safely staged and committed; anything else is redone on resume.
            try? await committer.commit()
            try? await committer.drain()
        }
        if let queue, printAssembled, failure == nil {
            // Every queued record is in a committed print file or rejected: the queue's personal data goes with
            // its file.
            do { try queue.destroy() } catch { failure = error }
        }

        let state: RunState
        if failure != nil || fatalInput != nil {
            state = .failed
        } else if stop.isRequested {
            state = .interrupted
        } else {
            state = .finished
        }
        try? ledger.finishRun(runID, state: state, records: lastRecordNumber)
        report.state = state
        report.failure = failure.map(BatchRunner.describeFailure) ?? fatalInput
        report.recordsRead = recordsRead
        report.documentsThisAttempt = committer.documentsDone
        report.skippedThisAttempt = committer.alreadyDone
        report.rejectsThisAttempt = committer.rejected
        report.apply(try ledger.summary(runID))
        let elapsed = ContinuousClock.now - started
        report.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        reporter.finish()
        try? writeReport(report, rejects: try ledger.rejects(runID), prefix: prefix, spool: spool)
        return report
    }

    func snapshot(_ c: DeliveryCommitter, _ read: Int, _ started: ContinuousClock.Instant, _ bytes: Int, _ total: Int?) -> RunProgressSnapshot {
        let e = ContinuousClock.now - started
        return RunProgressSnapshot(recordsRead: read, documents: c.documentsDone, skipped: c.alreadyDone, rejects: c.rejected,
                                   elapsed: Double(e.components.seconds) + Double(e.components.attoseconds) / 1e18,
                                   bytesRead: bytes, bytesTotal: total, queuedForPrint: c.waitingForPrint)
    }

    /// Opens the run's print queue (nil when the job prints nothing), after deleting the queues of earlier
    /// generations of the same run id. Letters the ledger counts as queued but the queue lost (its file was
    /// deleted) are forgotten, so that this attempt produces them again (`forgot` is then true: `progress`,
    /// the ledger's state before, is out of date).
    func openPrintQueue(folder: String, prefix: String, ledger: any RunLedger,
                        progress: RecordProgress) throws -> (queue: (any PrintQueue)?, forgot: Bool) {
        let name = "print-queue-" + prefix + ".sqlite"
        let runName = options.runID.rawValue
        for file in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            guard file.hasPrefix("print-queue-" + runName + "."), !file.hasPrefix(name) else { continue }
            // Only this run id's own files: `.sqlite…` or `.g<digits>.sqlite…` (not another run's `<id>.gx…`).
            var rest = Substring(file.dropFirst(("print-queue-" + runName).count))
            if rest.hasPrefix(".g") {
                let digits = rest.dropFirst(2).prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty else { continue }
                rest = rest.dropFirst(2 + digits.count)
            }
            guard rest.hasPrefix(".sqlite") else { continue }
            try? FileManager.default.removeItem(atPath: folder + "/" + file)
        }
        let path = folder + "/" + name
        let existed = SQLitePrintQueue.exists(at: path)
        guard options.job.routing.print || existed else { return (nil, false) }
        let queue = try SQLitePrintQueue(path: path)
        let queued = progress.queuedRecords
        guard !queued.isEmpty else { return (queue, false) }
        let missing = try (existed && queue.count() >= queued.count) ? [] : queued.filter { try !queue.contains($0) }
        guard !missing.isEmpty else { return (queue, false) }
        reporter.log("run \(options.runID): \(missing.count) queued print letters are missing from \(path); producing them again")
        try ledger.forgetQueuedPrint(options.runID, records: missing)
        return (queue, true)
    }

    func writeReport(_ report: RunReport, rejects: [RejectEntry], prefix: String, spool: Spool) throws {
        let folder = try SpoolFileName("reports")
        try spool.writeAtomically(report.json(), folder: folder, name: try SpoolFileName(prefix + ".report.json"))
        try spool.writeAtomically(Array((report.summary() + "\n").utf8), folder: folder, name: try SpoolFileName(prefix + ".report.txt"))
        try spool.writeAtomically(RunReport.rejectsCSV(rejects), folder: folder, name: try SpoolFileName(prefix + ".rejects.csv"))
    }

    /// A reader error without the record's content: code, location and the (scrubbed) reason.
    static func describe(_ e: RecordError) -> String {
        var s = e.error.code.rawValue
        if let line = e.line { s += " at line \(line)" + (e.column.map { ", column \($0)" } ?? "") }
        return s + ": " + e.reason
    }

    static func describeFailure(_ e: any Error) -> String {
        if let c = e as? ChannelError { return c.description + " — fix it and run the same command again to resume" }
        if let r = e as? RunError { return r.description }
        return "\(e)"
    }

    /// Parses `Name <address>` or a bare address.
    static func mailbox(_ text: String) throws -> Mailbox {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return try Mailbox(String(text[text.index(after: open)..<close]), displayName: name.isEmpty ? nil : name)
        }
        return try Mailbox(text)
    }
}
