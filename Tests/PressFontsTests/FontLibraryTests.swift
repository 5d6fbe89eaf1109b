import Foundation
import Testing
@testable import PressFonts

@Suite struct FontLibraryTests {
    let library = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)

    @Test func findsDejaVuSansWithAllStyles() throws {
        #expect(library.families.contains("DejaVu Sans"))
        let regular = try library.face(family: "DejaVu Sans", bold: false, italic: false)
        let bold = try library.face(family: "DejaVu Sans", bold: true, italic: false)
        let italic = try library.face(family: "DejaVu Sans", bold: false, italic: true)
        let boldItalic = try library.face(family: "DejaVu Sans", bold: true, italic: true)
        #expect(regular.postScriptName == "DejaVuSans")
        #expect(bold.postScriptName == "DejaVuSans-Bold")
        #expect(italic.postScriptName == "DejaVuSans-Oblique")
        #expect(boldItalic.postScriptName == "DejaVuSans-BoldOblique")
        #expect(Set([regular.id, bold.id, italic.id, boldItalic.id]).count == 4)
    }

    @Test func familyLookupIgnoresCaseAndSpaces() throws {
        let face = try library.face(family: "dejavusans", bold: true, italic: false)
        #expect(face.postScriptName == "DejaVuSans-Bold")
        #expect(library.hasFamily("DEJAVU-SANS"))
    }

    @Test func facesAreLoadedOncePerFile() throws {
        let a = try library.face(family: "DejaVu Sans", bold: false, italic: false)
        let b = try library.face(family: "DejaVu Sans", bold: false, italic: false)
        let c = try library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        #expect(a === b && b === c)
    }

    @Test func unknownFamilyThrowsNotFound() {
        #expect(throws: FontError.notFound(family: "No Such Font", searched: [FixturePaths.fontsFolder])) {
            try library.face(family: "No Such Font", bold: false, italic: false)
        }
    }

    @Test func boldItalicFallsBackToBoldThenItalicThenRegular() throws {
        let folder = FixturePaths.temporaryFolder("fallback")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fm = FileManager.default
        for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"] {
            try fm.copyItem(atPath: FixturePaths.font(name), toPath: folder + "/" + name)
        }
        let three = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        let match = try three.resolve(family: "DejaVu Sans", bold: true, italic: true)
        #expect(match.face.postScriptName == "DejaVuSans-Bold")
        #expect(!match.isExactStyle)
        #expect(match.substitutionNote?.contains("no bold italic face") == true)

        try fm.removeItem(atPath: folder + "/DejaVuSans-Bold.ttf")
        let two = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        #expect(try two.face(family: "DejaVu Sans", bold: true, italic: true).postScriptName == "DejaVuSans-Oblique")
        #expect(try two.face(family: "DejaVu Sans", bold: true, italic: false).postScriptName == "DejaVuSans")

        try fm.removeItem(atPath: folder + "/DejaVuSans-Oblique.ttf")
        let one = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        let regular = try one.resolve(family: "DejaVu Sans", bold: true, italic: true)
        #expect(regular.face.postScriptName == "DejaVuSans")
        let exact = try one.resolve(family: "DejaVu Sans", bold: false, italic: false)
        #expect(exact.isExactStyle && exact.substitutionNote == nil)
    }

    @Test func brokenFaceIsSkippedAndReported() throws {
        let folder = FixturePaths.temporaryFolder("broken-bold")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fm = FileManager.default
        try fm.copyItem(atPath: FixturePaths.font("DejaVuSans.ttf"), toPath: folder + "/DejaVuSans.ttf")
        // The bold file keeps its header but loses its tail: either discovery already rejects it or
        // loading does; in both cases the family still works and the file is reported.
        let bold = try Data(contentsOf: URL(fileURLWithPath: FixturePaths.font("DejaVuSans-Bold.ttf")))
        try bold.prefix(bold.count - 16).write(to: URL(fileURLWithPath: folder + "/DejaVuSans-Bold.ttf"))
        let library = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        let match = try library.resolve(family: "DejaVu Sans", bold: true, italic: false)
        #expect(match.face.postScriptName == "DejaVuSans")
        #expect(!match.isExactStyle)
        let reported = match.problems + library.discoveryProblems
        #expect(reported.count == 1)
        #expect(reported.first?.file == folder + "/DejaVuSans-Bold.ttf")
        #expect(match.problems.first?.code == "font.truncated", "FreeType indexes the file, our loader rejects it")
    }

    @Test func configuredFolderWinsOverSystemFolder() throws {
        let both = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: true)
        let face = try both.face(family: "DejaVu Sans", bold: false, italic: false)
        #expect(face.source.hasPrefix(FixturePaths.fontsFolder))
    }

    @Test func systemFoldersAreScannedOnlyWhenNeeded() throws {
        let both = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: true)
        _ = try both.face(family: "DejaVu Sans", bold: true, italic: true)
        #expect(!both.hasScannedSystemFonts)
        #expect(throws: FontError.self) { try both.face(family: "Surely Not Installed", bold: false, italic: false) }
        #expect(both.hasScannedSystemFonts)
    }

    @Test func systemScanIndexesInstalledFonts() throws {
        let system = FontLibrary(searchPaths: [], includeSystemFonts: true)
        let families = system.families
        #expect(families == families.sorted())
        if FileManager.default.fileExists(atPath: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf") {
            #expect(families.contains("DejaVu Sans"))
            #expect(try system.face(family: "DejaVu Sans", bold: true, italic: false).isBold)
        }
    }

    @Test func garbageFilesInFolderAreReportedNotFatal() throws {
        let folder = FixturePaths.temporaryFolder("garbage")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("this is not a font".utf8).write(to: URL(fileURLWithPath: folder + "/broken.ttf"))
        try FileManager.default.copyItem(atPath: FixturePaths.font("DejaVuSans.ttf"), toPath: folder + "/DejaVuSans.ttf")
        let mixed = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        #expect(try mixed.face(family: "DejaVu Sans", bold: false, italic: false).postScriptName == "DejaVuSans")
        #expect(mixed.discoveryProblems.count == 1)
        #expect(mixed.discoveryProblems.first?.file?.hasSuffix("broken.ttf") == true)
    }
}

