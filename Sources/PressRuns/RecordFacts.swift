public import PressData
public import PressChannels

/// What the pipeline needs to know about one record besides its document: identifiers, routing facts and
/// sort keys, read through the job's field paths, plus the checks that reject a record before any work.
public struct RecordFacts: Sendable {
    public var record: Int
    /// The template path chosen for the record.
    public var template: String
    public var documentType: String
    /// The document number exactly as in the data (index records, subjects, manifests).
    public var number: String
    /// `number` made safe for file names (`FV/2026/11/0815` → `FV-2026-11-0815`); not unique on its own.
    public var fileStem: String
    public var customerNumber: String?
    public var date: String?
    public var language: String?
    public var recipientName: String?
    public var country: String
    public var postcode: String
    /// Set when the record goes to the e-mail channel.
    public var email: Mailbox?
    /// The channels the record goes to (sorted).
    public var channels: [Channel]

    /// Reads and checks a record. Throws a `RejectEntry` (reason code + field path) when the record cannot be
    /// processed: oversized field, missing number, a number that tries to escape the spool folder, invalid e-mail address, no template.
    /// `checkSizes` false skips the oversized-field check (a walk over the whole record): for a record that
    /// passed it when it was queued for the print phase, under the same job (a resume checks the job's hash).
    public static func extract(_ record: Record, job: JobConfig, checkSizes: Bool = true) throws(RecordReject) -> RecordFacts {
        let value = record.value
        if checkSizes, let (path, size) = oversized(value, limit: job.limits.maxFieldBytes, path: ValuePath.root) {
            throw RecordReject(record.number, "oversizedField", path.jsonPointer,
                               "field is \(size) bytes, more than the limit of \(job.limits.maxFieldBytes)")
        }
        guard case .object = value else {
            throw RecordReject(record.number, "notAnObject", "/", "a record must be an object")
        }
        guard let (number, numberPath) = first(job.fields.number, in: value) else {
            throw RecordReject(record.number, "missingField", pointer(job.fields.number.first ?? "number"),
                               "required field missing (document number)")
        }
        // Slashes are normal in document numbers; only escape attempts and unusable values are refused.
        if let reason = FileNameComponent.escapeReason(number) {
            throw RecordReject(record.number, "unsafeName", pointer(numberPath),
                               "the document number is used in file names and \(reason)")
        }
        guard let fileStem = FileNameComponent.sanitized(number) else {
            throw RecordReject(record.number, "unsafeName", pointer(numberPath),
                               "the document number has no character usable in a file name (A-Z a-z 0-9 . _ -)")
        }
        let documentType = first(job.fields.documentType, in: value)?.0 ?? defaultDocumentType(job)
        let template: String
        do {
            template = try chooseTemplate(job.template, value: value)
        } catch let e as RecordReject {
            throw RecordReject(record.number, e.entry.code, e.entry.path, e.entry.message)
        } catch {
            throw RecordReject(record.number, "noTemplate", nil, "no template")
        }
        var facts = RecordFacts(
            record: record.number, template: template, documentType: documentType, number: number,
            fileStem: fileStem,
            customerNumber: first(job.fields.customerNumber, in: value)?.0,
            date: first(job.fields.date, in: value)?.0,
            language: first([job.language.field].compactMap { $0 }, in: value)?.0 ?? job.language.constant,
            recipientName: first(job.fields.name, in: value)?.0,
            country: first(job.fields.country, in: value)?.0 ?? "",
            postcode: first(job.fields.postcode, in: value)?.0 ?? "",
            email: nil, channels: [])

        var channels: [Channel] = []
        if job.routing.archive { channels.append(.archive) }
        var emailed = false
        if job.routing.email, let address = string(at: path(job.routing.emailField), in: value),
           !address.trimmingCharacters(in: .whitespaces).isEmpty {
            let consent = value.lookup(path: path(job.routing.consentField)).map(isConsent) ?? true
            if consent {
                do {
                    facts.email = try Mailbox(address, displayName: facts.recipientName)
                } catch {
                    throw RecordReject(record.number, "invalidEmail", pointer(job.routing.emailField),
                                       "not a valid e-mail address (ASCII local@domain expected)")
                }
                channels.append(.email)
                emailed = true
            }
        }
        if job.routing.print, !emailed || job.routing.printAlways { channels.append(.print) }
        facts.channels = channels.sorted()
        return facts
    }

