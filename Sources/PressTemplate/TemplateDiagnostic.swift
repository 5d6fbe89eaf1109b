import Synchronization

/// A position in a template file: 1-based line and column (columns count Unicode scalars).
///
/// Stored as plain integers (the file as an index into a process-wide table of names) so that
/// compiled expressions carrying locations copy without reference counting while binding.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    private var fileID: Int32
    private var storedLine: Int32
    private var storedColumn: Int32

    /// The file as given to the compiler (relative paths stay relative, for readable messages).
    public var file: String {
        get { SourceFiles.name(fileID) }
        set { fileID = SourceFiles.id(newValue) }
    }
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = Int32(clamping: newValue) }
    }

    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceFiles.id(file), line: line, column: column)
    }

    init(fileID: Int32, line: Int, column: Int) {
        self.fileID = fileID
        self.storedLine = Int32(clamping: line)
        self.storedColumn = Int32(clamping: column)
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }
}

/// File names of source locations, interned once per process (a few dozen templates at most).
enum SourceFiles {
    private static let table = Mutex<(names: [String], ids: [String: Int32])>(([], [:]))

    static func id(_ name: String) -> Int32 {
        table.withLock { t in
            if let id = t.ids[name] { return id }
            let id = Int32(t.names.count)
            t.names.append(name)
            t.ids[name] = id
            return id
        }
    }

    static func name(_ id: Int32) -> String {
        table.withLock { t in id >= 0 && Int(id) < t.names.count ? t.names[Int(id)] : "?" }
    }
}

/// One problem found in a template or while binding data to it.
///
/// Rendered as `file:line:column: error: message; expected …; hint: …` (the format of compilers, so
/// editors can jump to it).
public struct TemplateDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// Errors stop the document; warnings are reported and the document is still produced.
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// A stable machine-readable code, e.g. `syntax`, `unknown-function`, `type-mismatch`.
    public var code: Code
    public var severity: Severity
    public var location: SourceLocation
    /// What went wrong, e.g. `unknown function 'sumn'`.
    public var message: String
    /// What the parser or evaluator expected at this place, if that is useful.
    public var expected: String?
    /// A suggestion, e.g. `did you mean 'sum'?`.
    public var hint: String?

    /// Kinds of diagnostics.
    public enum Code: String, Sendable, Hashable {
        case syntax
        case unknownElement = "unknown-element"
        case unknownProperty = "unknown-property"
        case invalidValue = "invalid-value"
        case unknownFunction = "unknown-function"
        case wrongArguments = "wrong-arguments"
        case typeMismatch = "type-mismatch"
        case unknownPath = "unknown-path"
        case requiredMissing = "required-missing"
        case unknownStyle = "unknown-style"
        case include
        case unknownText = "unknown-text"
        case limit
        case io
    }

    public init(_ code: Code, _ severity: Severity = .error, at location: SourceLocation, _ message: String,
                expected: String? = nil, hint: String? = nil) {
        self.code = code
        self.severity = severity
        self.location = location
        self.message = message
        self.expected = expected
        self.hint = hint
    }

    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let expected { text += "; expected \(expected)" }
        if let hint { text += "; hint: \(hint)" }
        return text
    }
}

/// The error thrown by compiling or binding a template: one or more diagnostics (the first is the cause).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// All diagnostics; at least one has severity `.error`.
    public var diagnostics: [TemplateDiagnostic]

    public init(_ diagnostics: [TemplateDiagnostic]) { self.diagnostics = diagnostics }
    public init(_ diagnostic: TemplateDiagnostic) { self.diagnostics = [diagnostic] }

    /// The first error.
    public var primary: TemplateDiagnostic { diagnostics.first { $0.severity == .error } ?? diagnostics[0] }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Suggestions for misspelt names ("did you mean …?"), by edit distance.
enum Suggestion {
    /// The closest candidate within a small edit distance, or nil.
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased().unicodeScalars))
            let limit = max(1, min(3, target.count / 3 + 1))
            if d <= limit, best == nil || d < best!.1 { best = (candidate, d) }
        }
        return best?.0
    }

    /// "did you mean 'x'?" or nil.
    static func hint(for name: String, in candidates: some Sequence<String>) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    private static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
