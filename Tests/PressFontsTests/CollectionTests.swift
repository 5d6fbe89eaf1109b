import Foundation
import Testing
@testable import PressFonts

/// Builds a TrueType collection (`ttcf`) from single-face font files, for tests.
enum TestCollection {
    static func build(_ fonts: [[UInt8]]) -> [UInt8] {
        func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) << 8 | Int(b[o + 1]) }
        func u32(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) }
        func put32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        let headerSize = 12 + 4 * fonts.count
        let directorySizes = fonts.map { 12 + 16 * u16($0, 4) }
        var directoryOffsets: [Int] = []
        var position = headerSize
        for size in directorySizes { directoryOffsets.append(position); position += size }
        var out = Array("ttcf".utf8) + [0, 1, 0, 0] + put32(fonts.count)
        for offset in directoryOffsets { out += put32(offset) }
        var tableData: [UInt8] = []
        var directories: [UInt8] = []
        for font in fonts {
            let count = u16(font, 4)
            directories += font[0..<12]
            for i in 0..<count {
                let r = 12 + 16 * i
                let offset = u32(font, r + 8), length = u32(font, r + 12)
                directories += font[r..<r + 8]
                directories += put32(position + tableData.count) + put32(length)
                tableData += font[offset..<offset + length]
                while tableData.count % 4 != 0 { tableData.append(0) }
            }
        }
        return out + directories + tableData
    }
}

@Suite struct CollectionTests {
    static let regular = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.font("DejaVuSans.ttf"))))
    static let bold = try! [UInt8](Data(contentsOf: URL(fileURLWithPath: FixturePaths.font("DejaVuSans-Bold.ttf"))))

    @Test func loadsEachFaceOfACollection() throws {
        let ttc = TestCollection.build([Self.regular, Self.bold])
        let first = try FontFace(data: ttc, index: 0, name: "pair.ttc")
        let second = try FontFace(data: ttc, index: 1, name: "pair.ttc")
        #expect(first.postScriptName == "DejaVuSans" && second.postScriptName == "DejaVuSans-Bold")
        #expect(first.id.fileHash == second.id.fileHash && first.id != second.id)
        #expect(second.id.description.hasSuffix("#1"))
        #expect(second.shape("AV").advance == (try FontFace(data: Self.bold, name: "bold")).shape("AV").advance)
        #expect(throws: FontError.noSuchFace(file: "pair.ttc", index: 2, count: 2)) {
            try FontFace(data: ttc, index: 2, name: "pair.ttc")
        }
    }

    @Test func discoveryIndexesEveryFaceOfACollection() throws {
        let folder = FixturePaths.temporaryFolder("ttc")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(TestCollection.build([Self.regular, Self.bold])).write(to: URL(fileURLWithPath: folder + "/DejaVuPair.ttc"))
        let library = FontLibrary(searchPaths: [folder], includeSystemFonts: false)
        let bold = try library.face(family: "DejaVu Sans", bold: true, italic: false)
        #expect(bold.postScriptName == "DejaVuSans-Bold" && bold.faceIndex == 1)
        let regular = try library.face(family: "DejaVu Sans", bold: false, italic: false)
        #expect(regular.faceIndex == 0)
    }

    @Test func subsetOfACollectionFace() throws {
        let ttc = TestCollection.build([Self.regular, Self.bold])
        let face = try FontFace(data: ttc, index: 1, name: "pair.ttc")
        let subset = try face.subset(Set(face.shape("Fett").glyphs.map(\.id)))
        let report = try #require(FontProgramInspector.inspect(subset.data))
        #expect(report.glyphCount == 4)   // .notdef F e t
        #expect(subset.data.count < 5000)
    }
}
