import Foundation
import Testing
@testable import PressImages

/// Real encoder output (Pillow 13) committed under Fixtures/images: the probe and decoder must agree
/// with what another implementation wrote, not only with our own test encoder.
@Suite struct FixtureImageTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url = url.deletingLastPathComponent()
        }
        return url.path + "/Fixtures/images"
    }()

    func jpeg(_ name: String) throws -> JPEGImage {
        let image = try ImageResource.load(path: Self.folder + "/" + name)
        guard case .jpeg(let jpeg) = image.content else { throw ImageError.corrupt(file: name, reason: "not a JPEG") }
        #expect(image.width == 24 && image.height == 16)
        return jpeg
    }

    func raster(_ name: String) throws -> RasterImage {
        let image = try ImageResource.load(path: Self.folder + "/" + name)
        guard case .raster(let raster) = image.content else { throw ImageError.corrupt(file: name, reason: "not a PNG") }
        return raster
    }

    @Test func baselineJPEG() throws {
        let j = try jpeg("baseline.jpg")
        #expect(j.componentCount == 3 && j.colorSpace == .rgb && j.bitsPerComponent == 8 && !j.isProgressive)
        #expect(j.data.count == 685 && j.data.suffix(2) == [0xFF, 0xD9])
    }

    @Test func progressiveJPEG() throws {
        let j = try jpeg("progressive.jpg")
        #expect(j.isProgressive && j.colorSpace == .rgb)
    }

    @Test func adobeCMYKJPEG() throws {
        let j = try jpeg("cmyk.jpg")
        #expect(j.colorSpace == .cmyk && j.componentCount == 4 && j.needsInvertedDecode)
    }

    @Test func grayJPEG() throws {
        let j = try jpeg("gray.jpg")
        #expect(j.colorSpace == .gray && j.componentCount == 1)
    }

    @Test func rgbaPNG() throws {
        let r = try raster("rgba-pillow.png")
        #expect(r.width == 24 && r.height == 16 && r.colorSpace == .rgb)
        // Written as (x*10, y*15, 128) with alpha x*10.
        #expect(r.samples == grid(24, 16) { x, y in [UInt8(x * 10), UInt8(y * 15), 128] })
        #expect(r.alpha == grid(24, 16) { x, _ in [UInt8(x * 10)] })
    }

    @Test func palettePNG() throws {
        let r = try raster("palette-pillow.png")
        #expect(r.sourceColorType == 3 && r.colorSpace == .rgb && r.alpha == nil)
        func pixel(_ x: Int, _ y: Int) -> [UInt8] { Array(r.samples[(y * 24 + x) * 3..<(y * 24 + x) * 3 + 3]) }
        // Expected values as Pillow decodes the same file.
        #expect(pixel(0, 0) == [50, 15, 128])
        #expect(pixel(23, 15) == [200, 210, 128])
        #expect(pixel(12, 8) == [135, 128, 128])
    }
}
