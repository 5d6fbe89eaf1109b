import Testing
@testable import PressFonts

@Suite struct FontSubsetTests {
    static let library = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)
    static let invoiceText = "Rechnung Nr. 2026-0042 Müller Łódź Kraków Señor Straße Æble Ørsted 1.234,56 € fi"

    func glyphs(_ face: FontFace, _ text: String = invoiceText) -> Set<GlyphID> {
        Set(face.shape(text).glyphs.map(\.id))
    }

    @Test func trueTypeSubsetRoundTrip() throws {
        let face = try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        let wanted = glyphs(face)
        let subset = try face.subset(wanted)
        #expect(subset.outlineFormat == .trueType && subset.cffTable == nil)
        let report = try #require(FontProgramInspector.inspect(subset.data))
        // .notdef + the requested glyphs + composite components (accented letters in DejaVu are composites).
        #expect(report.glyphCount == subset.glyphCount)
        #expect(report.glyphCount >= wanted.count + 1 && report.glyphCount < wanted.count + 20)
        // Compact, order-preserving renumbering; .notdef stays 0.
        #expect(subset.newID(for: .notdef) == .notdef)
        let pairs = subset.mappedGlyphs
        #expect(pairs.count == wanted.count + 1)
        #expect(pairs.map(\.old) == pairs.map(\.old).sorted())
        #expect(pairs.allSatisfy { Int($0.new.rawValue) < report.glyphCount })
        for (old, new) in pairs where old != .notdef {
            #expect(report.advances[Int(new.rawValue)] == face.advance(of: old), "advance of \(old) -> \(new)")
        }
        // Every letter has an outline in the subset; space has none.
        for scalar in "RüŁóźñßÆØ€".unicodeScalars {
            let old = try #require(face.glyph(for: scalar))
            #expect(report.outlinePoints[Int(subset.newID(for: old).rawValue)] > 0, "outline of \(scalar)")
        }
        let space = try #require(face.glyph(for: " "))
        #expect(report.outlinePoints[Int(subset.newID(for: space).rawValue)] == 0)
        #expect(subset.newID(for: GlyphID(4000)) == .notdef)
    }

    @Test func subsetKeepsOnlyPDFTables() throws {
        let face = try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        let subset = try face.subset(glyphs(face))
        let tags = Set(SFNTTableReader.tags(in: subset.data))
        #expect(tags.isSuperset(of: ["glyf", "loca", "head", "hhea", "hmtx", "maxp"]))
        #expect(tags.isDisjoint(with: ["GSUB", "GPOS", "GDEF", "kern", "name", "cmap", "fpgm", "prep", "cvt ", "hdmx", "gasp"]))
        // ~80 glyphs of DejaVu Sans without hinting: a few KB, not the 18 KB a hinted subset takes.
        #expect(subset.data.count < 12_000)
    }

    @Test func subsetIsDeterministic() throws {
        let face = try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        let copy = try FontFace(data: face.data, name: "separate copy")   // separate cache, same id
        let wanted = glyphs(face)
        let a = try face.subset(wanted)
        let b = try copy.subset(Set(wanted.reversed()))
        #expect(a.data == b.data)
        #expect(a.tag == b.tag)
        #expect(a.tag.count == 6 && a.tag.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
        #expect(a.baseFontName(for: face) == a.tag + "+DejaVuSans")
        var other = wanted
        other.insert(GlyphID(1000))
        let c = try face.subset(other)
        #expect(c.tag != a.tag)
        #expect(c.data != a.data)
        let bold = try Self.library.load(path: FixturePaths.font("DejaVuSans-Bold.ttf"))
        #expect(try bold.subset(wanted).tag != a.tag)
    }

    @Test func subsetsAreCachedPerGlyphSet() throws {
        let face = try FontFace(data: try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf")).data, name: "cache test")
        #expect(face.subsetCacheCount == 0)
        let wanted = glyphs(face)
        _ = try face.subset(wanted)
        _ = try face.subset(wanted)
        #expect(face.subsetCacheCount == 1)
        _ = try face.subset(glyphs(face, "other words"))
        #expect(face.subsetCacheCount == 2)
    }

    @Test func concurrentSubsetsAgree() async throws {
        let face = try FontFace(data: try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf")).data, name: "concurrent")
        let sets = (0..<16).map { i in glyphs(face, "Rechnung \(i) Zeile \(i * 7)") }
        let expected = try sets.map { try FontFace(data: face.data, name: "reference").subset($0).data }
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    try (0..<sets.count).allSatisfy { i in
                        let k = (i + worker * 5) % sets.count
                        return try face.subset(sets[k]).data == expected[k]
                    }
                }
            }
            for try await ok in group { #expect(ok) }
        }
    }

    @Test func emptyGlyphSetGivesNotdefOnly() throws {
        let face = try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        let subset = try face.subset([])
        #expect(subset.glyphCount == 1)
        #expect(FontProgramInspector.inspect(subset.data)?.glyphCount == 1)
    }
}

