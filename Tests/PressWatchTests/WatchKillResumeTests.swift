import Foundation
import Testing

/// Crash safety with the real binary: `watch --once` is SIGKILLed in the middle of a file; the next start finds
/// the file in `work/`, resumes the same run (id from name + content hash), and every record ends up in each of
/// its channels exactly once.
@Suite struct WatchKillResumeTests {
    /// `count` bench invoices (every third with an e-mail address) as JSON Lines.
    func invoices(count: Int) throws -> String {
        let url = URL(fileURLWithPath: Binary.root + "/Fixtures/bench-invoice-sample.json")
        let sample = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var out = ""
        for i in 1...count {
            var r = sample
            r["id"] = i
            r["number"] = "RE-WATCH-\(100_000 + i)"
            var recipient = r["recipient"] as! [String: Any]
            if i % 3 == 0 { recipient["email"] = "kunde\(i)@example.de" }
            r["recipient"] = recipient
            out += String(decoding: try JSONSerialization.data(withJSONObject: r, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        return out
    }

    @Test(.enabled(if: Binary.path != nil, "presswork binary not built: run `swift build` first (or set PRESSWORK_BIN)"),
          .timeLimit(.minutes(5)))
    func killedWatcherResumesTheFileExactlyOnce() throws {
        let folder = try makeRoot()
        defer { try? FileManager.default.removeItem(atPath: folder.root) }
        let spool = folder.root + "/spool"
        let count = 90
        write(try invoices(count: count), to: folder.inbox + "/nightly.jsonl")
        let arguments = ["watch", "--root", folder.root, "--spool", spool, "--template", Binary.root + "/Templates/bench-invoice",
                         "--workers", "1", "--once"]

        let first = Process()
        first.executableURL = URL(fileURLWithPath: Binary.path!)
        first.arguments = arguments
        first.currentDirectoryURL = URL(fileURLWithPath: Binary.root)
        first.standardOutput = FileHandle.nullDevice
        first.standardError = FileHandle.nullDevice
        try first.run()
        // Kill once some documents are archived, i.e. in the middle of the file.
        var killed = false
        for _ in 0..<3000 where first.isRunning {
            if pdfs(spool + "/archive").count >= 5 {
                kill(first.processIdentifier, SIGKILL)
                killed = true
                break
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
        first.waitUntilExit()
        #expect(killed, "the watcher finished before it could be killed")
        #expect(list(folder.work) == ["nightly.jsonl"])
        #expect(pdfs(spool + "/archive").count < count)

        let second = try Binary.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("resuming nightly.jsonl"))
        #expect(list(folder.done) == ["nightly.jsonl"])
        #expect(list(folder.work).isEmpty)
        #expect(pdfs(spool + "/archive").count == count)
        #expect(pdfs(spool + "/email", ".eml").count == count / 3)
        let log = read(spool + "/archive/archive.log")
        #expect(log.split(separator: "\n").count == count)
        let verify = try Binary.run(["archive", "verify", "--spool", spool])
        #expect(verify.status == 0, "\(verify.stderr)")
    }
}
