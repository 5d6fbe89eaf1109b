import Foundation
import Testing
@testable import PressSchedule

@Suite struct ScheduleFileTests {
    static let sample = """
        # nightly runs
        entries:
          - name: nightly-dunning
            cron: "30 1 * * *"
            time-zone: Europe/Berlin
            command: [--job, jobs/dunning.yml, --run-id, "dunning-{date}", --as-of, "{date}"]
          - name: invoices
            cron: 0 2 * * MON-FRI
            command:
              - batch
              - --input
              - /data/invoices-{date}.jsonl
              - --template
              - Templates/invoice
              - --spool
              - /var/spool/presswork
        """

    @Test func parsesEntries() throws {
        let file = try ScheduleFile.parse(Self.sample)
        #expect(file.entries.map(\.name) == ["nightly-dunning", "invoices"])
        let dunning = file.entries[0]
        #expect(dunning.schedule.expression == "30 1 * * *")
        #expect(dunning.timeZone.identifier == "Europe/Berlin")
        #expect(dunning.line == 3)
        let invoices = file.entries[1]
        #expect(invoices.timeZone.secondsFromGMT(for: instant("2026-07-01T00:00:00Z")) == 0)
        #expect(invoices.command.first == "--input")   // a leading `batch` is dropped
        #expect(invoices.line == 7)
    }

    @Test func topLevelListIsAccepted() throws {
        let file = try ScheduleFile.parse("- {name: a, cron: '@daily', command: [--job, a.yml]}\n")
        #expect(file.entries.map(\.name) == ["a"])
    }

    @Test(arguments: [
        // (yaml, line, column, field, message fragment)
        ("entries:\n  - name: x\n    cron: \"30 25 * * *\"\n    command: [--job, j.yml]\n", 3, 15, "cron", "25"),
        ("entries:\n  - name: x\n    cron: 30 1 * *\n    command: [--job, j.yml]\n", 3, 19, "cron", "expected 5 fields"),
        ("entries:\n  - name: x\n    cron: \"@daily\"\n    time-zone: Mars/Olympus\n    command: [--job, j.yml]\n", 4, 16, "time-zone", "Mars/Olympus"),
        ("entries:\n  - name: x\n    cron: \"@daily\"\n", 2, 5, "command", "missing"),
        ("entries:\n  - name: x\n    cron: \"@daily\"\n    command: []\n", 4, 14, "command", "non-empty"),
        ("entries:\n  - name: x\n    crn: \"@daily\"\n    command: [a]\n", 3, 5, "crn", "unknown field"),
        ("entries:\n  - cron: \"@daily\"\n    command: [a]\n", 2, 5, "name", "missing"),
        ("entries:\n  - name: ../evil\n    cron: \"@daily\"\n    command: [a]\n", 2, 11, "name", "A-Z"),
        ("entries:\n  - {name: a, cron: '@daily', command: [x]}\n  - {name: a, cron: '@daily', command: [y]}\n", 3, 12, "name", "already used"),
        ("entries: {name: a}\n", 1, 10, "entries", "list"),
        ("entries:\n  - name: [x\n", 3, 1, nil, "YAML"),
    ] as [(String, Int, Int, String?, String)])
    func errorsNameLineColumnAndField(yaml: String, line: Int, column: Int, field: String?, fragment: String) throws {
        let error = try #require(throws: ScheduleError.self) { try ScheduleFile.parse(yaml, file: "nightly.yml") }
        #expect(error.line == line)
        #expect(error.column == column)
        #expect(error.field == field)
        #expect(error.message.contains(fragment))
        #expect(error.description.hasPrefix("nightly.yml:\(line):\(column): "))
    }

    @Test func argumentsFillPlaceholdersAndDefaults() throws {
        let file = try ScheduleFile.parse(Self.sample)
        // 01:30 in Berlin on 23 Nov 2026 is 00:30 UTC.
        let fire = instant("2026-11-23T00:30:00Z")
        let dunning = file.entries[0].arguments(fire: fire)
        #expect(dunning == ["--job", "jobs/dunning.yml", "--run-id", "dunning-2026-11-23", "--as-of", "2026-11-23"])
        let invoices = file.entries[1].arguments(fire: instant("2026-11-23T02:00:00Z"))
        #expect(invoices.contains("/data/invoices-2026-11-23.jsonl"))
        #expect(Array(invoices.suffix(4)) == ["--run-id", "invoices-20261123-0200", "--as-of", "2026-11-23T02:00:00Z"])
        #expect(ScheduleEntry.runID(in: invoices) == "invoices-20261123-0200")
    }

    @Test func dueAtAnInstantSelectsTheEntriesFiringInThatMinute() throws {
        let file = try ScheduleFile.parse(Self.sample)
        let at0130Berlin = Scheduler.due(at: instant("2026-11-23T01:30:00+01:00"), entries: file.entries)
        #expect(at0130Berlin.map(\.entry.name) == ["nightly-dunning"])
        #expect(at0130Berlin.first?.runID == "dunning-2026-11-23")
        #expect(utc(at0130Berlin.first?.fire) == "2026-11-23T00:30:00Z")
        // Seconds into the minute still count; the next minute does not.
        #expect(Scheduler.due(at: instant("2026-11-23T01:30:42+01:00"), entries: file.entries).count == 1)
        #expect(Scheduler.due(at: instant("2026-11-23T01:31:00+01:00"), entries: file.entries).isEmpty)
        // Monday 02:00 UTC: invoices only; Sunday: nothing.
        #expect(Scheduler.due(at: instant("2026-11-23T02:00:00Z"), entries: file.entries).map(\.entry.name) == ["invoices"])
        #expect(Scheduler.due(at: instant("2026-11-22T02:00:00Z"), entries: file.entries).isEmpty)
    }

    @Test func missedFiresCollapseIntoOnePerEntry() throws {
        let file = try ScheduleFile.parse(Self.sample)
        var scheduler = Scheduler(entries: file.entries, start: instant("2026-11-20T12:00:00Z"))
        #expect(utc(scheduler.nextFire()) == "2026-11-21T00:30:00Z")
        // Three days asleep: one dunning fire (the latest), one invoices fire (Monday), not five.
        let runs = scheduler.due(now: instant("2026-11-23T12:00:00Z"))
        #expect(runs.map(\.entry.name) == ["nightly-dunning", "invoices"])
        #expect(runs.map { utc($0.fire)! } == ["2026-11-23T00:30:00Z", "2026-11-23T02:00:00Z"])
        #expect(scheduler.due(now: instant("2026-11-23T12:00:00Z")).isEmpty)
    }
}
