import Foundation
public import PressChannels
internal import Yams

/// A batch job: inputs, template selection, language, routing rules, field paths, e-mail texts and print
/// options. Read from YAML (`--job job.yml`) and/or built from command-line flags; every part has a default
/// that fits the invoice data of `../shared/bench/`.
///
/// ```yaml
/// inputs: [invoices.jsonl]
/// template: Templates/invoice              # or: {field: document_type, map: {invoice: Templates/invoice}, default: …}
/// language: {field: recipient.lang, default: de}
/// routing: {archive: true, email_field: recipient.email, consent_field: recipient.email_consent}
/// email: {from: "Nordlicht <rechnung@nordlicht.example>", subject: "Rechnung {{number}}", body: "…"}
/// print: {max_letters: 200, max_sheets: 500, duplex: true, omr: true}
/// ```
public struct JobConfig: Sendable, Hashable, Codable {
    public var inputs: [String] = []
    /// `jsonl`, `json`, `xml`, `csv`; nil: from the input's extension.
    public var format: String?
    /// XML: the name of the repeated record element (e.g. `invoice`).
    public var recordElement: String?
    public var spool: String?
    public var template: TemplateSelection?
    public var language: FieldOrConstant = FieldOrConstant(field: "recipient.lang", constant: nil)
    public var routing = RoutingRules()
    public var fields = FieldPaths()
    public var email = EmailSettings()
    public var print = PrintOptions()
    public var limits = RecordLimits()
    public var workers: Int?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case inputs, input, format, recordElement = "record_element", spool, template, language, routing, fields, email, print, limits, workers
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let list = try? c.decode([String].self, forKey: .inputs) {
            inputs = list
        } else if let one = try c.decodeIfPresent(String.self, forKey: .input) {
            inputs = [one]
        }
        format = try c.decodeIfPresent(String.self, forKey: .format)
        recordElement = try c.decodeIfPresent(String.self, forKey: .recordElement)
        spool = try c.decodeIfPresent(String.self, forKey: .spool)
        template = try c.decodeIfPresent(TemplateSelection.self, forKey: .template)
        language = try c.decodeIfPresent(FieldOrConstant.self, forKey: .language) ?? language
        routing = try c.decodeIfPresent(RoutingRules.self, forKey: .routing) ?? routing
        fields = try c.decodeIfPresent(FieldPaths.self, forKey: .fields) ?? fields
        email = try c.decodeIfPresent(EmailSettings.self, forKey: .email) ?? email
        print = try c.decodeIfPresent(PrintSettings.self, forKey: .print).map(\.options) ?? print
        limits = try c.decodeIfPresent(RecordLimits.self, forKey: .limits) ?? limits
        workers = try c.decodeIfPresent(Int.self, forKey: .workers)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(inputs, forKey: .inputs)
        try c.encodeIfPresent(format, forKey: .format)
        try c.encodeIfPresent(recordElement, forKey: .recordElement)
        try c.encodeIfPresent(template, forKey: .template)
        try c.encode(language, forKey: .language)
        try c.encode(routing, forKey: .routing)
        try c.encode(fields, forKey: .fields)
        try c.encode(email, forKey: .email)
        try c.encode(PrintSettings(print), forKey: .print)
        try c.encode(limits, forKey: .limits)
    }

    /// Parses a YAML job file; errors name the file and the problem.
    public static func load(path: String) throws -> JobConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError(.invalidJob, "cannot read job file \(path)")
        }
        do {
            var job = try YAMLDecoder().decode(JobConfig.self, from: String(decoding: data, as: UTF8.self))
            // Relative paths in a job file are relative to the job file's folder.
            let base = (path as NSString).deletingLastPathComponent
            func resolve(_ p: String) -> String { p.hasPrefix("/") || base.isEmpty ? p : base + "/" + p }
            job.inputs = job.inputs.map(resolve)
            job.spool = job.spool.map(resolve)
            job.template = job.template.map { $0.resolvingPaths(resolve) }
            return job
        } catch let e as DecodingError {
            throw RunError(.invalidJob, "job file \(path): \(JobConfig.describe(e))")
        } catch {
            throw RunError(.invalidJob, "job file \(path): \(error)")
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ ctx: DecodingError.Context) -> String {
            ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx):
            return "at '\(path(ctx))': \(ctx.debugDescription)"
        case .keyNotFound(let key, let ctx):
            return "at '\(path(ctx))': missing key '\(key.stringValue)'"
        @unknown default:
            return "\(e)"
        }
    }

    /// A stable hash of everything that decides what a run produces (not the spool or worker count): a run
    /// resumed with a different configuration would break exactly-once, so the ledger refuses it.
    public var configHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data()
        return SHA256.hex(Array(data))
    }
}

