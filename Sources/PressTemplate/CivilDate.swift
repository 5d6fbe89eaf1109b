/// A calendar date (proleptic Gregorian), stored as days since 1970-01-01. No time zone, no clock.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public var days: Int

    public init(days: Int) { self.days = days }

    /// The date of `year`-`month`-`day`, nil when the day does not exist (e.g. 2025-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        days = era * 146_097 + doe - 719_468
    }

    /// Year, month (1-12) and day (1-31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).
    public func adding(months: Int) -> CivilDate {
        let c = components
        let total = c.year * 12 + (c.month - 1) + months
        let year = total >= 0 ? total / 12 : (total - 11) / 12
        let month = total - year * 12 + 1
        let day = min(c.day, CivilDate.daysIn(month: month, year: year))
        return CivilDate(year: year, month: month, day: day)!
    }

    /// Parses `YYYY-MM-DD` (optionally followed by `T…` or a space and a time), or `DD.MM.YYYY`.
    public init?(parsing text: some StringProtocol) {
        var numbers: [Int] = []
        var separators: [UInt8] = []
        var current = 0, digits = 0
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                current = current * 10 + Int(byte - 48)
                digits += 1
                if digits > 4 { return nil }
            } else {
                if byte == UInt8(ascii: "T") || byte == UInt8(ascii: " ") {
                    if numbers.count == 2 { break }
                }
                guard digits > 0 else { return nil }
                numbers.append(current)
                separators.append(byte)
                current = 0
                digits = 0
                if numbers.count == 3 { break }
            }
        }
        if digits > 0 && numbers.count < 3 {
            numbers.append(current)
            separators.append(0)
        }
        guard numbers.count == 3 else { return nil }
        if separators[0] == UInt8(ascii: "-") {
            self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        } else if separators[0] == UInt8(ascii: ".") || separators[0] == UInt8(ascii: "/") {
            self.init(year: numbers[2], month: numbers[1], day: numbers[0])
        } else {
            return nil
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.days < b.days }

    /// ISO 8601: `2026-11-22`.
    public var description: String {
        let c = components
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(c.year)-\(two(c.month))-\(two(c.day))"
    }
}
