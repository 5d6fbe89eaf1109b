import Foundation
import PressData
import PressLayout
import PressRender
import PressChannels

/// What a worker hands to the committer for one record.
struct DocumentOutcome: Sendable {
    /// Position in the print phase's sorted order (nil while the input streams).
    var seq: Int?
    var record: Int
    var template: String
    var pages: Int
    /// The channels' files, still in memory: the committer stages them (`PendingDelivery`).
    var pending: [PendingDelivery] = []
    /// The print letter (print phase only), handed to the assembler in `seq` order.
    var printLetter: PrintLetter?
    /// A print-bound record put aside for the print phase (while the input streams); archived into the print
    /// queue by the committer.
    var queued: QueuedRecord?
    /// A print-bound record already queued by an earlier attempt: the print phase takes care of it.
    var deferred = false
    var reject: RejectEntry?
}

/// A print-bound record on its way into the print queue: sort keys and the record's value (archived by the
/// committer, off the render workers).
struct QueuedRecord: Sendable {
    var record: Int
    var country: String
    var postcode: String
    var value: Value

    func archived() -> QueuedPrintLetter {
        QueuedPrintLetter(record: record, country: country, postcode: postcode, payload: QueuePayload.encode(value))
    }
}

/// A rendered print file, already staged by the worker that assembled it (not flushed and not promised
/// yet: the committer's batch flushes it before the ledger records `intent`).
struct PrintFileOutcome: Sendable {
    var intent: PrintFileIntent
    var staged: StagedDelivery
}

enum WorkOutcome: Sendable {
    case document(DocumentOutcome)
    case printFile(PrintFileOutcome)
}

/// The per-record work, run concurrently: check, produce, render once, build the e-mail and archive files
/// (written later by the committer).
/// Everything it holds is immutable and shared.
struct DocumentWorker: Sendable {
    let job: JobConfig
    let runID: RunID
    /// File name prefix: the run id, plus `.g<n>` for later generations of a rerun.
    let prefix: String
    let producer: any DocumentProducer
    let renderer: any DocumentRenderer
    let progress: RecordProgress
    let clock: Date
    let from: Mailbox
    let replyTo: Mailbox?
    let attachmentName: TextTemplate
    /// Subject and body templates per language (`""` = the default), compiled once.
    let subjects: [String: TextTemplate]
    let bodies: [String: TextTemplate]

    init(job: JobConfig, runID: RunID, prefix: String, producer: any DocumentProducer,
         renderer: any DocumentRenderer, progress: RecordProgress, clock: Date, from: Mailbox, replyTo: Mailbox?) {
        self.job = job; self.runID = runID; self.prefix = prefix; self.producer = producer
        self.renderer = renderer; self.progress = progress; self.clock = clock; self.from = from; self.replyTo = replyTo
        attachmentName = TextTemplate(job.email.attachmentName)
        var subjects = ["": TextTemplate(job.email.subject)], bodies = ["": TextTemplate(job.email.body)]
        for (k, v) in job.email.subjects { subjects[k] = TextTemplate(v) }
        for (k, v) in job.email.bodies { bodies[k] = TextTemplate(v) }
        self.subjects = subjects
        self.bodies = bodies
    }

    /// The template for `language` (exact tag, then primary subtag, then the default).
    static func pick(_ table: [String: TextTemplate], _ language: String?) -> TextTemplate {
        if let language {
            if let t = table[language] { return t }
            if let p = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first, let t = table[String(p)] { return t }
        }
        return table[""]!
    }

    /// Base file name of a record's documents: `<prefix>-r<record, 8 digits>-<file stem>`; the record number keeps
    /// it unique when two document numbers sanitise to the same stem.
    static func baseName(prefix: String, record: Int, number: String) -> String {
        var n = String(record)
        while n.count < 8 { n = "0" + n }
        return prefix + "-r" + n + "-" + number
    }

