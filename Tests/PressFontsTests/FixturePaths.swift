import Foundation
import PressworkTestSupport

/// Locates repository files from tests: walks up from this file to the folder holding Package.swift.
enum FixturePaths {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
            url = url.deletingLastPathComponent()
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    static var fontsFolder: String { repositoryRoot + "/Fixtures/fonts" }
    static func font(_ name: String) -> String { fontsFolder + "/" + name }

    /// A fresh temporary folder for one test (inside the process's scratch folder, removed at exit).
    static func temporaryFolder(_ name: String) -> String {
        let path = TestScratch.folder("pressfonts-tests") + "/\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
