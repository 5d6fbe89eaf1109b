import Foundation
import Testing
@testable import PressImages

/// Row-major pixels of a w x h image, concatenating `f(x, y)` for each pixel.
func grid(_ width: Int, _ height: Int, _ f: (Int, Int) -> [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for y in 0..<height { for x in 0..<width { out += f(x, y) } }
    return out
}

@Suite struct PNGDecodingTests {
    func raster(_ png: TestPNG, name: String = "test.png") throws -> RasterImage {
        let image = try ImageResource(data: png.encode(), name: name)
        #expect(image.width == png.width && image.height == png.height)
        guard case .raster(let raster) = image.content else {
            Issue.record("expected a raster")
            throw ImageError.corrupt(file: name, reason: "not raster")
        }
        #expect(raster.bitsPerComponent == 8)
        #expect(raster.samples.count == png.width * png.height * raster.componentCount)
        return raster
    }

    @Test func gray8() throws {
        let png = TestPNG(width: 7, height: 5, bitDepth: 8, colorType: 0) { x, y in [x * 30 + y] }
        let r = try raster(png)
        #expect(r.colorSpace == .gray && r.alpha == nil)
        #expect(r.samples == grid(7, 5) { x, y in [UInt8(x * 30 + y)] })
        #expect(r.sourceColorType == 0 && r.sourceBitDepth == 8 && !r.isInterlaced)
    }

    @Test func gray1Bit() throws {
        let png = TestPNG(width: 11, height: 3, bitDepth: 1, colorType: 0) { x, y in [(x + y) % 2] }
        let r = try raster(png)
        #expect(r.colorSpace == .gray)
        #expect(r.samples == grid(11, 3) { x, y in [(x + y) % 2 == 1 ? 255 : 0] })
    }

    @Test func grayAlpha() throws {
        let png = TestPNG(width: 4, height: 4, bitDepth: 8, colorType: 4) { x, y in [x * 60, y * 80] }
        let r = try raster(png)
        #expect(r.colorSpace == .gray)
        #expect(r.samples == grid(4, 4) { x, _ in [UInt8(x * 60)] })
        #expect(r.alpha == grid(4, 4) { _, y in [UInt8(y * 80)] })
    }

    @Test func rgb8() throws {
        let png = TestPNG(width: 6, height: 3, bitDepth: 8, colorType: 2) { x, y in [x * 40, y * 100, 255 - x] }
        let r = try raster(png)
        #expect(r.colorSpace == .rgb && r.alpha == nil)
        var expected: [UInt8] = []
        for y in 0..<3 { for x in 0..<6 { expected += [UInt8(x * 40), UInt8(y * 100), UInt8(255 - x)] } }
        #expect(r.samples == expected)
    }

    @Test func rgbaStraightAlpha() throws {
        let png = TestPNG(width: 5, height: 2, bitDepth: 8, colorType: 6) { x, y in [200, 100, x * 50, 51 + x * 40 + y] }
        let r = try raster(png)
        #expect(r.colorSpace == .rgb)
        // Straight (not premultiplied) colour: the PDF SMask does the blending.
        var expected: [UInt8] = []
        for _ in 0..<2 { for x in 0..<5 { expected += [200, 100, UInt8(x * 50)] } }
        #expect(r.samples == expected)
        #expect(r.alpha == grid(5, 2) { x, y in [UInt8(51 + x * 40 + y)] })
    }

    @Test func opaqueAlphaIsDropped() throws {
        let png = TestPNG(width: 3, height: 3, bitDepth: 8, colorType: 6) { x, _ in [x, x, x, 255] }
        let image = try ImageResource(data: png.encode(), name: "opaque.png")
        #expect(!image.hasAlpha)
        #expect(try raster(png).alpha == nil)
    }

    @Test func paletteExpandsToRGB() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30]
        let png = TestPNG(width: 9, height: 2, bitDepth: 4, colorType: 3, palette: palette) { x, y in [(x + y) % 4] }
        let r = try raster(png)
        #expect(r.colorSpace == .rgb && r.alpha == nil)
        var expected: [UInt8] = []
        for y in 0..<2 { for x in 0..<9 { let i = (x + y) % 4 * 3; expected += palette[i..<i + 3] } }
        #expect(r.samples == expected)
    }

    @Test func paletteWithTransparency() throws {
        let palette: [UInt8] = [255, 0, 0, 0, 0, 255]
        let png = TestPNG(width: 4, height: 1, bitDepth: 8, colorType: 3, palette: palette, transparency: [0, 128]) { x, _ in [x % 2] }
        let r = try raster(png)
        #expect(r.alpha == [0, 128, 0, 128])
        #expect(r.samples == [255, 0, 0, 0, 0, 255, 255, 0, 0, 0, 0, 255])
    }

    @Test func grayPaletteBecomesGray() throws {
        let palette: [UInt8] = [0, 0, 0, 128, 128, 128, 255, 255, 255]
        let png = TestPNG(width: 3, height: 2, bitDepth: 2, colorType: 3, palette: palette) { x, _ in [x] }
        let r = try raster(png)
        #expect(r.colorSpace == .gray)
        #expect(r.samples == [0, 128, 255, 0, 128, 255])
    }

    @Test func sixteenBitIsReducedToEightBit() throws {
        let png = TestPNG(width: 4, height: 2, bitDepth: 16, colorType: 2) { x, _ in [x * 0x4000, 0xFFFF, 0x8080] }
        let r = try raster(png)
        #expect(r.sourceBitDepth == 16 && r.colorSpace == .rgb)
        for x in 0..<4 {
            #expect(abs(Int(r.samples[x * 3]) - x * 0x40) <= 1)
            #expect(r.samples[x * 3 + 1] == 255)
            #expect(abs(Int(r.samples[x * 3 + 2]) - 0x80) <= 1)
        }
    }

    @Test func sixteenBitGrayAlpha() throws {
        let png = TestPNG(width: 2, height: 2, bitDepth: 16, colorType: 4) { x, _ in [0xFFFF, x == 0 ? 0xFFFF : 0x8000] }
        let r = try raster(png)
        #expect(r.colorSpace == .gray)
        let alpha = try #require(r.alpha)
        #expect(alpha[0] == 255 && abs(Int(alpha[1]) - 128) <= 1)
        #expect(r.samples.allSatisfy { $0 == 255 })
    }

    @Test func interlacedMatchesProgressive() throws {
        let f: (Int, Int) -> [Int] = { x, y in [(x * 13 + y * 7) % 256, (x * y) % 256, (x + 3 * y) % 256, 128 + (x % 100)] }
        let plain = try raster(TestPNG(width: 19, height: 13, bitDepth: 8, colorType: 6, pixel: f))
        let adam7 = try raster(TestPNG(width: 19, height: 13, bitDepth: 8, colorType: 6, interlaced: true, pixel: f))
        #expect(adam7.isInterlaced && !plain.isInterlaced)
        #expect(adam7.samples == plain.samples)
        #expect(adam7.alpha == plain.alpha)
    }

    @Test func idIsContentHash() throws {
        let a = TestPNG(width: 2, height: 2, bitDepth: 8, colorType: 0) { x, _ in [x] }.encode()
        let b = TestPNG(width: 2, height: 2, bitDepth: 8, colorType: 0) { x, _ in [x + 1] }.encode()
        let first = try ImageResource(data: a, name: "a.png")
        let again = try ImageResource(data: a, name: "elsewhere/a-copy.png")
        let other = try ImageResource(data: b, name: "b.png")
        #expect(first.id == again.id && first == again)
        #expect(first.id != other.id)
        #expect(first.id.count == 32 && first.id.allSatisfy { $0.isHexDigit })
    }
}
