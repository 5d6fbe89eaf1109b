import Foundation
import Testing
@testable import PressSchedule

/// Instants from ISO 8601 text with an explicit offset (no wall clock anywhere).
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.date(from: text)!
}

func utc(_ date: Date?) -> String? {
    guard let date else { return nil }
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
}

let berlin = TimeZone(identifier: "Europe/Berlin")!
let utcZone = TimeZone(identifier: "UTC")!

@Suite struct CronParsingTests {
    @Test(arguments: [
        ("0 2 * * *", "2025-03-10T12:00:00Z", "2025-03-11T02:00:00Z"),
        ("*/15 * * * *", "2025-03-10T12:07:30Z", "2025-03-10T12:15:00Z"),
        ("*/15 * * * *", "2025-03-10T12:15:00Z", "2025-03-10T12:30:00Z"),
        ("5/20 * * * *", "2025-03-10T12:46:00Z", "2025-03-10T13:05:00Z"),
        ("0 9-17/4 * * MON-FRI", "2025-03-14T17:30:00Z", "2025-03-17T09:00:00Z"),
        ("30 8 1,15 * *", "2025-03-02T00:00:00Z", "2025-03-15T08:30:00Z"),
        ("0 0 1 jan,Jul *", "2025-03-02T00:00:00Z", "2025-07-01T00:00:00Z"),
        ("0 0 * * 7", "2025-03-10T00:00:00Z", "2025-03-16T00:00:00Z"),
        ("0 0 * * 5-7", "2025-03-16T00:00:00Z", "2025-03-21T00:00:00Z"),
        // Day of month OR day of week when both are restricted (Vixie): the 13th or any Friday.
        ("0 12 13 * FRI", "2025-06-01T00:00:00Z", "2025-06-06T12:00:00Z"),
        ("0 12 13 * FRI", "2025-06-11T00:00:00Z", "2025-06-13T12:00:00Z"),
        // Day-of-week `*/2` starts with "*" and so does not switch to OR: the 13th that is a Sun/Tue/Thu/Sat.
        ("0 12 13 * */2", "2025-06-01T00:00:00Z", "2025-07-13T12:00:00Z"),
        ("0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("@hourly", "2025-03-10T12:00:00Z", "2025-03-10T13:00:00Z"),
        ("@weekly", "2025-03-10T12:00:00Z", "2025-03-16T00:00:00Z"),
        ("@yearly", "2025-03-10T12:00:00Z", "2026-01-01T00:00:00Z"),
        ("59 23 31 12 *", "2025-12-31T23:59:00Z", "2026-12-31T23:59:00Z"),
    ])
    func nextFireInUTC(expression: String, after: String, expected: String) throws {
        let schedule = try CronSchedule(expression)
        #expect(utc(schedule.nextFire(after: instant(after), in: utcZone)) == expected)
    }

    @Test func neverFiringScheduleGivesNil() throws {
        #expect(try CronSchedule("0 0 30 2 *").nextFire(after: instant("2025-01-01T00:00:00Z"), in: utcZone) == nil)
        #expect(try CronSchedule("0 0 31 4,6,9,11 *").nextFire(after: instant("2025-01-01T00:00:00Z"), in: utcZone) == nil)
    }

    @Test func wallClockOfTheGivenZone() throws {
        let schedule = try CronSchedule("0 2 * * *")
        // 02:00 in Berlin in winter is 01:00 UTC, in summer 00:00 UTC.
        #expect(utc(schedule.nextFire(after: instant("2025-01-10T12:00:00Z"), in: berlin)) == "2025-01-11T01:00:00Z")
        #expect(utc(schedule.nextFire(after: instant("2025-07-10T12:00:00Z"), in: berlin)) == "2025-07-11T00:00:00Z")
        let tokyo = TimeZone(secondsFromGMT: 9 * 3600)!
        #expect(utc(schedule.nextFire(after: instant("2025-07-10T12:00:00Z"), in: tokyo)) == "2025-07-10T17:00:00Z")
    }

    @Test func springForwardGapFiresAfterTheGap() throws {
        // 2025-03-30: Berlin clocks jump from 02:00 CET to 03:00 CEST (01:00 UTC).
        let schedule = try CronSchedule("30 2 * * *")
        let fire = schedule.nextFire(after: instant("2025-03-29T12:00:00Z"), in: berlin)
        #expect(utc(fire) == "2025-03-30T01:30:00Z")  // 03:30 CEST
        #expect(utc(schedule.nextFire(after: fire!, in: berlin)) == "2025-03-31T00:30:00Z")
        // Every-30-minutes schedule: 02:00 and 02:30 do not exist; no duplicate fires.
        let halfHourly = try CronSchedule("*/30 * * * *")
        var fires: [String] = []
        var t = instant("2025-03-30T00:15:00Z")
        for _ in 0..<4 {
            t = halfHourly.nextFire(after: t, in: berlin)!
            fires.append(utc(t)!)
        }
        #expect(fires == ["2025-03-30T00:30:00Z", "2025-03-30T01:00:00Z", "2025-03-30T01:30:00Z", "2025-03-30T02:00:00Z"])
    }

    @Test func fallBackRepeatedHourFiresOnce() throws {
        // 2025-10-26: Berlin clocks go back from 03:00 CEST to 02:00 CET (01:00 UTC); 02:30 occurs twice.
        let schedule = try CronSchedule("30 2 * * *")
        let fire = schedule.nextFire(after: instant("2025-10-25T12:00:00Z"), in: berlin)
        #expect(utc(fire) == "2025-10-26T00:30:00Z")  // the first 02:30 (CEST)
        #expect(utc(schedule.nextFire(after: fire!, in: berlin)) == "2025-10-27T01:30:00Z")
    }

    @Test(arguments: [
        ("0 2 * *", 8, "expected 5 fields (minute hour day-of-month month day-of-week), found 4"),
        ("0 2 * * * *", 11, "expected 5 fields (minute hour day-of-month month day-of-week), found 6"),
        ("0 25 * * *", 3, "hour 25 is out of range 0-23"),
        ("60 * * * *", 1, "minute 60 is out of range 0-59"),
        ("0 0 0 * *", 5, "day of month 0 is out of range 1-31"),
        ("0 0 * 13 *", 7, "month 13 is out of range 1-12"),
        ("0 0 * * 8", 9, "day of week 8 is out of range 0-7"),
        ("0 0 * FOO *", 7, "expected a number or a name such as JAN in the month field, found \"FOO\""),
        ("0 0 * * MON-XYZ", 13, "expected a number or a name such as MON in the day of week field, found \"XYZ\""),
        ("x 0 * * *", 1, "expected a number in the minute field, found \"x\""),
        ("0 10-5 * * *", 3, "hour range 10-5 runs backwards (10 is after 5)"),
        ("*/0 * * * *", 3, "step must be at least 1"),
        ("*/x * * * *", 3, "expected a step number after '/' in the minute field, found \"x\""),
        ("*/61 * * * *", 3, "step 61 is larger than the minute range 0-59"),
        ("0 1,,2 * * *", 5, "empty element in the hour list"),
        ("0 0 1 1 1,9", 11, "day of week 9 is out of range 0-7"),
        ("@reboot", 1, "unknown macro @reboot; expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly"),
        ("", 1, "expected 5 fields (minute hour day-of-month month day-of-week), found 0"),
    ])
    func errors(expression: String, column: Int, message: String) {
        do {
            _ = try CronSchedule(expression)
            Issue.record("expected an error for \(expression)")
        } catch {
            #expect(error.column == column)
            #expect(error.message == message)
            #expect(error.description == "cron expression \"\(expression)\", column \(column): \(message)")
        }
    }

    @Test func civilCalendarMatchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = utcZone
        // From 1614 on: Foundation's Gregorian calendar is Julian before October 1582.
        for days in stride(from: Int64(-130_000), through: 800_000, by: 997) {
            let date = Date(timeIntervalSince1970: TimeInterval(days * 86400))
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = CronSchedule.civil(fromDays: days)
            #expect(civil.year == Int64(parts.year!) && civil.month == parts.month! && civil.day == parts.day!, "\(days)")
        }
    }
}

