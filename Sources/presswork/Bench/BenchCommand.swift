import ArgumentParser
import Dispatch
import Glibc
import Foundation
import PressData
import PressFonts
import PressImages
import PressLayout
import PressRender
import PressTemplate
import Synchronization

/// `presswork bench`: renders every invoice of a benchmark JSON Lines file into one PDF each, in this
/// one process, and prints one JSON line of its own timings. `Scripts/bench` runs it under
/// `/usr/bin/time -v` next to the peers; figures never come from a timed unit test.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Render the benchmark invoices (driven by Scripts/bench).",
        shouldDisplay: false)

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        /// The layout built in Swift (`BenchInvoiceDocument`): the rendering core alone.
        case core
        /// `Templates/bench-invoice` through the template language.
        case template
    }

    @Option(help: "The invoices, one JSON object per line (../shared/bench/gen_data.py's invoices.jsonl).")
    var data: String
    @Option(help: "The logo PNG (core mode).")
    var logo: String?
    @Option(help: "core: layout built in Swift; template: Templates/bench-invoice.")
    var mode: Mode = .core
    @Option(help: "Render workers (threads) in this process.")
    var workers: Int = 1
    @Option(help: "Output folder for inv_NNNNNN.pdf files.")
    var out: String
    @Option(help: "The template folder (template mode).")
    var template: String = "Templates/bench-invoice"
    @Option(help: "Font folders searched before the system's.")
    var fonts: [String] = []
    @Option(help: "Font encoding: identity-h (default) or one-byte (embedded one-byte CMap for small subsets).")
    var fontEncoding: String = "identity-h"
    @Option(help: "zlib level for content, object and xref streams (PDFRenderOptions.compressionLevel).")
    var compressionLevel: Int = PDFRenderOptions(creationDate: Date(timeIntervalSince1970: 0)).compressionLevel

    func run() throws {
        let start = DispatchTime.now()
        // Streamed: workers take the next record as they go, so nothing is parsed before the first
        // document starts (start-up is serial time that a second worker cannot share) and memory does
        // not grow with the input.
        let records = Mutex(try JSONLinesReader(path: data))

        let library = FontLibrary(searchPaths: fonts, includeSystemFonts: true)
        let engine = LayoutEngine(fonts: library)
        let renderer = PDFRenderer()
        // Fixed creation date: the output is deterministic, like every Presswork run.
        let encoding: FontEncoding
        switch fontEncoding {
        case "identity-h": encoding = .identityH
        case "one-byte": encoding = .oneByte
        default: throw ValidationError("--font-encoding must be identity-h or one-byte")
        }
        let options = PDFRenderOptions(creationDate: Date(timeIntervalSince1970: 1_795_305_600), compressionLevel: compressionLevel, fontEncoding: encoding)
        let build: @Sendable (Value) throws -> Document
        switch mode {
        case .core:
            let builder = BenchInvoiceDocument(logo: try logo.map { try ImageResource.load(path: $0) })
            build = { builder.document(for: $0) }
        case .template:
            let compiled = try CompiledTemplate.compile(path: template)
            let context = BindContext(language: "de", today: CivilDate(year: 2026, month: 11, day: 22)!)
            build = { try compiled.bind($0, context: context) }
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let setupDone = DispatchTime.now()

        let workers = max(1, workers)
        let totals = Mutex((docs: 0, pages: 0, firstError: String?.none))
        let outDir = out
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var docs = 0, pages = 0
            while let record = Self.next(from: records, errors: totals) {
                let invoice = record.value
                do {
                    let laidOut = try engine.layout(try build(invoice))
                    let bytes = try renderer.render(laidOut, options: options)
                    let id = invoice["id"]?.decimalValue.map { NSDecimalNumber(decimal: $0).intValue } ?? record.number
                    let digits = String(id)
                    let path = outDir + "/inv_" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".pdf"
                    try Self.write(bytes, to: path)
                    docs += 1
                    pages += laidOut.pages.count
                } catch {
                    totals.withLock { if $0.firstError == nil { $0.firstError = "invoice \(record.number): \(error)" } }
                }
            }
            totals.withLock { $0.docs += docs; $0.pages += pages }
        }
        let end = DispatchTime.now()
        let result = totals.withLock { $0 }
        if let error = result.firstError { throw ValidationError(error) }
        func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double { Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9 }
        let loop = seconds(setupDone, end)
        let line: [String: Any] = [
            "mode": mode.rawValue, "docs": result.docs, "pages": result.pages, "workers": workers,
            "setup_s": (seconds(start, setupDone) * 1000).rounded() / 1000,
            "loop_s": (loop * 1000).rounded() / 1000,
            "loop_docs_per_sec": (Double(result.docs) / loop * 10).rounded() / 10,
            // Prepared fonts (subset + compressed program) built during the run: each is a cache miss.
            "fonts_prepared": renderer.cacheCounts.fonts,
        ]
        let json = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// The next record of the shared reader; nil at the end or after a fatal read error. A bad record
    /// is reported as the run's first error (the run fails) and skipped.
    private static func next(from records: borrowing Mutex<JSONLinesReader>,
                             errors: borrowing Mutex<(docs: Int, pages: Int, firstError: String?)>) -> Record? {
        while true {
            let next: Result<Record?, RecordError> = records.withLock { reader in
                do throws(RecordError) { return .success(try reader.next()) } catch { return .failure(error) }
            }
            switch next {
            case .success(let record): return record
            case .failure(let error):
                errors.withLock { if $0.firstError == nil { $0.firstError = "record \(error.recordNumber): \(error)" } }
                if error.isFatal { return nil }
            }
        }
    }

    /// Plain open/write/close, as the peers write their files (no temp file, no fsync: the spool
    /// channels do the atomic, durable publishing; this measures rendering).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            guard n > 0 else { throw ValidationError("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += n
        }
    }
}
