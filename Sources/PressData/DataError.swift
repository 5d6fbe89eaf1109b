/// A position in a text input: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    /// `line 3, column 17`.
    public var description: String { "line \(line), column \(column)" }
}

/// An error reading data: malformed JSON/XML/CSV, an unreadable file, a value out of range.
///
/// `message` says what was wrong or expected ("expected ',' or '}' after object member");
/// `description` prefixes the file and location: `invoices.json: line 3, column 17: expected ...`.
public struct DataError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is; stable for programs (reject reasons, exit codes).
    public enum Code: String, Sendable, Hashable {
        /// Malformed JSON.
        case jsonSyntax
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// The same key twice in one JSON object.
        case duplicateKey
        /// A number that `Decimal` cannot hold exactly.
        case numberOutOfRange
        /// Nesting deeper than the reader's limit.
        case tooDeep
        /// A record larger than the reader's limit.
        case recordTooLarge
        /// Malformed XML (reported by libxml2) or an unsupported XML construct.
        case xmlSyntax
        /// Malformed CSV, or a row whose field count differs from the header.
        case csvSyntax
        /// The file cannot be opened or read.
        case io
        /// An input kind or option the readers do not support.
        case unsupported
    }

    public var code: Code
    public var message: String
    /// Where in the text, when known.
    public var location: SourceLocation?
    /// The path of the value being read when the problem was found, when known.
    public var path: ValuePath?
    /// The file, when the error came from one.
    public var file: String?
    /// A suggestion for the user, when there is one.
    public var hint: String?

    public init(_ code: Code, _ message: String, location: SourceLocation? = nil, path: ValuePath? = nil,
                file: String? = nil, hint: String? = nil)
    {
        self.code = code
        self.message = message
        self.location = location
        self.path = path
        self.file = file
        self.hint = hint
    }

    /// `file: line 3, column 17: message (at /items/3/amount)`.
    public var description: String {
        var text = ""
        if let file { text += file + ": " }
        if let location { text += location.description + ": " }
        text += message
        if let path, !path.components.isEmpty { text += " (at \(path.jsonPointer))" }
        if let hint { text += "; hint: " + hint }
        return text
    }
}

/// A record that could not be read; the reader goes on with the next record unless `isFatal`.
///
/// Fatal errors are those after which the reader cannot find the next record (XML is not
/// resynchronisable, an unterminated CSV quote or JSON array runs to the end of the file, I/O
/// failures): everything before them has been delivered, and `next()` returns `nil` afterwards.
public struct RecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 1-based number of the record that failed (the records delivered so far + 1 for fatal errors).
    public var recordNumber: Int
    /// The underlying problem with its location (line/column in the input file) and path.
    public var error: DataError
    /// True when reading cannot continue.
    public var isFatal: Bool

    public init(recordNumber: Int, error: DataError, isFatal: Bool) {
        self.recordNumber = recordNumber
        self.error = error
        self.isFatal = isFatal
    }

    /// Line in the input file (1-based), when known.
    public var line: Int? { error.location?.line }
    /// Column in the input file (1-based, Unicode scalars), when known.
    public var column: Int? { error.location?.column }
    /// What was wrong or expected.
    public var reason: String { error.message }
    /// JSON pointer of the offending value inside the record, when known.
    public var path: ValuePath? { error.path }

    /// `record 12: line 14, column 3: expected ...`.
    public var description: String { "record \(recordNumber): " + error.description }
}
