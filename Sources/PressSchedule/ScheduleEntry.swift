import Foundation

/// One named entry of a schedule file: when it fires (cron expression in a time zone) and the `presswork batch`
/// arguments it runs.
public struct ScheduleEntry: Sendable, Hashable {
    /// Unique within the file; `A-Z a-z 0-9 . _ -` (it names the default run ids).
    public var name: String
    public var schedule: CronSchedule
    /// The time zone the cron fields are read in (default UTC).
    public var timeZone: TimeZone
    /// `presswork batch` arguments with placeholders (see `arguments(fire:)`).
    public var command: [String]
    /// The 1-based line of the entry in its file.
    public var line: Int

    public init(name: String, schedule: CronSchedule, timeZone: TimeZone, command: [String], line: Int = 0) {
        self.name = name
        self.schedule = schedule
        self.timeZone = timeZone
        self.command = command
        self.line = line
    }

    /// The batch arguments for a fire at `fire`: placeholders replaced — `{date}` (the fire's local date,
    /// `YYYY-MM-DD`), `{time}` (local `HHMM`), `{datetime}` (ISO 8601 UTC), `{name}` — and, when absent,
    /// `--run-id <name>-<YYYYMMDD>-<HHMM>` (local fire time: one run per fire, so a repeated fire resumes instead
    /// of running twice) and `--as-of <datetime>` (documents are dated by the fire, not by when they ran).
    public func arguments(fire: Date) -> [String] {
        let local = ScheduleEntry.components(fire, in: timeZone)
        let date = "\(pad(local.year, 4))-\(pad(local.month, 2))-\(pad(local.day, 2))"
        let time = "\(pad(local.hour, 2))\(pad(local.minute, 2))"
        let utc = ScheduleEntry.components(fire, in: TimeZone(identifier: "UTC")!)
        let datetime = "\(pad(utc.year, 4))-\(pad(utc.month, 2))-\(pad(utc.day, 2))T\(pad(utc.hour, 2)):\(pad(utc.minute, 2)):\(pad(utc.second, 2))Z"
        var args = command.map {
            $0.replacingOccurrences(of: "{date}", with: date)
                .replacingOccurrences(of: "{time}", with: time)
                .replacingOccurrences(of: "{datetime}", with: datetime)
                .replacingOccurrences(of: "{name}", with: name)
        }
        if !args.contains(where: { $0 == "--run-id" || $0.hasPrefix("--run-id=") }) {
            args += ["--run-id", "\(name)-\(date.replacingOccurrences(of: "-", with: ""))-\(time)"]
        }
        if !args.contains(where: { $0 == "--as-of" || $0.hasPrefix("--as-of=") }) {
            args += ["--as-of", datetime]
        }
        return args
    }

    /// The value of `--run-id` in `arguments` (for log lines).
    public static func runID(in arguments: [String]) -> String? {
        for (i, a) in arguments.enumerated() {
            if a == "--run-id", i + 1 < arguments.count { return arguments[i + 1] }
            if a.hasPrefix("--run-id=") { return String(a.dropFirst("--run-id=".count)) }
        }
        return nil
    }

    static func components(_ date: Date, in zone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    }

    private func pad(_ value: Int?, _ width: Int) -> String {
        let s = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
