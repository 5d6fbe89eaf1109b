// Errors of the layout stage: problems that prevent producing a correct document.
public import PressFonts

/// A layout failure: a code, a message naming what failed, and the underlying cause when there is one.
public struct LayoutError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Code: String, Sendable, Hashable {
        /// A style's font family (or its bold/italic face) could not be found or loaded.
        case fontNotFound = "font-not-found"
        /// The document's geometry is unusable (a body area with no height or width, a negative size).
        case invalidGeometry = "invalid-geometry"
    }
    public var code: Code
    public var message: String
    /// The font error behind a `fontNotFound`.
    public var cause: FontError?

    public init(code: Code, message: String, cause: FontError? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        if let cause { return "layout error [\(code.rawValue)]: \(message) (\(cause))" }
        return "layout error [\(code.rawValue)]: \(message)"
    }
}
