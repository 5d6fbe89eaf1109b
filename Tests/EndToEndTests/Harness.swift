// Runs the real `presswork` binary and the PDF tools (qpdf, poppler) the way a user would.
import Foundation
import Testing
import PressworkTestSupport

/// Paths of the package under test, found from this file's location (no resource bundles).
enum Repo {
    /// The folder holding `Package.swift`.
    static let root = URL(fileURLWithPath: PressworkPackage.root)

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The `presswork` executable (see `PressworkPackage.binary`).
    static let binary = PressworkPackage.binary

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("presswork-e2e-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The outcome of one child process.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
    var succeeded: Bool { status == 0 }
}

enum Tool {
    /// Runs `executable` (a path, or a name looked up in PATH) with `arguments`; output goes through files
    /// so that large outputs never block the child.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> ProcessResult {
        let scratch = try Repo.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out"), errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [executable] + arguments
        }
        process.currentDirectoryURL = directory ?? Repo.root
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return ProcessResult(status: process.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Whether `name` is found in PATH.
    static func available(_ name: String) -> Bool {
        (try? run("sh", ["-c", "command -v \(name)"]))?.succeeded ?? false
    }

    /// The date injected as "today" and as the PDF creation date, so that no test depends on the wall clock.
    static let injectedDate = "2026-11-22"

    /// `presswork render --template T --data D --out O --date 2026-11-22 [extra…]`.
    static func render(template: String, data: String, out: String, extra: [String] = []) throws -> ProcessResult {
        guard let binary = Repo.binary else {
            Issue.record("""
                presswork binary not found (looked next to the test bundle and at .build/debug/presswork); \
                run `swift build` first or set PRESSWORK_BIN
                """)
            return ProcessResult(status: -1, stdout: "", stderr: "binary missing")
        }
        return try run(binary, ["render", "--template", template, "--data", data, "--out", out, "--date", injectedDate] + extra)
    }
}

/// Text as `pdftotext` gives it, made comparable: every kind of space (no-break, narrow no-break, thin)
/// and line break becomes one plain space, the minus sign becomes a hyphen-minus.
func normalized(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var lastWasSpace = false
    for scalar in text.unicodeScalars {
        switch scalar {
        case " ", "\n", "\r", "\t", "\u{0C}", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}":
            if !lastWasSpace { out.append(" ") }
            lastWasSpace = true
        case "\u{2212}":
            out.append("-")
            lastWasSpace = false
        default:
            out.unicodeScalars.append(scalar)
            lastWasSpace = false
        }
    }
    return out
}

/// What poppler and qpdf say about one PDF.
struct PDFReport {
    var pages: Int
    /// Width x height in points of every page.
    var pageSizes: [(Double, Double)]
    /// `pdffonts` rows: name, emb, sub, uni.
    var fonts: [(name: String, embedded: Bool, subset: Bool, unicode: Bool)]
    var qpdfOK: Bool
    var qpdfOutput: String

    init(path: String) throws {
        let info = try Tool.run("pdfinfo", [path])
        pages = info.stdout.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? 0
        let sizes = try Tool.run("pdfinfo", ["-f", "1", "-l", String(max(pages, 1)), path])
        pageSizes = sizes.stdout.split(separator: "\n").compactMap { line in
            // "Page    1 size: 595.276 x 841.89 pts (A4)"
            guard line.hasPrefix("Page"), let r = line.range(of: "size:") else { return nil }
            let parts = line[r.upperBound...].split(separator: " ")
            guard parts.count >= 3, let w = Double(parts[0]), let h = Double(parts[2]) else { return nil }
            return (w, h)
        }
        let listing = try Tool.run("pdffonts", [path])
        fonts = listing.stdout.split(separator: "\n").dropFirst(2).compactMap { line in
            // name type… encoding emb sub uni object ID: read the flags from the right.
            let t = line.split(separator: " ", omittingEmptySubsequences: true)
            guard t.count >= 7 else { return nil }
            return (String(t[0]), t[t.count - 5] == "yes", t[t.count - 4] == "yes", t[t.count - 3] == "yes")
        }
        let check = try Tool.run("qpdf", ["--check", path])
        qpdfOK = check.succeeded
        qpdfOutput = check.stdout + check.stderr
    }

    /// The text of pages `first…last` (1-based), normalised.
    static func text(_ path: String, first: Int? = nil, last: Int? = nil) throws -> String {
        var args: [String] = []
        if let first { args += ["-f", String(first)] }
        if let last { args += ["-l", String(last)] }
        return normalized(try Tool.run("pdftotext", args + ["-enc", "UTF-8", path, "-"]).stdout)
    }
}
