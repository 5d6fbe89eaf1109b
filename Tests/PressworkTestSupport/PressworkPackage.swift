import Foundation

/// Where the package under test lives and which `presswork` binary end-to-end tests run. One place, so every
/// test target tests the same binary: the one built with the tests, not a stale one from another build folder.
public enum PressworkPackage {
    /// The folder holding `Package.swift`, found from this file's location (no resource bundles).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    /// The `presswork` executable: `$PRESSWORK_BIN`, else the products folder this test binary was built into
    /// (so `swift test --scratch-path X` tests `X/debug/presswork`), else `<root>/.build/debug/presswork`.
    public static let binary: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["PRESSWORK_BIN"], !env.isEmpty { candidates.append(env) }
        for start in [Bundle.main.bundlePath, Bundle.main.executablePath ?? "", CommandLine.arguments.first ?? ""]
        where !start.isEmpty {
            // .../<scratch>/<triple>/debug/PressworkPackageTests.xctest[/...]: walk up to the folder holding the bundle.
            var url = URL(fileURLWithPath: start)
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("presswork").path)
            }
        }
        candidates.append(root + "/.build/debug/presswork")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
