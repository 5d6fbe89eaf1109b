import Testing
@testable import PressFonts

@Suite struct PlainShaperTests {
    static let library = FontLibrary(searchPaths: [FixturePaths.fontsFolder], includeSystemFonts: false)

    @Test(arguments: ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "lmsans10-regular.otf"])
    func agreesWithHarfBuzz(file: String) throws {
        let face = try Self.library.load(path: FixturePaths.font(file))
        #expect(face.plainShaper.plainCount >= 10, "\(file): digits at least")
        var state: UInt64 = 2026
        let alphabet = PlainShaper.candidates
        var checked = 0
        for length in 1...12 {
            for _ in 0..<150 {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<length {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    scalars.append(alphabet[Int(state >> 33) % alphabet.count])
                }
                let text = String(scalars)
                guard let fast = face.plainShaper.shape(text) else { continue }
                #expect(fast == face.shapeUncached(text), "\(file): \(text)")
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test func numbersBypassTheCache() throws {
        let face = try FontFace(data: try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf")).data, name: "plain")
        for i in 0..<500 { _ = face.shape("\(i * 7919 % 100_000),\(i % 100)") }
        _ = face.shape("22.11.2026")
        #expect(face.shapeCacheCount == 0)
        _ = face.shape("Summe")
        #expect(face.shapeCacheCount == 1)
        let amount = face.shape("1.234,56")
        #expect(amount.glyphs.map(\.cluster) == Array(0..<8))
        #expect(amount == face.shapeUncached("1.234,56"))
    }

    @Test func lettersAndNonASCIIAreNotPlain() throws {
        let face = try Self.library.load(path: FixturePaths.font("DejaVuSans.ttf"))
        #expect(face.plainShaper.shape("12a") == nil)
        #expect(face.plainShaper.shape("12 €") == nil)
        #expect(face.plainShaper.shape("") == nil)
    }
}
