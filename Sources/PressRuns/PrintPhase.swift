import PressChannels
import PressData

/// The last phase of a run: the queued print-bound records, in country/postcode/record order across the whole
/// run, each produced once (print letter, and archive and e-mail where still due), the letters cut into print
/// files as they come (`PrintAssembler`), rendered, and the files committed in sequence order.
///
/// Memory stays flat: the queue is read a page at a time (keyset paging on its sort index), and the documents
/// in flight are bounded as in the streaming phase. Resumable: a file's letters leave the queue when the file
/// is committed, and files are committed in sequence order, so after a crash the committed files are a prefix
/// of the plan and the resumed run continues the same order with the next sequence number. Letters of files
/// committed by an attempt that then died (still queued, but already delivered in the ledger) and records
/// rejected before are dropped from the queue here.
struct PrintPhase {
    let queue: any PrintQueue
    let runID: RunID
    let prefix: String
    let worker: DocumentWorker
    let renderer: any DocumentRenderer
    let options: PrintOptions
    let pool: WorkerPool
    /// Print files are staged by the worker that assembled them (see `renderPrintFile`).
    let spool: Spool
    let maxInFlight: Int
    let reporter: any ProgressReporter
    let stop: StopFlag

    /// Runs the phase; `progress` is called after each handled outcome (for the progress display).
    func run(committer: DeliveryCommitter, progress: () -> Void) async throws {
        let waiting = try queue.count()
        guard waiting > 0 else { return }
        reporter.log("run \(runID): print phase: \(waiting) print letters, sorted by country and postcode across the run")
        let ledgerProgress = worker.progress
        let pageSize = 256

        try await withThrowingTaskGroup(of: WorkOutcome.self) { group in
            var inFlight = 0
            var seq = 0
            var cursor: PrintQueueKey?

            func schedule(_ files: [(Int, AssembledPrintFile)]) {
                for (sequence, file) in files {
                    inFlight += 1
                    group.addTask(executorPreference: pool) { [renderer, prefix, options, spool] in
                        try PrintPhase.renderPrintFile(file, sequence: sequence, prefix: prefix, renderer: renderer,
                                                       options: options, spool: spool)
                    }
                }
            }
            func handle(_ outcome: WorkOutcome) async throws {
                inFlight -= 1
                switch outcome {
                case .document(let d): schedule(committer.accept(d))
                case .printFile(let p): committer.accept(p)
                }
                if committer.isDue { try await committer.commit() }
                progress()
            }

            paging: while !stop.isRequested {
                let page = try queue.letters(after: cursor, limit: pageSize)
                guard let last = page.last else { break }
                cursor = last.key
                var stale: [Int] = []
                for letter in page {
                    if stop.isRequested { break paging }
                    if ledgerProgress.isDelivered(letter.record, .print) || ledgerProgress.isRejected(letter.record) {
                        stale.append(letter.record)
                        continue
                    }
                    // Decoded here, on the driving task, so that the render workers only render.
                    let value: Value
                    do { value = try QueuePayload.decode(letter.payload) } catch {
                        throw RunError(.stage, "the print queue entry of record \(letter.record) is unreadable", cause: "\(error)")
                    }
                    let record = Record(number: letter.record, value: value, line: nil)
                    let mySeq = seq
                    seq += 1
                    inFlight += 1
                    group.addTask(executorPreference: pool) { [worker] in .document(try worker.process(record, seq: mySeq)) }
                    while inFlight >= maxInFlight, let outcome = try await group.next() { try await handle(outcome) }
                }
                try queue.remove(stale)
                if page.count < pageSize { break }
            }
            while let outcome = try await group.next() { try await handle(outcome) }
            if stop.isRequested { return }
            // The letters in hand make the last (partial) print file.
            schedule(committer.flushPrint().map { [$0] } ?? [])
            while let outcome = try await group.next() { try await handle(outcome) }
        }
        try await committer.finish()
    }

    /// Assembles print file `sequence` and stages it (with its manifests).
    ///
    /// Staged here, on the worker, unlike the documents the committer stages: a print file is a buffer of a
    /// megabyte or more, and a run's peak memory grew with the size of its print files (10,000 records with
    /// two workers: 95-100 MiB with 200 letters per file, 86 MiB with 20, like a 1,000-record run). Written
    /// and freed by the thread that allocated it, the buffer goes straight back to that thread's heap for the
    /// next file instead of waiting in another thread's free list, and it leaves memory one batch earlier.
    /// The cost is one file write per print file. (On its own this measured within the noise; with fewer
    /// documents in flight the 10,000-record peak came down to 88-89 MiB.)
    static func renderPrintFile(_ file: AssembledPrintFile, sequence: Int, prefix: String, renderer: any DocumentRenderer,
                                options: PrintOptions, spool: Spool) throws -> WorkOutcome {
        let pdf: [UInt8]
        do { pdf = try renderer.renderPrintFile(file.parts, metadata: file.metadata) } catch {
            throw RunError(.stage, "print file \(sequence) could not be rendered", cause: "\(error)")
        }
        let base = PrintChannel.baseName(prefix: prefix, sequence: sequence)
        let staged = try PrintChannel.pending(pdf: pdf, file: file, baseName: base, options: options).stage(in: spool)
        let intent = PrintFileIntent(sequence: sequence, sha256: staged.sha256, files: staged.files.map(\.rawValue),
                                     letters: file.letters.map { PrintLetterEntry(record: $0.record, template: $0.template, pages: $0.pages) },
                                     pages: file.pages, sheets: file.sheets)
        return .printFile(PrintFileOutcome(intent: intent, staged: staged))
    }
}
