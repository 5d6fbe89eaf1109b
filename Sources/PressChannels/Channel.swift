/// An output channel: a spool folder (`<spool>/<rawValue>/`) that another system picks up.
public enum Channel: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    /// Print-ready PDF files holding many letters, with a manifest per file.
    case print
    /// One RFC 5322 `.eml` message per document.
    case email
    /// PDF/A-2b documents with index records and a hash-chained log.
    case archive

    /// Stable small integer used in the ledger (never reorder).
    public var code: Int {
        switch self {
        case .print: 0
        case .email: 1
        case .archive: 2
        }
    }

    public init?(code: Int) {
        switch code {
        case 0: self = .print
        case 1: self = .email
        case 2: self = .archive
        default: return nil
        }
    }

    public static func < (a: Channel, b: Channel) -> Bool { a.code < b.code }
}
