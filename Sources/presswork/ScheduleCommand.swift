import ArgumentParser
import Foundation
import PressRuns
import PressSchedule

/// `presswork schedule`: runs the entries of a schedule file (cron expressions in a time zone) as in-process
/// `presswork batch` runs.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Run `presswork batch` entries of a schedule file when their cron expressions fire.",
        discussion: """
        schedule.yml:
          entries:
            - name: nightly-dunning
              cron: "30 1 * * *"          # minute hour day-of-month month day-of-week
              time-zone: Europe/Berlin    # default UTC
              command: [--job, jobs/dunning.yml, --run-id, "dunning-{date}"]

        Placeholders in command: {date} (fire date in the entry's zone, YYYY-MM-DD), {time} (HHMM), \
        {datetime} (ISO 8601 UTC), {name}. Without --run-id the run id is <name>-<YYYYMMDD>-<HHMM>; without \
        --as-of the run is dated by the fire instant. A fire that runs again (restart) resumes the same run.

        Without --once-at the command runs until SIGTERM/SIGINT, waking for each fire; fires missed while it \
        was busy or stopped collapse into one. With --once-at it runs the entries due at that instant \
        (a fire in the minute ending there) and exits.

        EXIT CODES: the highest of the runs' `presswork batch` codes (0 success, 1 rejects, 2 failed, \
        3 interrupted); 2 for a bad schedule file; 64 usage error: bad or missing option.
        """)

    @Option(name: .long, help: "Schedule file (YAML).")
    var file: String

    @Option(name: .customLong("once-at"), help: "Run the entries due at this instant (ISO 8601, e.g. 2026-11-23T01:30:00+01:00) and exit.")
    var onceAt: String?

    func run() async throws {
        let schedule: ScheduleFile
        do { schedule = try ScheduleFile.load(path: file) } catch { fail("\(error)") }
        // Every entry's arguments must parse now, not at 01:30 in the night.
        for entry in schedule.entries {
            do { _ = try BatchCommand.parse(entry.arguments(fire: Date(timeIntervalSince1970: 0))) } catch {
                fail("\(file):\(entry.line): entry '\(entry.name)': command: \(BatchCommand.message(for: error))")
            }
        }
        let engine = BatchEngine()
        let stop = StopFlag()
        if let onceAt {
            guard let instant = BatchCommand.parseDate(onceAt) else { fail("--once-at '\(onceAt)' is not an ISO 8601 date-time") }
            let runs = Scheduler.due(at: instant, entries: schedule.entries)
            if runs.isEmpty { log("schedule: nothing due at \(onceAt)") }
            var worst: Int32 = 0
            for run in runs { worst = max(worst, await execute(run, engine: engine, stop: stop)) }
            if worst != 0 { throw ExitCode(worst) }
            return
        }
        let signals = StopSignals.install(stop, message: "presswork schedule: stopping…")
        defer { withExtendedLifetime(signals) {} }
        var scheduler = Scheduler(entries: schedule.entries, start: Date())
        log("schedule: \(schedule.entries.count) entries from \(file); next fire \(scheduler.nextFire().map(isoString) ?? "never")")
        while !stop.isRequested {
            for run in scheduler.due(now: Date()) where !stop.isRequested {
                _ = await execute(run, engine: engine, stop: stop)
            }
            guard let next = scheduler.nextFire() else { break }
            // Short naps: a stop request is seen within a second, and a clock jump (suspend) within a minute.
            let wait = min(max(0, next.timeIntervalSinceNow), 1)
            try? await Task.sleep(for: .milliseconds(Int(wait * 1000) + 1))
        }
    }

    /// Runs one fire through the `presswork batch` code path; returns its exit code.
    func execute(_ run: ScheduledRun, engine: BatchEngine, stop: StopFlag) async -> Int32 {
        let label = "schedule: \(run.entry.name)"
        log("\(label): fire \(isoString(run.fire)), starting run \(run.runID ?? "?")")
        do {
            let invocation = try BatchInvocation(BatchCommand.parse(run.arguments))
            let report = try await invocation.run(engine: engine, now: run.fire, stop: stop,
                                                  reporter: ConsoleProgressReporter(quiet: invocation.quiet))
            log("\(label): \(report.summary().split(separator: "\n").first.map(String.init) ?? "") (exit \(report.exitCode.rawValue))")
            return report.exitCode.rawValue
        } catch {
            log("\(label): run \(run.runID ?? "?"): error: \(BatchCommand.message(for: error))")
            return RunReport.ExitCode.failed.rawValue
        }
    }

    func isoString(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }

    func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("presswork schedule: error: \(message)\n".utf8))
        Foundation.exit(RunReport.ExitCode.failed.rawValue)
    }
}
