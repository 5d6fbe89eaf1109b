import Foundation
@testable import PressWatch
import Testing

@Suite struct DropFolderProcessorTests {
    @Test func claimsEachInboxFileIntoWorkThenMovesItToDone() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("{\"n\":1}\n", to: folder.inbox + "/b.jsonl")
        write("{\"n\":2}\n", to: folder.inbox + "/a.jsonl")
        let handler = RecordingHandler { file in
            // While it is processed the file lives in work/ and nowhere else.
            #expect(file.path == folder.work + "/" + file.name)
            #expect(FileManager.default.fileExists(atPath: file.path))
            #expect(!FileManager.default.fileExists(atPath: folder.inbox + "/" + file.name))
            return .done
        }
        let processor = DropFolderProcessor(folder: folder, handler: handler)
        let source = ManualEventSource()
        try await processor.run(source: source, once: true)
        #expect(handler.names == ["a.jsonl", "b.jsonl"])
        #expect(list(folder.done) == ["a.jsonl", "b.jsonl"])
        #expect(list(folder.inbox).isEmpty)
        #expect(list(folder.work).isEmpty)
        #expect(list(folder.failed).isEmpty)
        #expect(processor.processed.map(\.outcome) == [.done, .done])
    }

    @Test func failedFileGetsReasonBesideIt() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("bad", to: folder.inbox + "/rejects.jsonl")
        write("worse", to: folder.inbox + "/broken.xml")
        let handler = RecordingHandler { file in
            if file.name == "broken.xml" { throw HandlerFailure() }
            return .failed(reason: "record 3: missing field 'number'\nrecord 7: malformed JSON at line 7, column 12")
        }
        let processor = DropFolderProcessor(folder: folder, handler: handler)
        try await processor.run(source: ManualEventSource(), once: true)
        #expect(list(folder.failed) == ["broken.xml", "broken.xml.reason.txt", "rejects.jsonl", "rejects.jsonl.reason.txt"])
        let recordReason = read(folder.failed + "/rejects.jsonl.reason.txt")
        #expect(recordReason.contains("file: rejects.jsonl"))
        #expect(recordReason.contains("record 3: missing field 'number'"))
        #expect(recordReason.contains("record 7: malformed JSON"))
        #expect(recordReason.contains("run id: rejects.jsonl-"))
        let fileReason = read(folder.failed + "/broken.xml.reason.txt")
        #expect(fileReason.contains("unexpected end of file at line 2"))
        #expect(list(folder.work).isEmpty && list(folder.done).isEmpty)
    }

    @Test func restartResumesLeftoversFromWorkFirstWithTheSameRunID() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("{\"n\":1}\n{\"n\":2}\n", to: folder.inbox + "/nightly.jsonl")
        // First run is stopped mid-file (as by a kill): the file stays in work/.
        let first = RecordingHandler { _ in .interrupted }
        try await DropFolderProcessor(folder: folder, handler: first).run(source: ManualEventSource(), once: true)
        #expect(list(folder.work) == ["nightly.jsonl"])
        #expect(list(folder.done).isEmpty)
        // Meanwhile another file arrives, and a newer file with the leftover's name; the restart takes the leftover first.
        write("{\"n\":3}\n", to: folder.inbox + "/later.jsonl")
        write("{\"n\":4}\n", to: folder.inbox + "/nightly.jsonl")
        let second = RecordingHandler()
        try await DropFolderProcessor(folder: folder, handler: second).run(source: ManualEventSource(), once: true)
        let firstRun = try #require(first.seen.withLock { $0.first })
        let resumed = second.seen.withLock { $0 }
        #expect(resumed.map(\.name) == ["nightly.jsonl", "later.jsonl", "nightly.jsonl"])
        #expect(resumed[0].isLeftover && !resumed[1].isLeftover && !resumed[2].isLeftover)
        #expect(resumed[0].runID == firstRun.runID)
        #expect(resumed[0].sha256 == firstRun.sha256)
        #expect(resumed[2].runID != firstRun.runID)   // new content, new run
        #expect(list(folder.done) == ["later.jsonl", "nightly-2.jsonl", "nightly.jsonl"])
        #expect(list(folder.inbox).isEmpty)
        #expect(list(folder.work).isEmpty)
    }

    @Test func ignoresTemporaryAndHiddenNames() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        for name in ["upload.jsonl.part", "x.tmp", ".hidden.jsonl", "edit.csv~", "real.csv"] {
            write("a,b\n1,2\n", to: folder.inbox + "/" + name)
        }
        try FileManager.default.createDirectory(atPath: folder.inbox + "/subfolder", withIntermediateDirectories: true)
        let handler = RecordingHandler()
        let processor = DropFolderProcessor(folder: folder, handler: handler)
        let source = ManualEventSource()
        source.send(.fileReady("upload.jsonl.part"))
        source.send(.fileReady(".hidden.jsonl"))
        source.close()
        try await processor.run(source: source)
        #expect(handler.names == ["real.csv"])
        #expect(list(folder.inbox) == [".hidden.jsonl", "edit.csv~", "subfolder", "upload.jsonl.part", "x.tmp"])
        #expect(DropFolder.isCandidate("invoices.jsonl"))
        #expect(!DropFolder.isCandidate("invoices.jsonl.PART"))
        #expect(!DropFolder.isCandidate(".invoices.jsonl"))
        #expect(!DropFolder.isCandidate("invoices.tmp"))
    }

    @Test func filesArrivingWhileOneIsProcessedQueueUp() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("1", to: folder.inbox + "/first.jsonl")
        let source = ManualEventSource()
        let handler = RecordingHandler { file in
            switch file.name {
            case "first.jsonl":
                // Two files arrive during processing; one announced (and announced twice), one lost (overflow).
                write("2", to: folder.inbox + "/second.jsonl")
                source.send(.fileReady("second.jsonl"))
                source.send(.fileReady("second.jsonl"))
                write("3", to: folder.inbox + "/third.jsonl")
                source.send(.overflow)
                source.send(.fileReady("vanished.jsonl"))   // deleted before it could be claimed
            case "third.jsonl":
                source.close()
            default: break
            }
            return .done
        }
        try await DropFolderProcessor(folder: folder, handler: handler).run(source: source)
        #expect(handler.names == ["first.jsonl", "second.jsonl", "third.jsonl"])
        #expect(list(folder.done) == ["first.jsonl", "second.jsonl", "third.jsonl"])
    }

    @Test func sameNameDroppedTwiceKeepsBothInDone() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("day 1", to: folder.inbox + "/invoices.jsonl")
        let handler = RecordingHandler()
        try await DropFolderProcessor(folder: folder, handler: handler).run(source: ManualEventSource(), once: true)
        write("day 2", to: folder.inbox + "/invoices.jsonl")
        try await DropFolderProcessor(folder: folder, handler: handler).run(source: ManualEventSource(), once: true)
        #expect(list(folder.done) == ["invoices-2.jsonl", "invoices.jsonl"])
        #expect(read(folder.done + "/invoices-2.jsonl") == "day 2")
        let ids = handler.seen.withLock { $0.map(\.runID) }
        #expect(ids.count == 2 && ids[0] != ids[1])   // different content, different run
    }

    @Test func closingTheSourceStillFinishesTheKnownQueue() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("1", to: folder.inbox + "/a.jsonl")
        write("2", to: folder.inbox + "/b.jsonl")
        let source = ManualEventSource()
        let handler = RecordingHandler { _ in source.close(); return .done }
        try await DropFolderProcessor(folder: folder, handler: handler).run(source: source)
        #expect(handler.names == ["a.jsonl", "b.jsonl"])
    }

    @Test func stopRequestEndsAfterTheFileInHand() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        write("1", to: folder.inbox + "/a.jsonl")
        write("2", to: folder.inbox + "/b.jsonl")
        let handler = RecordingHandler()
        // The stop request (a signal in the CLI) arrives while a.jsonl is processed: it is finished, b.jsonl waits.
        try await DropFolderProcessor(folder: folder, handler: handler)
            .run(source: ManualEventSource(), stop: { !handler.names.isEmpty })
        #expect(handler.names == ["a.jsonl"])
        #expect(list(folder.done) == ["a.jsonl"])
        #expect(list(folder.inbox) == ["b.jsonl"])
    }

    @Test func runIDsAreSafeStableAndContentDerived() throws {
        let dir = NSTemporaryDirectory() + "presswork-digest-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        write("abc", to: dir + "/abc")
        #expect(try FileDigest.sha256(path: dir + "/abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // More than one 1 MiB read chunk.
        write(String(repeating: "a", count: 1_000_000) + String(repeating: "a", count: 1_000_000), to: dir + "/long")
        #expect(try FileDigest.sha256(path: dir + "/long") == "bcf7f9d1b4311c3352e60502255ce09a6744df84e8f2c89f79c4b5d74933a95a")
        #expect(throws: WatchError.self) { try FileDigest.sha256(path: dir + "/missing") }
        let id = DropRunID.make(name: "../Rechnungen März 2026.jsonl", sha256: String(repeating: "ab", count: 32))
        #expect(id == "_Rechnungen_M_rz_2026.jsonl-abababababababab")
        #expect(DropRunID.make(name: String(repeating: "x", count: 100), sha256: "0123456789abcdef0123").utf8.count == 57)
    }
}
