import Foundation

/// The result of one processed file.
public struct ProcessedFile: Sendable, Hashable {
    public var name: String
    public var runID: String
    public var outcome: DropOutcome
    /// Where the file ended up (`done/…`, `failed/…`, or `work/…` when interrupted).
    public var path: String
}

/// The drop-folder state machine: a queue of file names, claims (rename `inbox/x` -> `work/x`), the handler
/// call, and the final move to `done/` or `failed/` (with `x.reason.txt`). Event sources only feed the queue;
/// the folder itself is the truth (a queued name that is gone by claim time is skipped), so duplicate or
/// stale events are harmless and an overflow is handled by a rescan.
///
/// Crash safety: `start()` queues files left in `work/` first; their run id is derived from name + content, so
/// the handler's batch run resumes in the ledger and every record is delivered exactly once.
///
/// Not thread-safe: drive it from one task (`run(source:stop:once:)` does).
public final class DropFolderProcessor {
    public let folder: DropFolder
    let handler: any DropFileHandler
    let log: @Sendable (String) -> Void
    /// Names waiting, in order (leftovers from `work/` first, then the inbox in name order, then events).
    public private(set) var queue: [String] = []
    private var leftovers: Set<String> = []
    /// Every file handled so far.
    public private(set) var processed: [ProcessedFile] = []

    public init(folder: DropFolder, handler: any DropFileHandler, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.folder = folder
        self.handler = handler
        self.log = log
    }

    /// Creates the folders, queues leftovers in `work/` (killed run) and scans the inbox.
    public func start() throws(WatchError) {
        try folder.prepare()
        for name in folder.candidates(in: folder.work) where !leftovers.contains(name) {
            leftovers.insert(name)
            queue.append(name)
            log("watch: resuming \(name) left in work/ by an earlier run")
        }
        rescan()
    }

    /// Queues every candidate file in the inbox that is not queued yet.
    public func rescan() {
        for name in folder.candidates(in: folder.inbox) { enqueue(name) }
    }

    /// Feeds one event: a finished file is queued (temp and hidden names ignored), an overflow rescans.
    public func handle(_ event: DropEvent) {
        switch event {
        case .fileReady(let name): if DropFolder.isCandidate(name) { enqueue(name) }
        case .overflow:
            log("watch: event queue overflowed, rescanning the inbox")
            rescan()
        }
    }

    private func enqueue(_ name: String) {
        if !queue.contains(name) { queue.append(name) }
    }

    /// Claims and processes the next queued file that still exists; nil when the queue is empty.
    public func processNext() async throws(WatchError) -> ProcessedFile? {
        while !queue.isEmpty {
            let name = queue.removeFirst()
            let workPath = folder.work + "/" + name
            let isLeftover = leftovers.remove(name) != nil
            if !isLeftover {
                // A same-named file still in work/ (only possible if its processing was interrupted): keep the
                // new one in the inbox until the next start resumes the old one.
                if FileManager.default.fileExists(atPath: workPath) { continue }
                guard try folder.move(folder.inbox + "/" + name, workPath) else { continue } // gone or claimed
            } else if !FileManager.default.fileExists(atPath: workPath) {
                continue
            }
            return try await process(name: name, workPath: workPath, isLeftover: isLeftover)
        }
        return nil
    }

    private func process(name: String, workPath: String, isLeftover: Bool) async throws(WatchError) -> ProcessedFile {
        let outcome: DropOutcome
        var runID = ""
        var sha = ""
        do {
            sha = try FileDigest.sha256(path: workPath)
            runID = DropRunID.make(name: name, sha256: sha)
            log("watch: processing \(name) (run \(runID))")
            let file = ClaimedFile(name: name, path: workPath, sha256: sha, runID: runID, isLeftover: isLeftover)
            do {
                outcome = try await handler.process(file)
            } catch {
                outcome = .failed(reason: "\(error)")
            }
        } catch {
            outcome = .failed(reason: "\(error)")
        }
        let result: ProcessedFile
        switch outcome {
        case .done:
            let target = folder.done + "/" + folder.freeName(for: name, in: folder.done)
            _ = try folder.move(workPath, target)
            log("watch: done \(name) -> \(target)")
            result = ProcessedFile(name: name, runID: runID, outcome: outcome, path: target)
        case .failed(let reason):
            let free = folder.freeName(for: name, in: folder.failed)
            let target = folder.failed + "/" + free
            try writeReason(reason, name: name, sha256: sha, runID: runID, to: folder.failed + "/" + free + ".reason.txt")
            _ = try folder.move(workPath, target)
            log("watch: failed \(name) -> \(target): \(reason.split(separator: "\n").first.map(String.init) ?? "")")
            result = ProcessedFile(name: name, runID: runID, outcome: outcome, path: target)
        case .interrupted:
            log("watch: interrupted \(name); it stays in work/ and resumes at the next start")
            result = ProcessedFile(name: name, runID: runID, outcome: outcome, path: workPath)
        }
        processed.append(result)
        // A leftover's name was deduplicated against the same name in the inbox (a newer drop): queue that now.
        if isLeftover, outcome != .interrupted, FileManager.default.fileExists(atPath: folder.inbox + "/" + name) {
            enqueue(name)
        }
        return result
    }

    /// Writes the reason file under a temporary name and renames it, so it appears complete.
    private func writeReason(_ reason: String, name: String, sha256: String, runID: String, to path: String) throws(WatchError) {
        var text = "file: \(name)\n"
        if !sha256.isEmpty { text += "sha256: \(sha256)\n" }
        if !runID.isEmpty { text += "run id: \(runID)\n" }
        text += "\n" + reason + (reason.hasSuffix("\n") ? "" : "\n")
        let temp = folder.failed + "/.\(name).reason.tmp"
        guard FileManager.default.createFile(atPath: temp, contents: Data(text.utf8)) else {
            throw WatchError(.folder, "cannot write \(temp)")
        }
        guard try folder.move(temp, path) else { throw WatchError(.folder, "cannot write \(path)") }
    }

    /// The loop: start (leftovers + inbox scan), process the queue, then wait for events and process what they
    /// bring, until the source closes, `stop` returns true (checked between files: the file in hand is
    /// finished), a file is interrupted, or — with `once` — the initial queue is empty.
    public func run(source: any DropEventSource, stop: (@Sendable () -> Bool)? = nil, once: Bool = false) async throws(WatchError) {
        try start()
        var events = source.events.makeAsyncIterator()
        while true {
            while !queue.isEmpty {
                if stop?() == true { return }
                if let p = try await processNext(), p.outcome == .interrupted { return }
            }
            if once || stop?() == true { return }
            guard let event = await events.next() else { return }
            handle(event)
        }
    }
}
