import Foundation
import PressData
import PressLayout
import PressChannels
import PressRender
@testable import PressRuns

/// A reader over in-memory values; `.failure` items are per-record errors (not fatal).
struct ArrayReader: RecordReader {
    var items: [Result<Value, DataError>]
    var index = 0
    init(_ items: [Result<Value, DataError>]) { self.items = items }
    mutating func next() throws(RecordError) -> Record? {
        guard index < items.count else { return nil }
        index += 1
        switch items[index - 1] {
        case .success(let v): return Record(number: index, value: v, line: index)
        case .failure(let e): throw RecordError(recordNumber: index, error: e, isFatal: false)
        }
    }
    var statistics: ReaderStatistics { ReaderStatistics(peakBufferBytes: 0, bytesRead: index) }
}

/// Produces a document of `pages` pages (field `pages`, default 1) made of shapes: no fonts needed.
struct FakeProducer: DocumentProducer {
    func prepare(templates: [String]) throws {}
    func produce(_ record: Record, facts: RecordFacts) throws -> LaidOutDocument {
        if record.value["explode"] != nil { throw RunError(.stage, "template failed at '\(facts.number)'") }
        let n = record.value["pages"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue } ?? 1
        let pages = (0..<n).map { i in
            Page(size: Size(width: 595, height: 842), items: [.shape(ShapeItem(.rect(Rect(x: 10, y: Double(i), width: Double(record.number), height: 5)), fill: .black))])
        }
        return LaidOutDocument(pages: pages, metadata: DocumentMetadata(title: facts.number))
    }
}

/// "Renders" deterministic bytes that identify the pages (no PDF needed for the pipeline's logic).
struct FakeRenderer: DocumentRenderer {
    func render(_ document: LaidOutDocument, archival: Bool) throws -> [UInt8] {
        Array("%PDF-fake \(archival ? "A" : "-") \(document.metadata.title ?? "") pages=\(document.pages.count)\n".utf8)
    }
    func renderPages(_ document: LaidOutDocument) throws -> RenderedPages {
        RenderedPages(blankPages: document.pages.map(\.size), metadata: document.metadata)
    }
    func renderArchival(_ pages: RenderedPages) throws -> [UInt8]? {
        Array("%PDF-fake A \(pages.metadata.title ?? "") pages=\(pages.pageCount)\n".utf8)
    }
    func renderPrintFile(_ parts: [RenderedPages], metadata: DocumentMetadata) throws -> [UInt8] {
        Array("%PDF-print pages=\(parts.reduce(0) { $0 + $1.pageCount })\n".utf8)
    }
}

/// Wraps a ledger and "dies" (throws, and keeps throwing) after `allowedCommits` commits — like a process
/// killed right after a ledger transaction became durable, before the files were renamed.
final class CrashingLedger: RunLedger, @unchecked Sendable {
    let inner: any RunLedger
    var remaining: Int
    let lock = NSLock()
    init(_ inner: any RunLedger, allowedCommits: Int) { self.inner = inner; remaining = allowedCommits }
    func openRun(_ id: RunID, configHash: String, asOf: String?, defaultAsOf: String, rerun: Bool) throws -> RunInfo {
        try inner.openRun(id, configHash: configHash, asOf: asOf, defaultAsOf: defaultAsOf, rerun: rerun)
    }
    func progress(_ id: RunID) throws -> RecordProgress { try inner.progress(id) }
    func pending(_ id: RunID) throws -> PendingWork { try inner.pending(id) }
    func commit(_ id: RunID, _ batch: LedgerBatch) throws {
        if batch.isEmpty { return }
        try lock.withLock {
            if remaining <= 0 { throw RunError(.ledger, "simulated crash") }
            remaining -= 1
            try inner.commit(id, batch)
            if remaining == 0 { throw RunError(.ledger, "simulated crash after commit") }
        }
    }
    func finishRun(_ id: RunID, state: RunState, records: Int) throws {
        if remaining <= 0 { return }
        try inner.finishRun(id, state: state, records: records)
    }
    func summary(_ id: RunID) throws -> LedgerSummary { try inner.summary(id) }
    func rejects(_ id: RunID) throws -> [RejectEntry] { try inner.rejects(id) }
    func nextPrintSequence(_ id: RunID) throws -> Int { try inner.nextPrintSequence(id) }
    func forgetQueuedPrint(_ id: RunID, records: [Int]) throws { try inner.forgetQueuedPrint(id, records: records) }
}

struct Scratch {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "presswork-runs-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func files(_ sub: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + sub)) ?? []).sorted()
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

func invoice(_ i: Int, email: String? = nil, consent: Bool? = nil, pages: Int = 1, country: String = "Deutschland",
             postcode: String? = nil, number: String? = nil) -> Value {
    var recipient: [(String, Value)] = [("name", .string("Jürgen Müller \(i)")), ("street", "Hauptstraße 1"),
                                        ("postcode", .string(postcode ?? String(format: "%05d", 99999 - i))),
                                        ("city", "München"), ("country", .string(country))]
    if let email { recipient.append(("email", .string(email))) }
    if let consent { recipient.append(("email_consent", .bool(consent))) }
    return .object(ValueObject([
        ("number", .string(number ?? "RE-2024-\(String(format: "%06d", i))")),
        ("customer_no", .string("K-\(10000 + i)")),
        ("date_iso", "2024-03-15"),
        ("pages", .number(Decimal(pages))),
        ("total", "1.234,56"),
        ("recipient", .object(ValueObject(recipient))),
    ]))
}

extension JobConfig {
    static func test(printLetters: Int = 3) -> JobConfig {
        var job = JobConfig()
        job.template = TemplateSelection(fixed: "Templates/invoice")
        job.print = PrintOptions(maxLetters: printLetters, maxSheets: 100)
        job.email.from = "Nordlicht Bürotechnik <rechnung@nordlicht.example>"
        job.email.subject = "Ihre Rechnung {{number}}"
        job.email.body = "Guten Tag {{recipient.name}},\nanbei Rechnung {{number}}."
        job.email.attachmentName = "Rechnung {{number}}.pdf"
        return job
    }
}
