import Foundation
import Testing
import PressLayout
@testable import PressChannels

/// A pending delivery writes nothing until it is staged, refuses unsafe names when it is made (so the worker
/// that built it rejects the record, not the writer), and stages exactly the files it announced.
@Suite struct PendingDeliveryTests {
    let index = ArchiveIndexRecord(documentType: "invoice", documentNumber: "RE-1", customerNumber: "K-1",
                                   documentDate: "2024-03-15", channels: [.archive], runID: "night", record: 1,
                                   file: try! SpoolFileName("x"), sha256: "")

    @Test func unsafeBaseNameIsRefusedWhenMade() throws {
        let error = #expect(throws: ChannelError.self) {
            _ = try ArchiveChannel.pending(pdf: [1, 2, 3], baseName: "../../etc/passwd", index: index)
        }
        #expect(error?.code == .unsafeName)
        #expect(throws: ChannelError.self) {
            _ = try PrintChannel.pending(pdf: [], file: AssembledPrintFile(parts: [], metadata: DocumentMetadata(), manifest: [], letters: [],
                                                                           pages: 0, sheets: 0, blankPages: 0),
                                         baseName: ".hidden", options: PrintOptions())
        }
    }

    @Test func nothingIsWrittenUntilStaged() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        let pdf = Array("%PDF-1.7 one\n%%EOF\n".utf8)
        let pending = try ArchiveChannel.pending(pdf: pdf, baseName: "night-r00000001-RE-1", index: index)
        #expect(pending.channel == .archive)
        #expect(pending.files.map(\.rawValue) == ["night-r00000001-RE-1.json", "night-r00000001-RE-1.pdf"])
        #expect(spool.stagedNames(.archive).isEmpty)

        let staged = try pending.stage(in: spool)
        #expect(staged.files == pending.files)
        #expect(staged.sha256 == SHA256.hex(pdf))
        #expect(Set(spool.stagedNames(.archive)) == Set(pending.files))
        let written = try #require(FileManager.default.contents(atPath: spool.stagingFolder(.archive) + "/night-r00000001-RE-1.pdf"))
        #expect(Array(written) == pdf)
        let json = try String(contentsOfFile: spool.stagingFolder(.archive) + "/night-r00000001-RE-1.json", encoding: .utf8)
        #expect(json.contains("\"file\":\"night-r00000001-RE-1.pdf\""))
        #expect(json.contains(SHA256.hex(pdf)))
        #expect(staged.archiveEntry?.indexSHA256 == SHA256.hex(Array(json.utf8)))
    }

    @Test func printFileStagesManifestsBeforeThePDF() throws {
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let spool = try Spool(root: tmp.path)
        let options = PrintOptions(manifestCSV: true, manifestJSON: true)
        let entry = PrintManifestEntry(letterID: "RE-1", record: 1, firstPage: 1, pages: 2, sheets: 1, country: "DE", postcode: "10115")
        let file = AssembledPrintFile(parts: [], metadata: DocumentMetadata(), manifest: [entry], letters: [], pages: 2, sheets: 1, blankPages: 0)
        let pending = try PrintChannel.pending(pdf: Array("%PDF".utf8), file: file, baseName: "night-print-0001", options: options)
        #expect(pending.files.map(\.rawValue) == ["night-print-0001.csv", "night-print-0001.json", "night-print-0001.pdf"])
        let staged = try pending.stage(in: spool)
        #expect(staged.mainFile.rawValue == "night-print-0001.pdf")
        let csv = try String(contentsOfFile: spool.stagingFolder(.print) + "/night-print-0001.csv", encoding: .utf8)
        #expect(csv.contains("RE-1,1,1,2,1,DE,10115"))
        let json = try String(contentsOfFile: spool.stagingFolder(.print) + "/night-print-0001.json", encoding: .utf8)
        #expect(json.hasPrefix("{\"file\":\"night-print-0001.pdf\",\"pages\":2,\"sheets\":1"))
    }
}