    /// Processes one record. Per-record problems come back as a reject; nothing is written here (the
    /// committer stages the outcome's files), so only a file name the spool refuses is thrown.
    ///
    /// While the input streams (`seq` nil), a record that still needs the print channel is only queued: all of
    /// its documents are produced in the print phase, in the run's sorted order, so it is laid out once. In
    /// the print phase (`seq` set) everything the record still needs is produced, the print letter included.
    func process(_ record: Record, seq: Int?) throws -> DocumentOutcome {
        var outcome = DocumentOutcome(seq: seq, record: record.number, template: "", pages: 0)
        do {
            // In the print phase (`seq` set) the record comes from the print queue: its sizes were checked when
            // it was queued.
            let facts = try RecordFacts.extract(record, job: job, checkSizes: seq == nil)
            outcome.template = facts.template
            if seq == nil, facts.channels.contains(.print), !progress.isDelivered(record.number, .print) {
                if progress.isQueued(record.number) {
                    outcome.deferred = true
                } else {
                    outcome.queued = QueuedRecord(record: record.number, country: facts.country, postcode: facts.postcode,
                                                  value: record.value)
                }
                return outcome
            }
            let needed = facts.channels.filter { !progress.isDelivered(record.number, $0) }
            if needed.isEmpty { return outcome }
            let document: LaidOutDocument
            do {
                document = try producer.produce(record, facts: facts)
            } catch let e as RecordReject {
                throw e
            } catch {
                throw RecordReject(record.number, "documentFailed", nil, "the template or layout failed: \(error)")
            }
            outcome.pages = document.pages.count
            guard !document.pages.isEmpty else {
                throw RecordReject(record.number, "emptyDocument", nil, "the document has no pages")
            }
            guard document.pages.count <= job.limits.maxPages else {
                throw RecordReject(record.number, "tooManyPages", nil, "\(document.pages.count) pages, more than the limit of \(job.limits.maxPages)")
            }
            let base = DocumentWorker.baseName(prefix: prefix, record: record.number, number: facts.fileStem)
            // A print letter's pages are rendered once: for its print file and, unless it paints in CMYK (kept
            // for print, not allowed in PDF/A with an sRGB intent), for its archive/e-mail PDF too.
            var letterPages: RenderedPages?
            if needed.contains(.print) {
                do { letterPages = try renderer.renderPages(document) } catch {
                    throw RecordReject(record.number, "renderFailed", nil, "rendering the print letter failed: \(error)")
                }
            }
            if needed.contains(.archive) || needed.contains(.email) {
                // One PDF/A-2b rendering serves both: PDF/A is plain PDF to a mail client.
                let pdf: [UInt8]
                do {
                    if let letterPages, let shared = try renderer.renderArchival(letterPages) {
                        pdf = shared
                    } else {
                        pdf = try renderer.render(document, archival: true)
                    }
                } catch {
                    throw RecordReject(record.number, "renderFailed", nil, "rendering failed: \(error)")
                }
                if needed.contains(.archive) {
                    let index = ArchiveIndexRecord(
                        documentType: facts.documentType, documentNumber: facts.number, customerNumber: facts.customerNumber,
                        documentDate: facts.date, channels: facts.channels, runID: runID.rawValue, record: record.number,
                        file: try SpoolFileName(base + ".pdf"), sha256: "")
                    outcome.pending.append(try ArchiveChannel.pending(pdf: pdf, baseName: base, index: index))
                }
                if needed.contains(.email), let to = facts.email {
                    let message = EmailMessage(
                        from: from, to: to, replyTo: replyTo,
                        subject: DocumentWorker.pick(subjects, facts.language).render(record.value),
                        body: DocumentWorker.pick(bodies, facts.language).render(record.value),
                        attachmentName: DocumentWorker.cleanAttachmentName(attachmentName.render(record.value), fallback: facts.fileStem),
                        attachment: pdf,
                        messageID: EmailMessage.messageID(runID: prefix, record: record.number, domain: job.email.domain),
                        date: clock)
                    outcome.pending.append(try EmailChannel.pending(message, baseName: base))
                }
            }
            if let letterPages {
                let marks: RenderedPages
                do { marks = try renderer.renderPages(PrintAssembler.markPages(for: document, options: job.print)) } catch {
                    throw RecordReject(record.number, "renderFailed", nil, "rendering the print marks failed: \(error)")
                }
                outcome.printLetter = PrintLetter(record: record.number, letterID: facts.number, country: facts.country,
                                                  postcode: facts.postcode, template: facts.template,
                                                  pages: document.pages.count, rendered: letterPages.overlaid(with: marks))
            }
            return outcome
        } catch let reject as RecordReject {
            outcome.reject = reject.entry
            outcome.pending = []
            outcome.printLetter = nil
            outcome.queued = nil
            return outcome
        }
    }

    /// The attachment name shown to the recipient: no path separators or controls; `<number>.pdf` when empty.
    static func cleanAttachmentName(_ s: String, fallback: String) -> String {
        let cleaned = String(s.unicodeScalars.filter { $0.value >= 32 && $0 != "/" && $0 != "\\" && $0.value != 127 }
            .map(Character.init)).trimmingCharacters(in: .whitespaces)
        if cleaned.isEmpty || cleaned == ".pdf" { return fallback + ".pdf" }
        return cleaned.count > 120 ? String(cleaned.prefix(116)) + ".pdf" : cleaned
    }
}
