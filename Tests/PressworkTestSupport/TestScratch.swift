import Foundation

/// Per-process scratch folders (`<tmp>/<prefix>-<pid>`) for the files tests write — PDFs checked with qpdf
/// and poppler, templates — so that test runs do not pile up files in `/tmp`: a folder is removed when its
/// process exits (where the test runner lets `atexit` handlers run), and the folders of processes that are
/// gone are removed the next time one is made. Set `PRESSWORK_KEEP_TEST_FILES=1` to keep them (to look at
/// the PDFs, or to run `../shared/tools/check_pdf.py` over them); the path is printed then.
public enum TestScratch {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: Set<String> = []
    nonisolated(unsafe) private static var registered = false

    /// The folder for `prefix`, created on first use.
    public static func folder(_ prefix: String) -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(getpid())"
        lock.lock()
        defer { lock.unlock() }
        if folders.insert(path).inserted {
            if !keep { removeFoldersOfEndedProcesses(prefix) }
            try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            if keep {
                print("test files kept in \(path)")
            } else if !registered {
                registered = true
                atexit { TestScratch.removeAll() }
            }
        }
        return path
    }

    static var keep: Bool { ProcessInfo.processInfo.environment["PRESSWORK_KEEP_TEST_FILES"].map { !$0.isEmpty && $0 != "0" } ?? false }

    /// `<prefix>-<pid>` folders whose process no longer runs.
    private static func removeFoldersOfEndedProcesses(_ prefix: String) {
        let tmp = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? [] where name.hasPrefix(prefix + "-") {
            guard let pid = Int32(name.dropFirst(prefix.count + 1)), pid != getpid() else { continue }
            if kill(pid, 0) == -1 && errno == ESRCH { try? FileManager.default.removeItem(atPath: tmp + name) }
        }
    }

    private static func removeAll() {
        lock.lock()
        let all = folders
        lock.unlock()
        for path in all { try? FileManager.default.removeItem(atPath: path) }
    }
}
