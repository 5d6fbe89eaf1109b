import ArgumentParser
import Foundation
import PressChannels

/// `presswork archive …`: tools for the archive spool.
struct ArchiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Archive spool tools.",
        subcommands: [Verify.self])

    /// `presswork archive verify --spool DIR`.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the archive: every file against its SHA-256, the hash chain of archive.log and its head.",
            discussion: """
            Exit codes: 0 the archive is intact; 1 a mismatch was found (each one is printed, naming the file or \
            log line: changed file, missing file, file not in the log, changed/removed/inserted log line); \
            2 the spool cannot be read; 64 usage error: bad or missing option.
            """)

        @Option(name: .long, help: "Spool root folder (the one holding archive/).")
        var spool: String

        func run() async throws {
            guard FileManager.default.fileExists(atPath: spool + "/archive") else {
                FileHandle.standardError.write(Data("presswork archive verify: error: \(spool)/archive does not exist\n".utf8))
                throw ExitCode(2)
            }
            let report: ArchiveVerifier.Report
            do {
                report = try ArchiveVerifier(spool: Spool(readOnlyRoot: spool)).verify()
            } catch {
                FileHandle.standardError.write(Data("presswork archive verify: error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            for p in report.problems { print("MISMATCH \(p)") }
            if report.ok {
                print("archive OK: \(report.lines) log lines, \(report.filesChecked) files checked")
            } else {
                print("archive BROKEN: \(report.problems.count) problem(s) in \(report.lines) log lines")
                throw ExitCode(1)
            }
        }
    }
}
