/// Why a document could not be rendered to PDF.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Sendable, Hashable {
        /// A font could not be subset (damaged font program).
        case fontSubset = "font-subset"
        /// The options ask for something the chosen PDF/A level forbids.
        case pdfAViolation = "pdfa-violation"
        /// The document has no pages.
        case emptyDocument = "empty-document"
    }
    public var code: Code
    public var message: String
    /// The underlying error, if any.
    public var cause: (any Error & Sendable)?

    public init(code: Code, message: String, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "render error [\(code.rawValue)]: \(message) (\(cause))" }
        return "render error [\(code.rawValue)]: \(message)"
    }
}
