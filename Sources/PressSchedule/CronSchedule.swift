import Foundation

/// A parsed five-field cron expression (`minute hour day-of-month month day-of-week`), Vixie-cron style.
///
/// Fields accept `*`, numbers, ranges `a-b`, steps `*/n`, `a-b/n` and `a/n` (from `a` to the end),
/// and comma lists; months `JAN`-`DEC` and weekdays `SUN`-`SAT` by name (case-insensitive); day of
/// week 0 or 7 is Sunday. Macros: `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`,
/// `@hourly`. As in Vixie cron, when both day of month and day of week are restricted (do not start
/// with `*`), a day matches if **either** matches; otherwise both must.
///
/// Times are wall-clock times in the time zone given to ``nextFire(after:in:)``; see there for
/// daylight-saving transitions. The schedule itself holds no clock: callers pass the current time.
public struct CronSchedule: Sendable, Hashable, CustomStringConvertible {
    /// The expression as given.
    public let expression: String
    let minutes: UInt64
    let hours: UInt64
    let daysOfMonth: UInt64
    let months: UInt64
    let daysOfWeek: UInt64
    let dayOfMonthRestricted: Bool
    let dayOfWeekRestricted: Bool

    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    /// Parses `expression`; throws ``CronError`` with the column of the problem.
    public init(_ expression: String) throws(CronError) {
        self.expression = expression
        var text = expression.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") {
            guard let expanded = Self.macros[text.lowercased()] else {
                throw CronError(expression: expression, column: 1,
                                message: "unknown macro \(text); expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly")
            }
            text = expanded
        }
        // Fields with their 1-based columns in the original expression.
        var fields: [(Substring, Int)] = []
        var index = text.startIndex
        let leading = expression.prefix { $0 == " " || $0 == "\t" }.count
        while index < text.endIndex {
            if text[index] == " " || text[index] == "\t" {
                index = text.index(after: index)
                continue
            }
            let start = index
            while index < text.endIndex, text[index] != " ", text[index] != "\t" { index = text.index(after: index) }
            fields.append((text[start..<index], leading + text.distance(from: text.startIndex, to: start) + 1))
        }
        guard fields.count == 5 else {
            throw CronError(expression: expression, column: fields.count > 5 ? fields[5].1 : expression.count + 1,
                            message: "expected 5 fields (minute hour day-of-month month day-of-week), found \(fields.count)")
        }
        if expression.hasPrefix("@") || expression.trimmingCharacters(in: .whitespaces).hasPrefix("@") {
            fields = fields.map { ($0.0, 1) }
        }
        var sets: [UInt64] = []
        for field in CronField.allCases {
            let (fieldText, column) = fields[field.rawValue]
            sets.append(try field.parse(fieldText, column: column, expression: expression))
        }
        (minutes, hours, daysOfMonth, months, daysOfWeek) = (sets[0], sets[1], sets[2], sets[3], sets[4])
        dayOfMonthRestricted = !fields[2].0.hasPrefix("*")
        dayOfWeekRestricted = !fields[4].0.hasPrefix("*")
    }

    public var description: String { expression }

    /// Whether the schedule fires at this wall-clock minute (weekday 0 = Sunday).
    public func matches(month: Int, day: Int, weekday: Int, hour: Int, minute: Int) -> Bool {
        months & (1 << UInt64(month)) != 0 && hours & (1 << UInt64(hour)) != 0
            && minutes & (1 << UInt64(minute)) != 0 && matchesDay(day: day, weekday: weekday)
    }

    func matchesDay(day: Int, weekday: Int) -> Bool {
        let dom = daysOfMonth & (1 << UInt64(day)) != 0
        let dow = daysOfWeek & (1 << UInt64(weekday)) != 0
        if dayOfMonthRestricted && dayOfWeekRestricted { return dom || dow }
        return dom && dow
    }

    /// The first instant strictly after `instant` at which the schedule fires, in `timeZone`'s wall
    /// clock (whole minutes, seconds zero); `nil` if it never fires (e.g. `0 0 30 2 *`).
    ///
    /// Daylight-saving transitions: a wall time skipped by a spring-forward gap fires once at the
    /// matching instant after the gap (02:30 on the day Europe/Berlin jumps from 02:00 to 03:00 fires
    /// at 03:30 CEST, so a nightly run is never lost); a wall time that occurs twice when clocks go
    /// back fires once, at its first occurrence.
    public func nextFire(after instant: Date, in timeZone: TimeZone) -> Date? {
        let after = Int64(floor(instant.timeIntervalSince1970))
        let zone = ZoneOffsets(timeZone)
        // Start a few hours early in wall time: around a transition the instant order and the
        // wall-clock order differ by up to the size of the shift.
        let startLocal = Self.floorDiv(after + zone.offset(at: after) - 3 * 3600, 60) * 60
        var day = Self.floorDiv(startLocal, 86400)
        var firstMinute = Int((startLocal - day * 86400) / 60)
        // 400 years is a full Gregorian cycle: a schedule that does not fire by then never will.
        for _ in 0..<(146_097 + 1) {
            let (_, month, dayOfMonth) = Self.civil(fromDays: day)
            let weekday = Int(Self.floorMod(day + 4, 7))  // 1970-01-01 was a Thursday
            if months & (1 << UInt64(month)) != 0, matchesDay(day: dayOfMonth, weekday: weekday) {
                for hour in 0..<24 where hours & (1 << UInt64(hour)) != 0 {
                    if (hour + 1) * 60 <= firstMinute { continue }
                    for minute in 0..<60 where minutes & (1 << UInt64(minute)) != 0 {
                        let minuteOfDay = hour * 60 + minute
                        if minuteOfDay < firstMinute { continue }
                        let fire = zone.instant(forLocal: day * 86400 + Int64(minuteOfDay) * 60)
                        if fire > after { return Date(timeIntervalSince1970: TimeInterval(fire)) }
                    }
                }
            }
            day += 1
            firstMinute = 0
        }
        return nil
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }

    /// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's algorithm).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Maps wall-clock times to instants in one time zone.
struct ZoneOffsets {
    let zone: TimeZone
    init(_ zone: TimeZone) { self.zone = zone }

    /// Seconds east of UTC in effect at `instant` (seconds since 1970).
    func offset(at instant: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
    }

    /// The instant showing `local` (wall-clock seconds since 1970) on the zone's clocks: the first
    /// one if it shows twice, or for a skipped wall time the instant as many seconds after the gap.
    func instant(forLocal local: Int64) -> Int64 {
        // Offsets in effect half a day either side cover any single transition near `local`.
        let before = offset(at: local - 43_200)
        let after = offset(at: local + 43_200)
        var best: Int64?
        for candidate in before == after ? [before] : [before, after] {
            let instant = local - candidate
            if offset(at: instant) == candidate { best = min(best ?? instant, instant) }
        }
        return best ?? local - before
    }
}