/// Fixed template, or chosen per record by a field's value.
public struct TemplateSelection: Sendable, Hashable, Codable {
    public var fixed: String?
    public var field: String?
    public var map: [String: String] = [:]
    public var defaultTemplate: String?

    public init(fixed: String) { self.fixed = fixed }
    public init(field: String, map: [String: String], defaultTemplate: String?) {
        self.field = field; self.map = map; self.defaultTemplate = defaultTemplate
    }

    enum CodingKeys: String, CodingKey { case field, map, defaultTemplate = "default", fixed = "path" }

    public init(from decoder: any Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            fixed = s
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fixed = try c.decodeIfPresent(String.self, forKey: .fixed)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        map = try c.decodeIfPresent([String: String].self, forKey: .map) ?? [:]
        defaultTemplate = try c.decodeIfPresent(String.self, forKey: .defaultTemplate)
    }

    func resolvingPaths(_ f: (String) -> String) -> TemplateSelection {
        var t = self
        t.fixed = fixed.map(f)
        t.map = map.mapValues(f)
        t.defaultTemplate = defaultTemplate.map(f)
        return t
    }

    /// All template paths this selection can name (compiled once at start).
    public var allPaths: [String] {
        var s = Set(map.values)
        if let fixed { s.insert(fixed) }
        if let defaultTemplate { s.insert(defaultTemplate) }
        return s.sorted()
    }
}

/// A value taken from a record field, or a constant (or a field with a fallback constant).
public struct FieldOrConstant: Sendable, Hashable, Codable {
    public var field: String?
    public var constant: String?
    public init(field: String?, constant: String?) { self.field = field; self.constant = constant }
    enum CodingKeys: String, CodingKey { case field, constant = "default" }
    public init(from decoder: any Decoder) throws {
        if let s = try? decoder.singleValueContainer().decode(String.self) {
            field = nil; constant = s
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        field = try c.decodeIfPresent(String.self, forKey: .field)
        constant = try c.decodeIfPresent(String.self, forKey: .constant)
    }
}

/// Channel routing. Default: archive always; e-mail when the record has an e-mail address and (when the consent
/// field is present in the record) has agreed to electronic delivery; print otherwise.
public struct RoutingRules: Sendable, Hashable, Codable {
    public var archive = true
    public var email = true
    public var print = true
    public var emailField = "recipient.email"
    public var consentField = "recipient.email_consent"
    /// Print a letter even when it is e-mailed.
    public var printAlways = false

    public init() {}
    enum CodingKeys: String, CodingKey {
        case archive, email, print, emailField = "email_field", consentField = "consent_field", printAlways = "print_always"
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        archive = try c.decodeIfPresent(Bool.self, forKey: .archive) ?? true
        email = try c.decodeIfPresent(Bool.self, forKey: .email) ?? true
        print = try c.decodeIfPresent(Bool.self, forKey: .print) ?? true
        emailField = try c.decodeIfPresent(String.self, forKey: .emailField) ?? emailField
        consentField = try c.decodeIfPresent(String.self, forKey: .consentField) ?? consentField
        printAlways = try c.decodeIfPresent(Bool.self, forKey: .printAlways) ?? false
    }
}

/// Where the pipeline finds the facts it needs in a record (dotted paths; the first one present wins).
public struct FieldPaths: Sendable, Hashable, Codable {
    public var documentType: [String] = ["document_type", "type"]
    public var number: [String] = ["number", "document_number", "invoice_number"]
    public var customerNumber: [String] = ["customer_no", "customer_number", "customer.number"]
    public var date: [String] = ["date_iso", "date"]
    public var country: [String] = ["recipient.country"]
    public var postcode: [String] = ["recipient.postcode"]
    public var name: [String] = ["recipient.name"]

