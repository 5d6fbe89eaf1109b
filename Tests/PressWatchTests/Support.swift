import Foundation
import PressWatch
import Synchronization

/// A handler driven by a closure, recording every file it was given.
final class RecordingHandler: DropFileHandler {
    let seen = Mutex<[ClaimedFile]>([])
    let body: @Sendable (ClaimedFile) async throws -> DropOutcome

    init(_ body: @escaping @Sendable (ClaimedFile) async throws -> DropOutcome = { _ in .done }) {
        self.body = body
    }

    func process(_ file: ClaimedFile) async throws -> DropOutcome {
        seen.withLock { $0.append(file) }
        return try await body(file)
    }

    var names: [String] { seen.withLock { $0.map(\.name) } }
}

struct HandlerFailure: Error, CustomStringConvertible {
    var description: String { "input could not be read: unexpected end of file at line 2" }
}

/// A fresh drop root under the temporary folder.
func makeRoot() throws -> DropFolder {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("presswork-watch-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    let folder = DropFolder(root: url.path)
    try folder.prepare()
    return folder
}

func write(_ text: String, to path: String) {
    FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
}

func list(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
}

func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
}
