/// A cron expression that cannot be parsed: what is wrong, and where (1-based column in the expression).
public struct CronError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The expression as given.
    public var expression: String
    /// 1-based column of the offending text.
    public var column: Int
    /// What is wrong or expected.
    public var message: String

    public init(expression: String, column: Int, message: String) {
        self.expression = expression
        self.column = column
        self.message = message
    }

    /// `cron expression "0 25 * * *", column 3: hour 25 is out of range 0-23`.
    public var description: String { "cron expression \"\(expression)\", column \(column): \(message)" }
}
