import Foundation
import Testing
@testable import PressImages

@Suite final class ImageErrorTests {
    let folder: String = {
        let path = NSTemporaryDirectory() + "pressimages-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    var small: [UInt8] { TestPNG(width: 40, height: 30, bitDepth: 8, colorType: 2) { x, y in [x, y, x ^ y] }.encode() }

    /// A PNG whose IHDR declares `width` x `height` but carries only a few bytes of data.
    func bomb(width: Int, height: Int) -> [UInt8] {
        var png = TestPNG(width: 1, height: 1, bitDepth: 8, colorType: 6) { _, _ in [0, 0, 0, 0] }.encode()
        let ihdr = Array("IHDR".utf8) + be32(width) + be32(height) + [8, 6, 0, 0, 0]
        png.replaceSubrange(16..<24, with: be32(width) + be32(height))
        png.replaceSubrange(29..<33, with: be32(Int(TestPNG.crc32(ihdr))))
        return png
    }

    @Test func bombIsRejectedBeforeDecoding() throws {
        let path = try write(bomb(width: 100_000, height: 100_000), "bomb.png")
        let error = #expect(throws: ImageError.self) { try ImageResource.load(path: path) }
        guard case .tooLarge(let file, let width, let height, _) = error else {
            Issue.record("expected tooLarge, got \(String(describing: error))"); return
        }
        #expect(file == path && width == 100_000 && height == 100_000)
        #expect(error?.description.contains("bomb.png") == true)
    }

    @Test func pixelCountLimit() throws {
        // Each side is allowed, the product is not.
        let error = #expect(throws: ImageError.self) { try ImageResource(data: bomb(width: 20_000, height: 20_000), name: "wide.png") }
        #expect(error?.code == "image.too-large")
        let tight = ImageLimits(maximumDimension: 100, maximumPixels: 1000)
        #expect(throws: ImageError.self) { try ImageResource(data: small, name: "small.png", limits: tight) }
        #expect(try ImageResource(data: small, name: "small.png").width == 40)
    }

    @Test func truncatedPNGs() throws {
        let full = small
        for cut in [8, 20, 33, 50, full.count / 2, full.count - 12, full.count - 1] {
            let error = #expect(throws: ImageError.self) { try ImageResource(data: Array(full[..<cut]), name: "cut\(cut).png") }
            #expect(error?.code == "image.truncated", "cut at \(cut): \(String(describing: error))")
            #expect(error?.file == "cut\(cut).png")
        }
    }

    @Test func damagedImageDataIsCorrupt() throws {
        var bytes = small
        // Flip bytes inside the IDAT payload (after the zlib header): CRC and zlib checks fail.
        for i in stride(from: 60, to: 200, by: 7) { bytes[i] ^= 0x5A }
        let error = #expect(throws: ImageError.self) { try ImageResource(data: bytes, name: "damaged.png") }
        #expect(error?.file == "damaged.png")
        #expect(error?.description.contains("libpng") == true)
    }

    @Test func garbageNeverCrashes() throws {
        var state: UInt64 = 12345
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
        for round in 0..<100 {
            var bytes = (0..<(20 + round * 11)).map { _ in next() }
            if round % 2 == 0 { bytes = Array(small.prefix(33)) + bytes }                    // PNG header + garbage
            if round % 4 == 1 { bytes = [0xFF, 0xD8, 0xFF] + bytes }                          // JPEG SOI + garbage
            #expect(throws: ImageError.self) { try ImageResource(data: bytes, name: "garbage\(round)") }
        }
        let error = #expect(throws: ImageError.self) { try ImageResource(data: Array("hello".utf8), name: "text.png") }
        #expect(error == .corrupt(file: "text.png", reason: "not a PNG or JPEG file (unknown signature)"))
    }

    @Test func unsupportedFormatsAreNamed() {
        let error = #expect(throws: ImageError.self) { try ImageResource(data: Array("GIF89a\u{1}\u{0}".utf8), name: "logo.gif") }
        #expect(error?.code == "image.unsupported")
        #expect(error?.description.contains("GIF") == true)
    }

    @Test func missingFile() {
        let error = #expect(throws: ImageError.self) { try ImageResource.load(path: "/nonexistent/logo.png") }
        #expect(error?.code == "image.unreadable")
        #expect(error?.file == "/nonexistent/logo.png")
    }

    @Test func emptyFile() throws {
        let path = try write([], "empty.png")
        let error = #expect(throws: ImageError.self) { try ImageResource.load(path: path) }
        #expect(error == .corrupt(file: path, reason: "the file is empty"))
    }

    @Test func loadFromFile() throws {
        let path = try write(small, "logo.png")
        let image = try ImageResource.load(path: path)
        #expect(image.width == 40 && image.height == 30 && image.name == path)
    }
}