@Suite final class FontErrorTests {
    let library = FontLibrary(searchPaths: [], includeSystemFonts: false)
    let folder = FixturePaths.temporaryFolder("errors")

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func missingFile() {
        let error = #expect(throws: FontError.self) { try library.load(path: "/nonexistent/Missing.ttf") }
        #expect(error?.code == "font.unreadable")
        #expect(error?.file == "/nonexistent/Missing.ttf")
        #expect(error?.description.contains("No such file") == true)
    }

    @Test func directoryIsNotAFont() {
        let error = #expect(throws: FontError.self) { try library.load(path: FixturePaths.fontsFolder) }
        #expect(error?.code == "font.unreadable")
    }

    @Test func emptyFile() throws {
        let path = try write([], "empty.ttf")
        let error = #expect(throws: FontError.self) { try library.load(path: path) }
        #expect(error == .corrupt(file: path, reason: "the file is empty"))
    }

    @Test func garbageBytes() throws {
        var generator = SplitMix(seed: 42)
        for round in 0..<50 {
            let bytes = (0..<(64 + round * 97)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let path = try write(bytes, "garbage\(round).ttf")
            let error = #expect(throws: FontError.self) { try library.load(path: path) }
            #expect(error?.file == path)
        }
    }

    @Test func garbageWithTrueTypeMagic() throws {
        // A valid-looking header followed by random table records must not crash FreeType or HarfBuzz.
        var generator = SplitMix(seed: 7)
        for round in 0..<50 {
            var bytes: [UInt8] = [0, 1, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]
            bytes += (0..<(400 + round * 13)).map { _ in UInt8(truncatingIfNeeded: generator.next() & 0x1F) }
            let path = try write(bytes, "magic\(round).ttf")
            #expect(throws: FontError.self) { try library.load(path: path) }
        }
    }

    @Test func truncatedFontNamesTruncation() throws {
        let full = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.font("DejaVuSans.ttf"))))
        for cut in [10, 100, 1000, full.count / 2, full.count - 1] {
            let path = try write(Array(full[..<cut]), "cut\(cut).ttf")
            let error = #expect(throws: FontError.self) { try library.load(path: path) }
            #expect(error?.file == path)
            if cut >= 100 { #expect(error?.code == "font.truncated", "cut at \(cut): \(String(describing: error))") }
        }
    }

    @Test func corruptedTablesDoNotCrash() throws {
        // Flip bytes inside the tables (not the directory): loading either fails cleanly or gives a
        // face that can still shape without crashing.
        let full = try [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.font("DejaVuSans.ttf"))))
        var generator = SplitMix(seed: 99)
        for round in 0..<20 {
            var bytes = full
            for _ in 0..<200 {
                let at = 400 + Int(generator.next() % UInt64(bytes.count - 400))
                bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            }
            if let face = try? FontFace(data: bytes, name: "flipped\(round)") {
                _ = face.shape("Hello Wörld fi AV \(round)")
                _ = face.glyph(for: "ä")
            }
        }
    }

    @Test func woffIsUnsupported() throws {
        let path = try write(Array("wOFF".utf8) + [UInt8](repeating: 0, count: 60), "web.woff")
        let error = #expect(throws: FontError.self) { try library.load(path: path) }
        #expect(error?.code == "font.unsupported")
    }

    @Test func faceIndexOutOfRange() {
        let error = #expect(throws: FontError.self) { try library.load(path: FixturePaths.font("DejaVuSans.ttf"), index: 3) }
        #expect(error == .noSuchFace(file: FixturePaths.font("DejaVuSans.ttf"), index: 3, count: 1))
    }
}

/// Deterministic pseudo-random numbers for fuzz-style tests (no wall clock, no global RNG).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
