import Foundation
import PressWatch
import Testing

@Suite struct InotifyEventSourceTests {
    /// Real inotify: a file renamed in and a file written in place arrive as `.fileReady`; the temp name does not.
    @Test(.timeLimit(.minutes(1))) func seesRenamedInAndClosedAfterWriteFiles() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        let source = try InotifyEventSource(directory: folder.inbox)
        defer { source.close() }
        write("{}\n", to: folder.inbox + "/upload.jsonl.part")
        #expect(rename(folder.inbox + "/upload.jsonl.part", folder.inbox + "/upload.jsonl") == 0)
        write("a\n", to: folder.inbox + "/direct.csv")
        var ready: [String] = []
        for await event in source.events {
            if case .fileReady(let name) = event { ready.append(name) }
            if ready.contains("upload.jsonl") && ready.contains("direct.csv") { break }
        }
        #expect(ready.contains("upload.jsonl") && ready.contains("direct.csv"))
        #expect(ready.filter(DropFolder.isCandidate).sorted() == ["direct.csv", "upload.jsonl"])
    }

    /// The processor on a real inotify source: a file dropped after start is processed, then the loop ends on close.
    @Test(.timeLimit(.minutes(1))) func processorFollowsRealEvents() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        let source = try InotifyEventSource(directory: folder.inbox)
        let handler = RecordingHandler { _ in source.close(); return .done }
        let processor = DropFolderProcessor(folder: folder, handler: handler)
        let dropper = Task {
            try await Task.sleep(for: .milliseconds(200))
            write("1\n", to: folder.inbox + "/.late.jsonl")
            rename(folder.inbox + "/.late.jsonl", folder.inbox + "/late.jsonl")
        }
        try await processor.run(source: source)
        try await dropper.value
        #expect(handler.names == ["late.jsonl"])
        #expect(list(folder.done) == ["late.jsonl"])
    }
}

@Suite struct WatchLifecycleTests {
    /// Removing the inbox ends the event stream (instead of a watcher that silently hears nothing).
    @Test(.timeLimit(.minutes(1))) func removedInboxEndsTheStream() async throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        let source = try InotifyEventSource(directory: folder.inbox)
        defer { source.close() }
        try FileManager.default.removeItem(atPath: folder.inbox)
        for await _ in source.events {}
        #expect(source.watchLost)
    }

    @Test func oneWatcherPerRoot() throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        var first = try DropFolderLock(folder: folder)
        #expect(first != nil)
        #expect(try DropFolderLock(folder: folder) == nil)
        first = nil
        #expect(try DropFolderLock(folder: folder) != nil)
    }
}
