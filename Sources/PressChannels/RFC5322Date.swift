import Foundation

/// Formats a `Date` as an RFC 5322 §3.3 date-time in UTC (`Sun, 22 Nov 2026 16:44:24 +0000`).
///
/// Computed arithmetically (days-from-civil inverse), not with `DateFormatter`: no locale, no time zone
/// database, same bytes everywhere.
public enum RFC5322Date {
    public static func format(_ date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, m, d, wd, hh, mm, ss) = civil(seconds)
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(days[wd]), \(d) \(months[m - 1]) \(y) \(two(hh)):\(two(mm)):\(two(ss)) +0000"
    }

    /// ISO 8601 UTC (`2026-11-22T16:44:24Z`).
    public static func iso8601(_ date: Date) -> String {
        let (y, m, d, _, hh, mm, ss) = civil(Int64(date.timeIntervalSince1970.rounded(.down)))
        return "\(y)-\(two(m))-\(two(d))T\(two(hh)):\(two(mm)):\(two(ss))Z"
    }

    /// ISO date only (`2026-11-22`).
    public static func isoDay(_ date: Date) -> String {
        let (y, m, d, _, _, _, _) = civil(Int64(date.timeIntervalSince1970.rounded(.down)))
        return "\(y)-\(two(m))-\(two(d))"
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// (year, month, day, weekday index with 0 = Thursday 1970-01-01, hour, minute, second)
    static func civil(_ t: Int64) -> (Int, Int, Int, Int, Int, Int, Int) {
        var days = t / 86_400
        var rem = t % 86_400
        if rem < 0 { rem += 86_400; days -= 1 }
        let weekday = Int(((days % 7) + 7) % 7)
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (Int(y), Int(m), Int(d), weekday, Int(rem / 3600), Int(rem % 3600 / 60), Int(rem % 60))
    }
}
