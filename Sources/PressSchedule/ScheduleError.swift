/// A schedule file problem: the file, the 1-based line and column, the field, what is wrong.
public struct ScheduleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The entry field (`cron`, `time-zone`, …), or nil for the file's structure.
    public var field: String?
    public var message: String

    public init(file: String, line: Int, column: Int, field: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `schedule.yml:4:11: cron: hour 25 is out of range 0-23`.
    public var description: String {
        "\(file):\(line):\(column): " + (field.map { "\($0): " } ?? "") + message
    }
}