    public init() {}
    enum CodingKeys: String, CodingKey {
        case documentType = "document_type", number, customerNumber = "customer_number", date, country, postcode, name
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func list(_ k: CodingKeys, _ d: [String]) throws -> [String] {
            if let one = try? c.decode(String.self, forKey: k) { return [one] }
            return try c.decodeIfPresent([String].self, forKey: k) ?? d
        }
        let d = FieldPaths()
        documentType = try list(.documentType, d.documentType)
        number = try list(.number, d.number)
        customerNumber = try list(.customerNumber, d.customerNumber)
        date = try list(.date, d.date)
        country = try list(.country, d.country)
        postcode = try list(.postcode, d.postcode)
        name = try list(.name, d.name)
    }
}

/// Texts of the e-mail channel; `{{path}}` placeholders are replaced by record fields.
public struct EmailSettings: Sendable, Hashable, Codable {
    public var from = "Presswork <noreply@presswork.invalid>"
    public var replyTo: String?
    public var subject = "{{document_type}} {{number}}"
    public var body = "Guten Tag,\n\nim Anhang finden Sie Ihr Dokument {{number}} vom {{date}}.\n\nMit freundlichen Grüßen\n"
    public var attachmentName = "{{number}}.pdf"
    /// Domain part of the Message-ID.
    public var domain = "presswork.invalid"
    /// Per-language subjects and bodies (key: language, e.g. `pl` or `pl-PL`); `subject`/`body` otherwise.
    public var subjects: [String: String] = [:]
    public var bodies: [String: String] = [:]

    public init() {}
    enum CodingKeys: String, CodingKey {
        case from, replyTo = "reply_to", subject, body, attachmentName = "attachment_name", domain, subjects, bodies
    }

    /// The text for `language` from `table` (exact tag, then its primary subtag), else `fallback`.
    static func text(_ table: [String: String], language: String?, fallback: String) -> String {
        guard let language, !table.isEmpty else { return fallback }
        if let t = table[language] { return t }
        let primary = String(language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
        return table[primary] ?? fallback
    }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = EmailSettings()
        from = try c.decodeIfPresent(String.self, forKey: .from) ?? d.from
        replyTo = try c.decodeIfPresent(String.self, forKey: .replyTo)
        subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? d.subject
        body = try c.decodeIfPresent(String.self, forKey: .body) ?? d.body
        attachmentName = try c.decodeIfPresent(String.self, forKey: .attachmentName) ?? d.attachmentName
        domain = try c.decodeIfPresent(String.self, forKey: .domain) ?? d.domain
        subjects = try c.decodeIfPresent([String: String].self, forKey: .subjects) ?? [:]
        bodies = try c.decodeIfPresent([String: String].self, forKey: .bodies) ?? [:]
    }
}

/// Per-record limits: a record breaking one is rejected (field path named).
public struct RecordLimits: Sendable, Hashable, Codable {
    /// Longest string field, in UTF-8 bytes (default 10,000).
    public var maxFieldBytes = 10_000
    /// Most pages a document may have (default 500).
    public var maxPages = 500
    public init() {}
    enum CodingKeys: String, CodingKey { case maxFieldBytes = "max_field_bytes", maxPages = "max_pages" }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maxFieldBytes = try c.decodeIfPresent(Int.self, forKey: .maxFieldBytes) ?? 10_000
        maxPages = try c.decodeIfPresent(Int.self, forKey: .maxPages) ?? 500
    }
}

/// The YAML form of `PrintOptions` (snake_case keys, `omr: true` or an object).
struct PrintSettings: Codable {
    var options: PrintOptions
    init(_ o: PrintOptions) { options = o }
    enum CodingKeys: String, CodingKey {
        case maxLetters = "max_letters", maxSheets = "max_sheets", duplex, omr, manifest
    }
    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var o = PrintOptions()
        o.maxLetters = max(1, try c.decodeIfPresent(Int.self, forKey: .maxLetters) ?? o.maxLetters)
        o.maxSheets = max(1, try c.decodeIfPresent(Int.self, forKey: .maxSheets) ?? o.maxSheets)
        o.duplex = try c.decodeIfPresent(Bool.self, forKey: .duplex) ?? o.duplex
        if let on = try? c.decode(Bool.self, forKey: .omr) {
            o.omr = on ? OMRMarks() : nil
        } else {
            o.omr = try c.decodeIfPresent(OMRMarks.self, forKey: .omr)
        }
        if let m = try c.decodeIfPresent([String].self, forKey: .manifest) {
            o.manifestCSV = m.contains("csv")
            o.manifestJSON = m.contains("json")
        }
        options = o
    }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(options.maxLetters, forKey: .maxLetters)
        try c.encode(options.maxSheets, forKey: .maxSheets)
        try c.encode(options.duplex, forKey: .duplex)
        try c.encodeIfPresent(options.omr, forKey: .omr)
        try c.encode([options.manifestCSV ? "csv" : nil, options.manifestJSON ? "json" : nil].compactMap { $0 }, forKey: .manifest)
    }
}
