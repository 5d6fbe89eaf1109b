import Foundation

/// A snapshot of a running batch for progress displays.
public struct RunProgressSnapshot: Sendable {
    /// Records read so far in this attempt.
    public var recordsRead: Int
    /// Documents produced in this attempt.
    public var documents: Int
    /// Records skipped because an earlier attempt delivered them.
    public var skipped: Int
    public var rejects: Int
    /// Seconds since the attempt started.
    public var elapsed: Double
    /// Input bytes read and total size, when known (for the ETA).
    public var bytesRead: Int
    public var bytesTotal: Int?
    /// Print-bound records put aside for the print phase (produced at the end of the run, sorted).
    public var queuedForPrint: Int = 0

    /// Documents per second in this attempt.
    public var rate: Double { elapsed > 0 ? Double(documents + skipped + rejects) / elapsed : 0 }
    /// Estimated seconds left, when the input size is known: the records still expected (estimated from the
    /// input position, and including those waiting for the print phase) at the current rate.
    public var eta: Double? {
        guard let total = bytesTotal, total > 0, bytesRead > 0, rate > 0 else { return nil }
        let expected = Double(recordsRead) * Double(total) / Double(bytesRead)
        return max(0, expected - Double(documents + skipped + rejects)) / rate
    }

    public init(recordsRead: Int, documents: Int, skipped: Int, rejects: Int, elapsed: Double, bytesRead: Int,
                bytesTotal: Int?, queuedForPrint: Int = 0) {
        self.recordsRead = recordsRead; self.documents = documents; self.skipped = skipped; self.rejects = rejects
        self.elapsed = elapsed; self.bytesRead = bytesRead; self.bytesTotal = bytesTotal; self.queuedForPrint = queuedForPrint
    }
}

/// Where the runner reports progress and log lines (ids and counts only: no personal data).
public protocol ProgressReporter: Sendable {
    func progress(_ snapshot: RunProgressSnapshot)
    func log(_ line: String)
    /// Called once at the end (e.g. to finish a terminal status line).
    func finish()
}

/// A reporter: a status line rewritten in place on a terminal, plain log lines (every `interval` seconds)
/// otherwise. Writes to standard error.
public final class ConsoleProgressReporter: ProgressReporter {
    let isTTY: Bool
    let quiet: Bool

    public init(isTTY: Bool = isatty(2) == 1, quiet: Bool = false) {
        self.isTTY = isTTY
        self.quiet = quiet
    }

    static func format(_ s: RunProgressSnapshot) -> String {
        var line = "records \(s.recordsRead)  documents \(s.documents)  skipped \(s.skipped)  rejects \(s.rejects)  "
            + (s.queuedForPrint > 0 ? "print queue \(s.queuedForPrint)  " : "") + "rate \(Int(s.rate.rounded()))/s"
        if let eta = s.eta { line += "  ETA \(Int(eta.rounded()))s" }
        return line
    }

    public func progress(_ snapshot: RunProgressSnapshot) {
        guard !quiet else { return }
        let line = ConsoleProgressReporter.format(snapshot)
        if isTTY {
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        } else {
            FileHandle.standardError.write(Data(("progress: " + line + "\n").utf8))
        }
    }

    public func log(_ line: String) {
        guard !quiet else { return }
        FileHandle.standardError.write(Data(((isTTY ? "\r\u{1B}[K" : "") + line + "\n").utf8))
    }

    public func finish() {
        if isTTY && !quiet { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// A reporter that says nothing (tests).
public struct SilentProgressReporter: ProgressReporter {
    public init() {}
    public func progress(_ snapshot: RunProgressSnapshot) {}
    public func log(_ line: String) {}
    public func finish() {}
}
