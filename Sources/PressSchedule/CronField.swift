/// One of the five fields of a cron expression, with its range and names.
enum CronField: Int, CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    var name: String {
        switch self {
        case .minute: return "minute"
        case .hour: return "hour"
        case .dayOfMonth: return "day of month"
        case .month: return "month"
        case .dayOfWeek: return "day of week"
        }
    }

    /// Allowed values; day of week accepts 7 for Sunday (mapped to 0).
    var range: ClosedRange<Int> {
        switch self {
        case .minute: return 0...59
        case .hour: return 0...23
        case .dayOfMonth: return 1...31
        case .month: return 1...12
        case .dayOfWeek: return 0...7
        }
    }

    /// Three-letter names (case-insensitive), where the field has them.
    var names: [String: Int] {
        switch self {
        case .month:
            return ["JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
                    "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12]
        case .dayOfWeek:
            return ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]
        default:
            return [:]
        }
    }

    /// Parses one field's text (a list of `*`, `n`, `a-b`, each optionally `/step`) into a bit set.
    /// `column` is the field's 1-based column in `expression`, for error positions.
    func parse(_ text: Substring, column: Int, expression: String) throws(CronError) -> UInt64 {
        var bits: UInt64 = 0
        var elementColumn = column
        for element in text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { elementColumn += element.count + 1 }
            func fail(_ message: String, at offset: Int = 0) -> CronError {
                CronError(expression: expression, column: elementColumn + offset, message: message)
            }
            guard !element.isEmpty else { throw fail("empty element in the \(name) list") }
            var rangePart = element
            var step = 1
            if let slash = element.firstIndex(of: "/") {
                rangePart = element[..<slash]
                let stepText = element[element.index(after: slash)...]
                let stepOffset = element.distance(from: element.startIndex, to: slash) + 1
                guard let parsed = Int(stepText), stepText.allSatisfy(\.isASCII) else {
                    throw fail("expected a step number after '/' in the \(name) field, found \"\(stepText)\"", at: stepOffset)
                }
                guard parsed >= 1 else { throw fail("step must be at least 1", at: stepOffset) }
                guard parsed <= range.upperBound else {
                    throw fail("step \(parsed) is larger than the \(name) range \(range.lowerBound)-\(range.upperBound)", at: stepOffset)
                }
                step = parsed
            }
            let low: Int, high: Int
            if rangePart == "*" {
                (low, high) = (range.lowerBound, self == .dayOfWeek ? 6 : range.upperBound)
            } else if let dash = rangePart.firstIndex(of: "-") {
                low = try value(rangePart[..<dash], at: elementColumn, expression: expression)
                let highOffset = rangePart.distance(from: rangePart.startIndex, to: dash) + 1
                high = try value(rangePart[rangePart.index(after: dash)...], at: elementColumn + highOffset, expression: expression)
                guard low <= high else { throw fail("\(name) range \(rangePart) runs backwards (\(low) is after \(high))") }
            } else {
                low = try value(rangePart, at: elementColumn, expression: expression)
                // `5/15` means from 5 to the end of the range in steps of 15 (as cronie reads it).
                high = step > 1 ? (self == .dayOfWeek ? 6 : range.upperBound) : low
            }
            for v in stride(from: low, through: high, by: step) {
                bits |= 1 << UInt64(self == .dayOfWeek && v == 7 ? 0 : v)
            }
        }
        return bits
    }

    /// One number or name within the field's range.
    private func value(_ text: Substring, at column: Int, expression: String) throws(CronError) -> Int {
        if let number = Int(text), text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            guard range.contains(number) else {
                throw CronError(expression: expression, column: column,
                                message: "\(name) \(number) is out of range \(range.lowerBound)-\(range.upperBound)")
            }
            return number
        }
        if let named = names[text.uppercased()] { return named }
        let expected = names.isEmpty ? "a number" : "a number or a name such as \(self == .month ? "JAN" : "MON")"
        throw CronError(expression: expression, column: column, message: "expected \(expected) in the \(name) field, found \"\(text)\"")
    }
}