@Suite struct CronTriggerTests {
    /// A manual clock: tests move time explicitly.
    final class ManualClock: WallClock, @unchecked Sendable {
        var current: Date
        init(_ start: Date) { current = start }
        func now() -> Date { current }
    }

    @Test func firesWhenDueAndCoalescesMissedFires() throws {
        let clock = ManualClock(instant("2025-03-10T00:00:00Z"))
        var trigger = CronTrigger(schedule: try CronSchedule("0 2 * * *"), timeZone: utcZone, start: clock.now())
        #expect(utc(trigger.nextFire) == "2025-03-10T02:00:00Z")
        #expect(trigger.delay(from: clock.now()) == 7200)
        clock.current = instant("2025-03-10T01:59:59Z")
        #expect(trigger.poll(now: clock.now()) == nil)
        clock.current = instant("2025-03-10T02:00:00Z")
        #expect(utc(trigger.poll(now: clock.now())) == "2025-03-10T02:00:00Z")
        #expect(trigger.poll(now: clock.now()) == nil)
        // Three nights missed (machine off): one fire, for the latest missed night.
        clock.current = instant("2025-03-13T09:00:00Z")
        #expect(utc(trigger.poll(now: clock.now())) == "2025-03-13T02:00:00Z")
        #expect(utc(trigger.nextFire) == "2025-03-14T02:00:00Z")
        #expect(trigger.delay(from: clock.now()) == 61_200)
    }

    @Test func neverFiringTrigger() throws {
        var trigger = CronTrigger(schedule: try CronSchedule("0 0 30 2 *"), timeZone: utcZone, start: instant("2025-01-01T00:00:00Z"))
        #expect(trigger.nextFire == nil)
        #expect(trigger.delay(from: instant("2025-01-01T00:00:00Z")) == nil)
        #expect(trigger.poll(now: instant("2030-01-01T00:00:00Z")) == nil)
    }
}