@Suite struct CFFFontTests {
    static let library = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)
    var face: FontFace { get throws { try Self.library.load(path: FixturePaths.font("lmsans10-regular.otf")) } }

    @Test func loadsCFFFace() throws {
        let face = try face
        #expect(face.outlineFormat == .cff)
        #expect(face.postScriptName == "LMSans10-Regular")
        #expect(face.familyName == "Latin Modern Sans")
        #expect(face.unitsPerEm == 1000)
        #expect(face.table("CFF ") != nil)
        for scalar in "äöüßłżśćńñéíÆØ".unicodeScalars { #expect(face.glyph(for: scalar) != nil, "\(scalar)") }
    }

    @Test func discoveredByFamily() throws {
        let found = try Self.library.face(family: "Latin Modern Sans", bold: false, italic: false)
        #expect(found === (try face))
        // Also reachable by its name-table family (name ID 1).
        #expect(try Self.library.face(family: "LMSans10", bold: false, italic: false) === found)
    }

    @Test func shapesWithGPOSKerningAndLigatures() throws {
        let face = try face
        // Latin Modern kerns only through GPOS (no legacy 'kern' table).
        #expect(face.table("kern") == nil)
        let av = face.shape("AV")
        #expect(av.advance < face.shape("A").advance + face.shape("V").advance)
        let fi = face.shape("fi")
        #expect(fi.glyphs.count == 1 && fi.glyphs[0].cluster == 0)
        let ffi = face.shape("xffiy")
        #expect(ffi.glyphs.map(\.cluster) == [0, 1, 4])
    }

    @Test func cffSubsetRoundTrip() throws {
        let face = try face
        let wanted = Set(face.shape("Zażółć gęślą jaźń Señor Æble Ørsted 123").glyphs.map(\.id))
        let subset = try face.subset(wanted)
        #expect(subset.outlineFormat == .cff)
        let cff = try #require(subset.cffTable)
        #expect(cff.count > 500 && cff.count < subset.data.count)
        #expect(cff[0] == 1)                         // CFF major version 1
        let tags = Set(SFNTTableReader.tags(in: subset.data))
        #expect(tags.contains("CFF ") && !tags.contains("GPOS") && !tags.contains("GSUB"))
        let report = try #require(FontProgramInspector.inspect(subset.data))
        #expect(report.glyphCount == wanted.count + 1)
        for (old, new) in subset.mappedGlyphs where old != .notdef {
            #expect(report.advances[Int(new.rawValue)] == face.advance(of: old))
        }
        let z = try #require(face.glyph(for: "ż"))
        #expect(report.outlinePoints[Int(subset.newID(for: z).rawValue)] > 0)
        #expect(try FontFace(data: face.data, name: "copy").subset(wanted).data == subset.data)
    }
}