    static func defaultDocumentType(_ job: JobConfig) -> String {
        if let fixed = job.template?.fixed {
            return fixed.split(separator: "/").last.map(String.init) ?? "document"
        }
        return "document"
    }

    static func chooseTemplate(_ selection: TemplateSelection?, value: Value) throws -> String {
        guard let selection else { throw RecordReject(0, "noTemplate", nil, "no template given (--template or job 'template')") }
        if let field = selection.field {
            if let key = string(at: path(field), in: value), let t = selection.map[key] { return t }
            if let d = selection.defaultTemplate ?? selection.fixed { return d }
            throw RecordReject(0, "unknownTemplate", pointer(field), "no template is mapped for this value and there is no default")
        }
        if let fixed = selection.fixed { return fixed }
        throw RecordReject(0, "noTemplate", nil, "no template given")
    }

    /// Consent: false / "no" / "false" / "0" / "nein" / "n" mean no; anything else present means yes.
    static func isConsent(_ v: Value) -> Bool {
        switch v {
        case .bool(let b): return b
        case .null: return false
        case .number(let d): return d != 0
        case .string(let s): return !["no", "false", "0", "nein", "n", "nie", ""].contains(s.lowercased().trimmingCharacters(in: .whitespaces))
        default: return true
        }
    }

    /// `recipient.email` → ValuePath (numeric segments are array indices).
    public static func path(_ dotted: String) -> ValuePath {
        ValuePath(dotted.split(separator: ".").map { seg in Int(seg).map { .index($0) } ?? .key(String(seg)) })
    }

    static func pointer(_ dotted: String) -> String { path(dotted).jsonPointer }

    /// The first of `paths` present as a non-empty scalar, with the path that matched.
    static func first(_ paths: [String], in value: Value) -> (String, String)? {
        for p in paths {
            if let s = string(at: path(p), in: value), !s.isEmpty { return (s, p) }
        }
        return nil
    }

    static func string(at path: ValuePath, in value: Value) -> String? {
        guard let v = value.lookup(path: path) else { return nil }
        return scalarText(v)
    }

    /// A scalar as text (`Decimal` without exponent, bools as true/false); nil for null, arrays and objects.
    public static func scalarText(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// The first string (or key) longer than `limit` bytes, depth first, with its path.
    static func oversized(_ v: Value, limit: Int, path: ValuePath) -> (ValuePath, Int)? {
        // The walk itself builds no paths (it runs over every record, and path arrays cost more than the
        // check); the path is assembled only for a hit, innermost component first.
        var reversed: [PathComponent] = []
        guard let size = firstOversized(v, limit: limit, trail: &reversed) else { return nil }
        var hit = path
        for component in reversed.reversed() { hit = hit.appending(component) }
        return (hit, size)
    }

    private static func firstOversized(_ v: Value, limit: Int, trail: inout [PathComponent]) -> Int? {
        switch v {
        case .string(let s):
            let n = s.utf8.count
            return n > limit ? n : nil
        case .array(let items):
            for i in items.indices {
                if let n = firstOversized(items[i], limit: limit, trail: &trail) {
                    trail.append(.index(i))
                    return n
                }
            }
            return nil
        case .object(let object):
            for member in object {
                let keyBytes = member.key.utf8.count
                if keyBytes > limit {
                    trail.append(.key(String(member.key.prefix(20))))
                    return keyBytes
                }
                if let n = firstOversized(member.value, limit: limit, trail: &trail) {
                    trail.append(.key(member.key))
                    return n
                }
            }
            return nil
        default:
            return nil
        }
    }
}

/// A record the pipeline refuses, as a thrown error carrying the reject entry.
public struct RecordReject: Error, Sendable {
    public var entry: RejectEntry
    public init(_ record: Int, _ code: String, _ path: String?, _ message: String) {
        entry = RejectEntry(record: record, code: code, path: path, message: message)
    }
}
