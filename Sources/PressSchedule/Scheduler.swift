import Foundation

/// One fire of a schedule entry, ready to run: the entry, the scheduled instant, the batch arguments with
/// placeholders filled in, and the run id they name.
public struct ScheduledRun: Sendable, Hashable {
    public var entry: ScheduleEntry
    public var fire: Date
    public var arguments: [String]
    public var runID: String?

    public init(entry: ScheduleEntry, fire: Date) {
        self.entry = entry
        self.fire = fire
        arguments = entry.arguments(fire: fire)
        runID = ScheduleEntry.runID(in: arguments)
    }
}

/// Tracks every entry of a schedule with its own `CronTrigger` against an injected clock. Poll `due(now:)`
/// and run what it returns; fires missed while the process was stopped or busy collapse into one per entry.
public struct Scheduler: Sendable {
    public let entries: [ScheduleEntry]
    public private(set) var triggers: [CronTrigger]

    /// Starts tracking at `start`: the first fires are the ones strictly after it.
    public init(entries: [ScheduleEntry], start: Date) {
        self.entries = entries
        triggers = entries.map { CronTrigger(schedule: $0.schedule, timeZone: $0.timeZone, start: start) }
    }

    /// The fires due at `now` (at most one per entry, in file order); each trigger moves on past `now`.
    public mutating func due(now: Date) -> [ScheduledRun] {
        var runs: [ScheduledRun] = []
        for i in triggers.indices {
            if let fire = triggers[i].poll(now: now) { runs.append(ScheduledRun(entry: entries[i], fire: fire)) }
        }
        return runs
    }

    /// When the next fire of any entry comes (nil if none ever will).
    public func nextFire() -> Date? {
        triggers.compactMap(\.nextFire).min()
    }

    /// The entries due at `instant`: those with a fire in the minute ending at `instant`, i.e. in
    /// `(instant - 60 s, instant]` (`--once-at 2026-11-23T01:30:00+01:00` runs a `30 1 * * *` Berlin entry).
    public static func due(at instant: Date, entries: [ScheduleEntry]) -> [ScheduledRun] {
        var scheduler = Scheduler(entries: entries, start: instant.addingTimeInterval(-60))
        return scheduler.due(now: instant)
    }
}
