import Foundation
internal import Yams

/// A schedule file (YAML): named entries that run `presswork batch` on a cron schedule.
///
/// ```yaml
/// entries:                          # or the list itself at the top level
///   - name: nightly-dunning
///     cron: "30 1 * * *"            # minute hour day-of-month month day-of-week
///     time-zone: Europe/Berlin      # optional, default UTC
///     command: [--job, jobs/dunning.yml, --run-id, "dunning-{date}", --as-of, "{date}"]
/// ```
/// Errors name the file, line, column and field (`schedule.yml:4:11: cron: hour 25 is out of range 0-23`).
public struct ScheduleFile: Sendable, Hashable {
    public var entries: [ScheduleEntry]

    public init(entries: [ScheduleEntry]) { self.entries = entries }

    /// Reads and parses a schedule file.
    public static func load(path: String) throws(ScheduleError) -> ScheduleFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScheduleError(file: path, line: 0, column: 0, field: nil, message: "cannot read the schedule file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static let fields = ["name", "cron", "time-zone", "command"]

    /// Parses schedule YAML; `file` names it in errors.
    public static func parse(_ yaml: String, file: String = "schedule.yml") throws(ScheduleError) -> ScheduleFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        } catch {
            throw ScheduleError(file: file, line: 0, column: 0, field: nil, message: "\(error)")
        }
        guard let root else { throw ScheduleError(file: file, line: 1, column: 1, field: nil, message: "the file is empty; expected 'entries:' with a list") }
        var list = root
        if let mapping = root.mapping {
            guard let entries = mapping["entries"] else {
                throw at(root, file, nil, "expected 'entries:' with a list of entries")
            }
            for (key, _) in mapping where key.string != "entries" {
                throw at(key, file, nil, "unknown key '\(key.string ?? "?")' (expected 'entries')")
            }
            list = entries
        }
        guard let sequence = list.sequence else { throw at(list, file, "entries", "expected a list of entries") }
        var entries: [ScheduleEntry] = []
        var names: [String: Int] = [:]
        for node in sequence {
            let entry = try parseEntry(node, file: file)
            if let first = names[entry.name] {
                throw at(node.mapping?["name"] ?? node, file, "name", "'\(entry.name)' is already used by the entry on line \(first)")
            }
            names[entry.name] = entry.line
            entries.append(entry)
        }
        return ScheduleFile(entries: entries)
    }

    private static func parseEntry(_ node: Node, file: String) throws(ScheduleError) -> ScheduleEntry {
        guard let mapping = node.mapping else {
            throw at(node, file, nil, "expected an entry {name, cron, time-zone, command}")
        }
        for (key, _) in mapping where !fields.contains(key.string ?? "") {
            throw at(key, file, key.string, "unknown field (expected one of: \(fields.joined(separator: ", ")))")
        }
        guard let nameNode = mapping["name"] else { throw at(node, file, "name", "missing (every entry needs a name)") }
        guard let name = nameNode.scalar?.string, !name.isEmpty, !name.hasPrefix("."), name.utf8.count <= 40,
              name.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) })
        else {
            throw at(nameNode, file, "name", "must be 1-40 characters of A-Z a-z 0-9 . _ - (it names the run ids)")
        }
        guard let cronNode = mapping["cron"] else { throw at(node, file, "cron", "missing (e.g. cron: \"30 1 * * *\")") }
        guard let cronScalar = cronNode.scalar else { throw at(cronNode, file, "cron", "expected a cron expression in quotes") }
        let schedule: CronSchedule
        do {
            schedule = try CronSchedule(cronScalar.string)
        } catch {
            let quoted = cronScalar.style == .singleQuoted || cronScalar.style == .doubleQuoted
            throw ScheduleError(file: file, line: cronNode.mark?.line ?? 0,
                                column: (cronNode.mark?.column ?? 1) + (quoted ? 1 : 0) + error.column - 1,
                                field: "cron", message: "\(error.message) in \"\(cronScalar.string)\"")
        }
        var zone = TimeZone(identifier: "UTC")!
        if let zoneNode = mapping["time-zone"] {
            guard let id = zoneNode.scalar?.string, let z = TimeZone(identifier: id) else {
                throw at(zoneNode, file, "time-zone", "unknown time zone '\(zoneNode.scalar?.string ?? "")' (use an IANA name such as Europe/Berlin)")
            }
            zone = z
        }
        guard let commandNode = mapping["command"] else {
            throw at(node, file, "command", "missing (the `presswork batch` arguments as a list)")
        }
        guard let items = commandNode.sequence, items.count > 0 else {
            throw at(commandNode, file, "command", "expected a non-empty list of `presswork batch` arguments, e.g. [--job, dunning.yml]")
        }
        var command: [String] = []
        for item in items {
            guard let s = item.scalar?.string else { throw at(item, file, "command", "each argument must be a plain string") }
            command.append(s)
        }
        if command.first == "batch" { command.removeFirst() }   // `command: [batch, --job, …]` reads naturally too
        return ScheduleEntry(name: name, schedule: schedule, timeZone: zone, command: command, line: node.mark?.line ?? 0)
    }

    private static func at(_ node: Node, _ file: String, _ field: String?, _ message: String) -> ScheduleError {
        ScheduleError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, field: field, message: message)
    }

    private static func yamlError(_ error: YamlError, file: String) -> ScheduleError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScheduleError(file: file, line: mark.line, column: mark.column, field: nil, message: "YAML: \(problem)")
        default:
            return ScheduleError(file: file, line: 0, column: 0, field: nil, message: "YAML: \(error)")
        }
    }
}
