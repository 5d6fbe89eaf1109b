import Foundation

/// A source of the current time; injected so schedules are tested without the wall clock.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Tracks one schedule's next fire time against an injected clock: poll it with the clock's time,
/// and it reports a fire when one is due. Fires missed while the process was stopped or asleep are
/// coalesced into **one** fire (a nightly batch must not run three times after a long outage).
public struct CronTrigger: Sendable, Hashable {
    public let schedule: CronSchedule
    public let timeZone: TimeZone
    /// The next instant the schedule fires, or nil if it never will.
    public private(set) var nextFire: Date?

    /// Starts tracking: the first fire is the first one strictly after `start`.
    public init(schedule: CronSchedule, timeZone: TimeZone, start: Date) {
        self.schedule = schedule
        self.timeZone = timeZone
        nextFire = schedule.nextFire(after: start, in: timeZone)
    }

    /// If a fire is due at `now`, returns its scheduled instant (the latest missed one when several
    /// were missed) and moves on to the next fire after `now`; otherwise nil.
    public mutating func poll(now: Date) -> Date? {
        guard let due = nextFire, due <= now else { return nil }
        var latest = due
        while let next = schedule.nextFire(after: latest, in: timeZone), next <= now { latest = next }
        nextFire = schedule.nextFire(after: now, in: timeZone)
        return latest
    }

    /// How long to wait from `now` until the next fire (zero if one is due, nil if none will come).
    public func delay(from now: Date) -> TimeInterval? {
        guard let nextFire else { return nil }
        return max(0, nextFire.timeIntervalSince(now))
    }
}
