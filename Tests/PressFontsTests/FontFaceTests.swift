import Foundation
import Testing
@testable import PressFonts

@Suite struct FontFaceTests {
    static let library = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)
    var sans: FontFace { get throws { try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf")) } }

    @Test func namesAndMetrics() throws {
        let face = try sans
        #expect(face.postScriptName == "DejaVuSans")
        #expect(face.familyName == "DejaVu Sans")
        #expect(face.styleName == "Book")
        #expect(!face.isBold && !face.isItalic)
        #expect(face.unitsPerEm == 2048)
        #expect(face.ascender > 1500 && face.ascender < 2048)
        #expect(face.descender < 0)
        #expect(face.capHeight > 1300 && face.capHeight < 1600)
        #expect(face.xHeight > 1000 && face.xHeight < 1200)
        #expect(face.outlineFormat == .trueType)
        #expect(face.italicAngle == 0)
        #expect(!face.isFixedPitch)
        #expect(face.glyphCount > 5000)
        #expect(face.bbox.xMin < 0 && face.bbox.yMax > 2048)
    }

    @Test func styledFacesReportStyle() throws {
        let bold = try Self.library.load(path: FixturePaths.font("DejaVuSans-Bold.ttf"))
        let boldItalic = try Self.library.load(path: FixturePaths.font("DejaVuSans-BoldOblique.ttf"))
        #expect(bold.isBold && !bold.isItalic)
        #expect(boldItalic.isBold && boldItalic.isItalic)
        #expect(boldItalic.italicAngle < -5)
        #expect(bold.id != boldItalic.id)
    }

    @Test(arguments: Array("äöüßłżśćńñéíÆØ€AaZz09".unicodeScalars))
    func glyphLookup(scalar: Unicode.Scalar) throws {
        let face = try sans
        let glyph = try #require(face.glyph(for: scalar))
        #expect(glyph != .notdef)
        #expect(face.advance(of: glyph) > 0)
    }

    @Test func missingGlyphIsNil() throws {
        let face = try sans
        #expect(face.glyph(for: "\u{4E2D}") == nil)   // CJK: not in DejaVu Sans
        #expect(face.covers("Zażółć gęślą jaźń"))
        #expect(!face.covers("中文"))
    }

    @Test func advanceOfKnownGlyph() throws {
        let face = try sans
        let a = try #require(face.glyph(for: "A"))
        #expect(face.advance(of: a) == 1401)
        #expect(face.advance(of: GlyphID(60000)) == 0)
    }

    @Test func kerningShrinksAV() throws {
        let face = try sans
        let av = face.shape("AV")
        let separate = face.shape("A").advance + face.shape("V").advance
        #expect(av.glyphs.count == 2)
        #expect(av.advance < separate)
        #expect(av.glyphs.map(\.cluster) == [0, 1])
    }

    @Test func clustersAreUTF8ByteOffsets() throws {
        let face = try sans
        let text = "Łódź ä"
        let shaped = face.shape(text)
        // Ł(2) ó(2) d(1) ź(2) space(1) ä(2): byte offsets of each character's start.
        #expect(shaped.glyphs.map(\.cluster) == [0, 2, 4, 5, 7, 8])
        #expect(shaped.advance == shaped.glyphs.reduce(0) { $0 + Int($1.xAdvance) })
    }

    @Test func ligatureHasFirstCharacterCluster() throws {
        let face = try sans
        // DejaVu Sans has fi/fl ligatures in GSUB 'liga'.
        let shaped = face.shape("afil")
        #expect(shaped.glyphs.count == 3)
        #expect(shaped.glyphs.map(\.cluster) == [0, 1, 3])
        let fGlyph = try #require(face.glyph(for: "f"))
        #expect(shaped.glyphs[1].id != fGlyph)
    }

    @Test func shapeCacheReturnsSameResult() throws {
        let face = try FontFace(data: Array(try sans.data), name: "copy")
        #expect(face.shapeCacheCount == 0)
        let first = face.shape("Rechnung 2026-0042")
        #expect(face.shapeCacheCount == 1)
        let second = face.shape("Rechnung 2026-0042")
        #expect(first == second)
        #expect(face.shapeCacheCount == 1)
        #expect(first == face.shapeUncached("Rechnung 2026-0042"))
        #expect(face.shape("").glyphs.isEmpty)
    }

    @Test func shapeCacheIsBounded() {
        let cache = ShapeCache(entriesPerShard: 4)
        var calls = 0
        for i in 0..<1000 {
            _ = cache.shaped(ShapeCache.Key(text: "w\(i)", language: nil)) { calls += 1; return ShapedText(glyphs: [], advance: i) }
        }
        #expect(calls == 1000)
        #expect(cache.count <= 4 * ShapeCache.shardCount)
        // A hit does not call the shaper and returns the stored value.
        let key = ShapeCache.Key(text: "w999", language: nil)
        let value = cache.shaped(key) { calls += 1; return ShapedText(glyphs: [], advance: -1) }
        #expect(calls == 1000 && value.advance == 999)
        // Long strings are never stored.
        let long = String(repeating: "x", count: ShapeCache.maximumCachedLength + 1)
        _ = cache.shaped(ShapeCache.Key(text: long, language: nil)) { ShapedText(glyphs: [], advance: 0) }
        _ = cache.shaped(ShapeCache.Key(text: long, language: nil)) { calls += 1; return ShapedText(glyphs: [], advance: 0) }
        #expect(calls == 1001)
    }

    @Test func languageIsPartOfTheCacheKey() throws {
        let face = try FontFace(data: try sans.data, name: "language")
        let de = face.shape("Zahlung", language: "de")
        let pl = face.shape("Zahlung", language: "pl")
        #expect(de == pl)   // DejaVu has no language-specific forms for these letters
        #expect(face.shapeCacheCount == 2)
    }

    @Test func concurrentShapingAgrees() async throws {
        let face = try sans
        let words = (0..<200).map { "Wort \($0) Ärger ŁÓDŹ fi \($0 * 37)" }
        let expected = words.map { face.shapeUncached($0) }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask { words.enumerated().allSatisfy { face.shape($1) == expected[$0] } }
            }
            for try await ok in group { #expect(ok) }
        }
    }

    @Test func loadIsCachedPerFile() throws {
        let library = FontLibrary(searchPaths: [], includeSystemFonts: false)
        let a = try library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        let b = try library.load(path: FixturePaths.fontsFolder + "/../fonts/DejaVuSans.ttf")
        #expect(a === b)
        #expect(library.loadedFaceCount == 1)
    }

    @Test func facesAreSharedAcrossLibraries() throws {
        let one = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)
        let two = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)
        let a = try one.face(family: "DejaVu Sans", bold: false, italic: true)
        let b = try two.load(path: FixturePaths.font("DejaVuSans-Oblique.ttf"))
        #expect(a === b)
    }

    @Test func replacedFileIsLoadedAfresh() throws {
        let folder = FixturePaths.temporaryFolder("replace")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/Font.ttf"
        try FileManager.default.copyItem(atPath: FixturePaths.font("DejaVuSans.ttf"), toPath: path)
        let first = try FontLibrary(searchPaths: [], includeSystemFonts: false).load(path: path)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: FixturePaths.font("DejaVuSans-Bold.ttf"), toPath: path)
        let second = try FontLibrary(searchPaths: [], includeSystemFonts: false).load(path: path)
        #expect(first.postScriptName == "DejaVuSans" && second.postScriptName == "DejaVuSans-Bold")
    }

    @Test func idIsContentDerived() throws {
        let face = try sans
        let copy = try FontFace(data: face.data, name: "copy")
        #expect(copy.id == face.id)
        #expect(copy == face)
        #expect(face.id.description.count == 16)
    }
}
