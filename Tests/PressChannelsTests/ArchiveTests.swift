import Foundation
import Testing
@testable import PressChannels

@Suite struct ArchiveTests {
    func archive(_ n: Int, into spool: Spool) throws {
        let log = try ArchiveLog(spool: spool)
        var entries: [ArchiveLog.Entry] = []
        for i in 1...n {
            let pdf = Array("%PDF-1.7 document \(i)\n%%EOF\n".utf8)
            let base = "night-r\(String(format: "%08d", i))-RE-\(i)"
            let index = ArchiveIndexRecord(documentType: "invoice", documentNumber: "RE-\(i)", customerNumber: "K-1",
                                           documentDate: "2024-03-15", channels: [.archive, .print], runID: "night",
                                           record: i, file: try SpoolFileName("x"), sha256: "")
            let d = try ArchiveChannel.pending(pdf: pdf, baseName: base, index: index).stage(in: spool)
            try spool.syncStaging([.archive])
            try d.publish(to: spool)
            entries.append(d.archiveEntry!)
        }
        try spool.syncPublished([.archive])
        try log.append(entries)
    }

    @Test func freshArchiveVerifies() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(5, into: spool)
        let report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.ok, "\(report.problems)")
        #expect(report.lines == 5)
        #expect(report.filesChecked == 10)
        let json = try String(contentsOfFile: spool.channelFolder(.archive) + "/night-r00000003-RE-3.json", encoding: .utf8)
        #expect(json.hasPrefix("{\"document_type\":\"invoice\",\"number\":\"RE-3\",\"customer_number\":\"K-1\",\"date\":\"2024-03-15\",\"channel\":[\"print\",\"archive\"]"))
        #expect(json.contains(SHA256.hex(Array("%PDF-1.7 document 3\n%%EOF\n".utf8))))
        // Reopening continues the chain.
        let log = try ArchiveLog(spool: spool)
        #expect(log.lastSeq == 5)
        let names = Set((1...5).map { "night-r\(String(format: "%08d", $0))-RE-\($0).pdf" })
        #expect(try log.loggedFiles(among: names.union(["night-r00000009-RE-9.pdf"])) == names)
    }

    @Test func detectsAChangedByte() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(4, into: spool)
        let path = spool.channelFolder(.archive) + "/night-r00000002-RE-2.pdf"
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[3] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.kind == .hashMismatch)
        #expect(report.problems.first?.message.contains("night-r00000002-RE-2.pdf") == true)
    }

    @Test func detectsARemovedMiddleLineAndARemovedLastLine() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(4, into: spool)
        let logPath = spool.channelFolder(.archive) + "/archive.log"
        let original = try String(contentsOfFile: logPath, encoding: .utf8)
        var lines = original.split(separator: "\n").map(String.init)
        lines.remove(at: 1)
        try (lines.joined(separator: "\n") + "\n").write(toFile: logPath, atomically: false, encoding: .utf8)
        var report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.problems.contains { $0.kind == .chainBroken && $0.message.contains("line 2") })
        #expect(report.problems.contains { $0.kind == .untrackedFile && $0.message.contains("r00000002") })

        lines = original.split(separator: "\n").map(String.init)
        lines.removeLast()
        try (lines.joined(separator: "\n") + "\n").write(toFile: logPath, atomically: false, encoding: .utf8)
        report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.problems.contains { $0.kind == .headMismatch })
        #expect(!report.problems.contains { $0.kind == .chainBroken })
        // The writer refuses to append to a log that lost lines.
        #expect(throws: ChannelError.self) { _ = try ArchiveLog(spool: spool) }
    }

    @Test func detectsAnEditedLine() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(3, into: spool)
        let logPath = spool.channelFolder(.archive) + "/archive.log"
        let text = try String(contentsOfFile: logPath, encoding: .utf8)
        try text.replacingOccurrences(of: "RE-2.json", with: "RE-9.json").write(toFile: logPath, atomically: false, encoding: .utf8)
        let report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.problems.contains { $0.kind == .chainBroken })
    }

    @Test func tornLastLineIsDroppedOnOpen() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(2, into: spool)
        let logPath = spool.channelFolder(.archive) + "/archive.log"
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        h.seekToEndOfFile(); h.write(Data("{\"seq\":3,\"fi".utf8)); try h.close()
        let log = try ArchiveLog(spool: spool)
        #expect(log.lastSeq == 2)
        #expect(try ArchiveVerifier(spool: spool).verify().ok)
    }

    /// Opening reads only the end of the log (it spans every run of a spool); a log far larger than the first
    /// window read, with a torn line longer than that window, still opens at its last complete line, and the
    /// chain continues across it.
    @Test func largeLogOpensFromItsEndAndKeepsTheChain() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        let log = try ArchiveLog(spool: spool)
        let entries = (1...600).map { i in
            ArchiveLog.Entry(file: try! SpoolFileName("big-r\(i).pdf"), sha256: String(repeating: "a", count: 64),
                             index: try! SpoolFileName("big-r\(i).json"), indexSHA256: String(repeating: "b", count: 64))
        }
        try log.append(entries)   // ~200 KB: more than the 64 KiB first read
        let logPath = spool.channelFolder(.archive) + "/archive.log"
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        h.seekToEndOfFile(); h.write(Data(("{\"seq\":601,\"file\":\"" + String(repeating: "x", count: 100_000)).utf8)); try h.close()
        let reopened = try ArchiveLog(spool: spool)
        #expect(reopened.lastSeq == 600)
        #expect(reopened.lastHash == log.lastHash)
        try reopened.append([ArchiveLog.Entry(file: try SpoolFileName("big-r601.pdf"), sha256: String(repeating: "c", count: 64),
                                              index: try SpoolFileName("big-r601.json"), indexSHA256: String(repeating: "d", count: 64))])
        #expect(try ArchiveLog(spool: spool).lastSeq == 601)
        #expect(try reopened.loggedFiles(among: ["big-r1.pdf", "big-r601.pdf", "big-r999.pdf"]) == ["big-r1.pdf", "big-r601.pdf"])
        // The files are not there, but the chain itself is intact: only missing-file problems are reported.
        let report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.lines == 601)
        #expect(!report.problems.contains { $0.kind != .missingFile }, "\(report.problems.filter { $0.kind != .missingFile })")
    }

    @Test func reportsEveryUntrackedFileSortedAndNothingElse() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        try archive(3, into: spool)
        let folder = spool.channelFolder(.archive)
        // Dropped in from outside, in an order the directory need not keep; a hidden file is not an archived one.
        for name in ["zz-extra.pdf", "night-r00000002-RE-2.pdf.bak", "aa-extra.json", ".hidden"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        let report = try ArchiveVerifier(spool: spool).verify()
        #expect(report.problems.map(\.kind) == [.untrackedFile, .untrackedFile, .untrackedFile])
        #expect(report.problems.map(\.message) == [
            "archive/aa-extra.json is not in the archive log",
            "archive/night-r00000002-RE-2.pdf.bak is not in the archive log",
            "archive/zz-extra.pdf is not in the archive log",
        ])
        #expect(report.filesChecked == 6)
    }

    @Test func nameDigestsFindExactlyTheInsertedNames() {
        var digests = NameDigests()
        let names = (0..<5000).map { "run-r\(String(format: "%08d", $0))-RE-\($0 * 7).pdf" }
        for name in names.shuffled() { digests.insert(name) }
        digests.seal()
        #expect(digests.count == 5000)
        func has(_ s: String) -> Bool { Array(s.utf8).withUnsafeBytes { digests.contains($0) } }
        #expect(names.allSatisfy(has))
        // Near misses: one byte changed, a suffix added, a prefix removed, empty.
        #expect(!has("run-r00000001-RE-8.pdf"))
        #expect(!has("run-r00000001-RE-7.pdf.tmp"))
        #expect(!has("un-r00000001-RE-7.pdf"))
        #expect(!has(""))
        #expect(!(5000..<6000).map { "run-r\(String(format: "%08d", $0))-RE-\($0 * 7).pdf" }.contains(where: has))
    }
}
