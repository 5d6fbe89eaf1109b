import PressChannels

/// The last phase of a run: the queued print letters, in country/postcode/record order across the whole run,
/// cut into print files (`PrintFilePlan`), laid out again, rendered and committed in sequence order.
///
/// Memory stays flat: the queue is read a page at a time (keyset paging on its sort index) and at most
/// `filesInFlight` files are being built at once. Resumable: a file's letters leave the queue when the file is
/// committed; letters of files committed by an attempt that then died (still queued, but already in the
/// ledger's print files) are dropped here, and the plan continues with the next sequence number.
struct PrintFileAssembly {
    let queue: any PrintQueue
    let ledger: any RunLedger
    let runID: RunID
    let prefix: String
    let spool: Spool
    let worker: DocumentWorker
    let renderer: any DocumentRenderer
    let options: PrintOptions
    let filesInFlight: Int
    let reporter: any ProgressReporter
    let stop: StopFlag

    func run(committer: DeliveryCommitter) async throws {
        let waiting = try queue.count()
        guard waiting > 0 else { return }
        reporter.log("run \(runID): assembling print files from \(waiting) letters, sorted by country and postcode")
        let progress = try ledger.progress(runID)
        let pageSize = options.maxLetters

        try await withThrowingTaskGroup(of: WorkOutcome.self) { group in
            var inFlight = 0
            var cursor: PrintQueueKey?
            var exhausted = false
            var window: [QueuedPrintLetter] = []

            func handle(_ outcome: WorkOutcome) async throws {
                inFlight -= 1
                if case .printFile(let file) = outcome { committer.accept(file) }
                if committer.isDue { try await committer.commit() }
            }

            while !stop.isRequested {
                while window.count < pageSize && !exhausted {
                    let page = try queue.letters(after: cursor, limit: pageSize)
                    exhausted = page.count < pageSize
                    cursor = page.last?.key ?? cursor
                    var stale: [Int] = []
                    for letter in page {
                        if progress.isDelivered(letter.record, .print) { stale.append(letter.record) } else { window.append(letter) }
                    }
                    try queue.remove(stale)
                }
                if window.isEmpty { break }
                let count = PrintFilePlan.lettersInNextFile(pages: window.lazy.map(\.pages), options: options)
                let letters = Array(window.prefix(count))
                window.removeFirst(count)
                let sequence = committer.takePrintSequence()
                inFlight += 1
                group.addTask { [worker, renderer, prefix, options, spool] in
                    try PrintFileAssembly.build(letters, sequence: sequence, prefix: prefix, worker: worker,
                                                renderer: renderer, options: options, spool: spool)
                }
                while inFlight >= filesInFlight, let outcome = try await group.next() { try await handle(outcome) }
            }
            while let outcome = try await group.next() { try await handle(outcome) }
        }
        try await committer.finish()
    }

    /// Lays the letters out again, assembles them in the order given and renders and stages the print file.
    static func build(_ queued: [QueuedPrintLetter], sequence: Int, prefix: String, worker: DocumentWorker,
                      renderer: any DocumentRenderer, options: PrintOptions, spool: Spool) throws -> WorkOutcome {
        let letters = try queued.map { try worker.reproduce($0) }
        let file = PrintAssembler.assemble(letters, options: options)
        let pdf: [UInt8]
        do { pdf = try renderer.renderPrintFile(file.document) } catch {
            throw RunError(.stage, "print file \(sequence) could not be rendered", cause: "\(error)")
        }
        let base = PrintChannel.baseName(prefix: prefix, sequence: sequence)
        let staged = try PrintChannel.stage(pdf: pdf, file: file, baseName: base, options: options, spool: spool)
        let intent = PrintFileIntent(sequence: sequence, sha256: staged.sha256, files: staged.files.map(\.rawValue),
                                     letters: file.letters.map { PrintLetterEntry(record: $0.record, template: $0.template, pages: $0.pages) },
                                     pages: file.pages, sheets: file.sheets)
        return .printFile(PrintFileOutcome(intent: intent, staged: staged))
    }
}
