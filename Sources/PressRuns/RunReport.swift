import Foundation
public import PressChannels

/// The outcome of a batch run: machine-readable JSON and a human summary. Counts come from the ledger, so a
/// resumed run reports all of its work; "this attempt" figures are separate. Ids and counts only.
/// The run-wide counts are the ledger's `LedgerSummary`, read through as `report.printSheets`, etc.
@dynamicMemberLookup
public struct RunReport: Sendable {
    /// Exit codes of `presswork batch` (documented in its `--help`).
    public enum ExitCode: Int32, Sendable {
        /// Every record was delivered to all of its channels.
        case success = 0
        /// The run finished; some records were rejected (see the rejects file).
        case finishedWithRejects = 1
        /// The run failed (bad job, unreadable input, disk full, spool not writable); resume after fixing.
        case failed = 2
        /// Stopped by SIGTERM/SIGINT after the documents in hand; resume with the same run id.
        case interrupted = 3
    }

    public var runID: String
    public var state: RunState
    public var attempt: Int
    public var generation: Int
    public var asOf: String
    /// True when the run had finished before and nothing was done (no `--rerun`).
    public var alreadyFinished: Bool
    public var failure: String?

    public var recordsRead: Int = 0
    public var documentsThisAttempt: Int = 0
    public var skippedThisAttempt: Int = 0
    public var rejectsThisAttempt: Int = 0
    public var reconciled: Int = 0

    /// Run-wide counts from the ledger (records, deliveries per channel, templates, pages, rejects, print files).
    public var totals = LedgerSummary()
    /// `report.rejects`, `report.printSheets`, ...: the ledger's run-wide counts.
    public subscript<T>(dynamicMember keyPath: WritableKeyPath<LedgerSummary, T>) -> T {
        get { totals[keyPath: keyPath] }
        set { totals[keyPath: keyPath] = newValue }
    }

    public var durationSeconds: Double = 0
    /// Documents produced per second in this attempt.
    public var rate: Double { durationSeconds > 0 ? Double(documentsThisAttempt) / durationSeconds : 0 }

    public var exitCode: ExitCode {
        switch state {
        case .failed, .running: return .failed
        case .interrupted: return .interrupted
        case .finished: return totals.rejects > 0 ? .finishedWithRejects : .success
        }
    }

    init(info: RunInfo) {
        runID = info.id.rawValue
        state = info.state
        attempt = info.attempt
        generation = info.generation
        asOf = info.asOf
        alreadyFinished = false
    }

    mutating func apply(_ s: LedgerSummary) { totals = s }

    /// The report as JSON (fixed key order).
    public func json() -> [UInt8] {
        var w = JSONWriter()
        w.add("run", runID)
        w.add("state", state.rawValue)
        w.add("exit_code", Int(exitCode.rawValue))
        w.add("attempt", attempt)
        w.add("generation", generation)
        w.add("as_of", asOf)
        w.add("already_finished", alreadyFinished)
        w.add("failure", failure)
        w.add("records", totals.records)
        var ch = JSONWriter()
        for c in Channel.allCases { ch.add(c.rawValue, totals.delivered[c] ?? 0) }
        w.addRaw("delivered", ch.finished())
        var t = JSONWriter()
        for k in totals.perTemplate.keys.sorted() { t.add(k, totals.perTemplate[k] ?? 0) }
        w.addRaw("templates", t.finished())
        w.add("rejects", totals.rejects)
        w.add("pending", totals.pending)
        w.add("document_pages", totals.documentPages)
        var p = JSONWriter()
        p.add("files", totals.printFiles)
        p.add("pages", totals.printPages)
        p.add("sheets", totals.printSheets)
        p.add("letters_waiting", totals.queuedForPrint)
        w.addRaw("print", p.finished())
        var a = JSONWriter()
        a.add("records_read", recordsRead)
        a.add("documents", documentsThisAttempt)
        a.add("skipped", skippedThisAttempt)
        a.add("rejects", rejectsThisAttempt)
        a.add("reconciled", reconciled)
        a.add("duration_s", durationSeconds, decimals: 3)
        a.add("docs_per_s", rate, decimals: 1)
        w.addRaw("this_attempt", a.finished())
        return w.finished() + [10]
    }

    /// A readable summary for people.
    public func summary() -> String {
        var lines: [String] = []
        if alreadyFinished {
            lines.append("run \(runID): already finished (generation \(generation)); nothing to do (use --rerun to run it again)")
        } else {
            lines.append("run \(runID): \(state.rawValue) (attempt \(attempt)\(generation > 1 ? ", generation \(generation)" : ""), as of \(asOf))")
        }
        if let failure { lines.append("  failure:   \(failure)") }
        lines.append("  records:   \(totals.records) read; \(totals.rejects) rejected\(totals.pending > 0 ? "; \(totals.pending) deliveries pending" : "")")
        lines.append("  delivered: " + Channel.allCases.map { "\($0.rawValue) \(totals.delivered[$0] ?? 0)" }.joined(separator: ", "))
        if !totals.perTemplate.isEmpty {
            lines.append("  templates: " + totals.perTemplate.keys.sorted().map { "\(($0 as NSString).lastPathComponent) \(totals.perTemplate[$0] ?? 0)" }.joined(separator: ", "))
        }
        lines.append("  pages:     \(totals.documentPages) in documents; print: \(totals.printFiles) files, \(totals.printPages) pages, \(totals.printSheets) sheets")
        if totals.queuedForPrint > 0 {
            lines.append("  waiting:   \(totals.queuedForPrint) print letters for the run's print files (assembled when the run resumes and finishes)")
        }
        if !alreadyFinished {
            lines.append(String(format: "  this attempt: %d documents, %d skipped (done before), %d rejects in %.2f s (%.1f documents/s)",
                                documentsThisAttempt, skippedThisAttempt, rejectsThisAttempt, durationSeconds, rate))
        }
        return lines.joined(separator: "\n")
    }

    /// The rejects file: `record,code,path,message` (CSV, RFC 4180 quoting).
    public static func rejectsCSV(_ rejects: [RejectEntry]) -> [UInt8] {
        func q(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = "record,code,path,message\r\n"
        for r in rejects {
            out += "\(r.record),\(q(r.code)),\(q(r.path ?? "")),\(q(r.message))\r\n"
        }
        return Array(out.utf8)
    }
}
