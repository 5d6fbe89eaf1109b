import ArgumentParser
import Dispatch
import Foundation
import PressRuns
import PressWatch

/// `presswork watch`: a drop folder. Files dropped into `<root>/inbox/` are claimed into `work/`, run through the
/// batch pipeline (one run per file) into the spools, and moved to `done/` or `failed/` (+ `<name>.reason.txt`).
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a drop folder: render every data file dropped into <root>/inbox/ into the spools.",
        discussion: """
        Layout: <root>/inbox/ (drop files here: write in place, or better write a temporary name such as \
        *.part or .name and rename it in), <root>/work/ (claimed), <root>/done/, <root>/failed/ (with \
        <name>.reason.txt: the rejected record numbers and reasons, or the file-level error). Temporary and \
        hidden names are ignored. Each file is one batch run with the id <name>-<content hash>; a file left in \
        work/ by a killed watcher is resumed at the next start (each record delivered exactly once).

        SIGTERM/SIGINT stop after the file in hand (a second signal stops inside it; it resumes next start).

        EXIT CODES
          0  every file processed went to done/
          1  some file went to failed/
          2  the watcher could not run: bad options, folders, inbox removed, another watcher on the root \
        (with --once that is exit 0, nothing done), or a spool or ledger problem (the file stays in work/)
          3  interrupted inside a file (it stays in work/ and resumes at the next start)
          64 usage error: bad or missing option
        """)

    @Option(name: .long, help: "Drop folder root (inbox/, work/, done/, failed/ are created).")
    var root: String

    @Option(name: .long, help: "Spool root folder (or 'spool' in the job file).")
    var spool: String?

    @Option(name: .long, help: "Job file (YAML): template selection, language, routing, ... ('inputs' is ignored).")
    var job: String?

    @Option(name: .long, help: "Template folder for every record.")
    var template: String?

    @Option(name: .long, help: "Render workers (default: number of cores).")
    var workers: Int?

    @Option(name: .customLong("record-element"), help: "XML: the repeated record element (e.g. invoice).")
    var recordElement: String?

    @Option(name: .long, help: "Extra font folder (repeatable).")
    var fonts: [String] = []

    @Flag(name: .long, help: "Process what is in the inbox (and work/) now, then exit (for cron and tests).")
    var once = false

    func run() async throws {
        var config = JobConfig()
        do {
            if let job { config = try JobConfig.load(path: job) }
        } catch {
            fail("\(error)")
        }
        if let template { config.template = TemplateSelection(fixed: template) }
        if let recordElement { config.recordElement = recordElement }
        if let workers { config.workers = workers }
        guard let spoolRoot = spool ?? config.spool else { fail("--spool (or 'spool' in the job file) is required") }
        guard config.template != nil else { fail("--template (or 'template' in the job file) is required") }

        let folder = DropFolder(root: root)
        let lock: DropFolderLock
        do {
            try folder.prepare()
            guard let l = try DropFolderLock(folder: folder) else {
                // Another watcher works on this root (e.g. a long file while cron starts `--once` again).
                if once {
                    WatchCommand.log("watch: another watcher is working on \(folder.root); nothing to do")
                    return
                }
                fail("another watcher is already running on \(folder.root)")
            }
            lock = l
        } catch {
            fail("\(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let source: any DropEventSource
        if once {
            source = ManualEventSource()
            source.close()
        } else {
            // The watch is set up before the initial scan, so a file arriving in between is not missed.
            do { source = try InotifyEventSource(directory: folder.inbox) } catch { fail("\(error)") }
        }
        let stop = StopFlag(), urgent = StopFlag()
        let signals = WatchCommand.installSignalHandlers(stop: stop, urgent: urgent, source: source)
        defer { withExtendedLifetime(signals) {} }

        let handler = BatchDropHandler(config: config, spoolRoot: spoolRoot, fonts: fonts, engine: BatchEngine(),
                                       stop: stop, urgent: urgent)
        let processor = DropFolderProcessor(folder: folder, handler: handler, log: WatchCommand.log)
        if !once { WatchCommand.log("watch: watching \(folder.inbox)") }
        do {
            try await processor.run(source: source, stop: { stop.isRequested }, once: once)
        } catch {
            fail("\(error)")
        }
        source.close()
        if let inotify = source as? InotifyEventSource, inotify.watchLost, !stop.isRequested {
            fail("the inbox \(folder.inbox) was removed or unmounted")
        }
        if handler.setupFailed.isRequested { throw ExitCode(RunReport.ExitCode.failed.rawValue) }
        if processor.processed.contains(where: { $0.outcome == .interrupted }) { throw ExitCode(RunReport.ExitCode.interrupted.rawValue) }
        if processor.processed.contains(where: { if case .failed = $0.outcome { true } else { false } }) {
            throw ExitCode(RunReport.ExitCode.finishedWithRejects.rawValue)
        }
    }

    static func log(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("presswork watch: error: \(message)\n".utf8))
        Foundation.exit(RunReport.ExitCode.failed.rawValue)
    }

    /// First SIGTERM/SIGINT: finish the file in hand, then stop. Second: stop inside the file (resumable).
    static func installSignalHandlers(stop: StopFlag, urgent: StopFlag, source: any DropEventSource) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler {
                if stop.isRequested {
                    urgent.request()
                    log("presswork watch: stopping inside the current file (it resumes at the next start)…")
                } else {
                    stop.request()
                    source.close()
                    log("presswork watch: stopping after the file in hand…")
                }
            }
            s.resume()
            return s
        }
    }
}

/// Runs one dropped file as a batch run (the job's template selection and routing, spooled into `spoolRoot`).
struct BatchDropHandler: DropFileHandler {
    let config: JobConfig
    let spoolRoot: String
    let fonts: [String]
    let engine: BatchEngine
    /// The watcher's stop flag: set when the spool or ledger cannot be used (no point taking the next file).
    let stop: StopFlag
    /// The runner's stop flag (second signal).
    let urgent: StopFlag
    /// Set when a run could not start for a reason that is not the file's fault.
    let setupFailed = StopFlag()

    func process(_ file: ClaimedFile) async throws -> DropOutcome {
        var job = config
        job.inputs = [file.path]
        var invocation = try BatchInvocation(config: job, spoolRoot: spoolRoot, runID: RunID(file.runID), asOf: nil)
        invocation.fonts = fonts
        invocation.quiet = true
        let report: RunReport
        do {
            report = try await invocation.run(engine: engine, now: Date(), stop: urgent,
                                              reporter: ConsoleProgressReporter(isTTY: false, quiet: true))
        } catch let error as RunError where [.spool, .ledger, .conflict, .stage].contains(error.code) {
            // Not the file's fault: keep it in work/ (resumed at the next start) and stop the watcher.
            WatchCommand.log("presswork watch: error: \(error)")
            setupFailed.request()
            stop.request()
            return .interrupted
        }
        let counts = "\(report.records) records, \(report.rejects) rejected, " +
            report.delivered.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        WatchCommand.log("watch: \(file.name) run \(file.runID): \(counts)")
        switch report.exitCode {
        case .success:
            return .done
        case .finishedWithRejects:
            let csv = (invocation.rejectsCSV(generation: report.generation) ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            return .failed(reason: """
                \(report.rejects) of \(report.records) records rejected; the other records were delivered (run \(file.runID)).
                Rejected records (record number, code, field path, reason):
                \(csv)
                """)
        case .failed:
            return .failed(reason: "the run failed: \(report.failure ?? "unknown error")")
        case .interrupted:
            return .interrupted
        }
    }
}
