import Dispatch
import Foundation
import PressChannels
import PressData
import PressFonts
import PressRender
import PressRuns
import PressTemplate
import Synchronization

/// A command-line problem found before a batch starts (bad option, missing input): exit code 2.
struct BatchSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The shared, long-lived parts of the pipeline: one PDF renderer, one template cache and one font library per
/// set of font folders. `watch` and `schedule` keep one engine for all their runs so templates are compiled
/// and font subsets cached once.
final class BatchEngine: Sendable {
    let renderer = PDFRenderer()
    let templates = TemplateCache()
    private let libraries = Mutex<[[String]: FontLibrary]>([:])

    func fontLibrary(_ folders: [String]) -> FontLibrary {
        libraries.withLock { cache in
            if let hit = cache[folders] { return hit }
            let library = FontLibrary(searchPaths: folders, includeSystemFonts: true)
            cache[folders] = library
            return library
        }
    }
}

/// One batch run (job file + flags merged, inputs opened, real template, layout and PDF stages, spools and
/// ledger), throwing instead of exiting: the single code path of `batch`, `watch` and `schedule` (the latter two
/// run many in one process).
struct BatchInvocation {
    var config: JobConfig
    var spoolRoot: String
    var runID: RunID
    var asOf: Date?
    var ledger: String?
    var rerun = false
    var fonts: [String] = []
    var quiet = false

    /// Merges `presswork batch` arguments into the job file's settings (flags win).
    init(_ cmd: BatchCommand) throws {
        var config = JobConfig()
        if let job = cmd.job { config = try JobConfig.load(path: job) }
        if !cmd.input.isEmpty { config.inputs = cmd.input }
        if let template = cmd.template { config.template = TemplateSelection(fixed: template) }
        if let recordElement = cmd.recordElement { config.recordElement = recordElement }
        if let lang = cmd.lang { config.language = FieldOrConstant(field: nil, constant: lang) }
        if cmd.omr, config.print.omr == nil { config.print.omr = OMRMarks() }
        if let workers = cmd.workers { config.workers = workers }
        guard let spoolRoot = cmd.spool ?? config.spool else {
            throw BatchSetupError(message: "--spool (or 'spool' in the job file) is required")
        }
        var asOf: Date?
        if let s = cmd.asOf {
            guard let d = BatchCommand.parseDate(s) else { throw BatchSetupError(message: "--as-of '\(s)' is not YYYY-MM-DD or ISO 8601") }
            asOf = d
        }
        try self.init(config: config, spoolRoot: spoolRoot, runID: RunID(cmd.runID), asOf: asOf)
        ledger = cmd.ledger
        rerun = cmd.rerun
        fonts = cmd.fonts
        quiet = cmd.quiet
    }

    init(config: JobConfig, spoolRoot: String, runID: RunID, asOf: Date?) throws {
        guard !config.inputs.isEmpty else { throw BatchSetupError(message: "--input (or 'inputs' in the job file) is required") }
        guard config.template != nil else { throw BatchSetupError(message: "--template (or 'template' in the job file) is required") }
        self.config = config
        self.spoolRoot = spoolRoot
        self.runID = runID
        self.asOf = asOf
    }

    /// Runs the batch to its report. `now` is the clock of a new run without `asOf`; `stop` ends it after the
    /// documents in hand (resumable).
    func run(engine: BatchEngine, now: Date, stop: StopFlag, reporter: any ProgressReporter) async throws -> RunReport {
        var sources: [RecordSource] = []
        var totalBytes = 0
        for path in config.inputs {
            sources.append(try RecordSource(path: path, options: RecordSourceOptions(
                format: config.format.flatMap(BatchCommand.format), recordElement: config.recordElement)))
            totalBytes += ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
        }
        let library = engine.fontLibrary(fonts + BatchCommand.fontFolders(templates: config.template?.allPaths ?? []))
        let options = BatchOptions(runID: runID, job: config, spoolRoot: spoolRoot, ledgerPath: ledger, workers: config.workers,
                                   asOf: asOf, rerun: rerun, defaultAsOf: now)
        let renderer = engine.renderer, templates = engine.templates
        let runner = BatchRunner(
            options: options,
            stages: { clock in
                let day = RFC5322Date.isoDay(clock)
                guard let today = CivilDate(parsing: day) else { throw RunError(.invalidJob, "bad as-of date \(day)") }
                return DocumentStages(producer: TemplateDocumentProducer(fonts: library, today: today, templates: templates),
                                      renderer: PDFDocumentRenderer(renderer: renderer, creationDate: clock))
            },
            reporter: reporter, stop: stop)
        var reader: any RecordReader = ChainedRecordReader(sources)
        return try await runner.run(reader: &reader, inputSize: totalBytes)
    }

    /// The rejects file the runner wrote for this run (`<spool>/reports/<run>[.g<n>].rejects.csv`), if present.
    func rejectsCSV(generation: Int) -> String? {
        let prefix = generation > 1 ? "\(runID.rawValue).g\(generation)" : runID.rawValue
        return try? String(contentsOfFile: spoolRoot + "/reports/" + prefix + ".rejects.csv", encoding: .utf8)
    }
}

/// SIGTERM and SIGINT set a stop flag instead of killing the process mid-run (`batch`, `schedule`): the run
/// finishes the documents in hand and stays resumable.
enum StopSignals {
    /// Installs the handlers; keep the returned sources alive for as long as they should act.
    static func install(_ stop: StopFlag, message: String) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { sig in
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                stop.request()
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            source.resume()
            return source
        }
    }
}
