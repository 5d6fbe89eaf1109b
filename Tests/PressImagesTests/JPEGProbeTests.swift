import Testing
@testable import PressImages

@Suite struct JPEGProbeTests {
    /// A syntactically plausible JPEG: SOI, APP0, optional APP14 "Adobe", DQT, SOFn, DHT, SOS, data, EOI.
    /// The probe never decodes entropy data, so the scan bytes can be arbitrary (without 0xFF).
    static func jpeg(width: Int, height: Int, components: Int = 3, sof: UInt8 = 0xC0, precision: UInt8 = 8,
                     adobe: Bool = false, eoi: Bool = true) -> [UInt8] {
        var b: [UInt8] = [0xFF, 0xD8]
        b += [0xFF, 0xE0] + be16(16) + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        if adobe { b += [0xFF, 0xEE] + be16(14) + Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 2] }
        b += [0xFF, 0xDB] + be16(67) + [0] + [UInt8](repeating: 1, count: 64)
        b += [0xFF, sof] + be16(8 + 3 * components) + [precision] + be16(height) + be16(width) + [UInt8(components)]
        for c in 0..<components { b += [UInt8(c + 1), 0x11, 0] }
        b += [0xFF, 0xC4] + be16(20) + [0] + [UInt8](repeating: 0, count: 16) + [0]
        b += [0xFF, 0xDA] + be16(6 + 2 * components) + [UInt8(components)]
        for c in 0..<components { b += [UInt8(c + 1), 0] }
        b += [0, 63, 0]
        b += [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]   // entropy data with a stuffed byte and RST0
        if eoi { b += [0xFF, 0xD9] }
        return b
    }

    func probe(_ bytes: [UInt8]) throws -> JPEGImage {
        let image = try ImageResource(data: bytes, name: "photo.jpg")
        guard case .jpeg(let jpeg) = image.content else { throw ImageError.corrupt(file: "", reason: "not jpeg") }
        #expect(image.width == jpeg.width && image.height == jpeg.height)
        #expect(!image.hasAlpha)
        return jpeg
    }

    @Test func baselineRGB() throws {
        let bytes = Self.jpeg(width: 640, height: 480)
        let j = try probe(bytes)
        #expect(j.width == 640 && j.height == 480 && j.componentCount == 3 && j.bitsPerComponent == 8)
        #expect(j.colorSpace == .rgb && !j.isProgressive && !j.needsInvertedDecode)
        #expect(j.data == bytes)
    }

    @Test func progressiveGray() throws {
        let j = try probe(Self.jpeg(width: 33, height: 17, components: 1, sof: 0xC2))
        #expect(j.isProgressive && j.colorSpace == .gray && j.componentCount == 1)
    }

    @Test func adobeCMYK() throws {
        let j = try probe(Self.jpeg(width: 10, height: 10, components: 4, adobe: true))
        #expect(j.colorSpace == .cmyk && j.hasAdobeMarker && j.needsInvertedDecode)
    }

    @Test func declaredBombIsRejected() {
        let error = #expect(throws: ImageError.self) {
            try ImageResource(data: Self.jpeg(width: 65_000, height: 65_000), name: "huge.jpg")
        }
        #expect(error?.code == "image.too-large" && error?.file == "huge.jpg")
    }

    @Test func missingEndOfImageIsTruncated() {
        let error = #expect(throws: ImageError.self) { try ImageResource(data: Self.jpeg(width: 5, height: 5, eoi: false), name: "cut.jpg") }
        #expect(error?.code == "image.truncated")
    }

    @Test func truncatedInsideHeaders() {
        let full = Self.jpeg(width: 5, height: 5)
        for cut in [3, 10, 30, 90, 100] {
            let error = #expect(throws: ImageError.self) { try ImageResource(data: Array(full[..<cut]), name: "cut.jpg") }
            #expect(error?.code == "image.truncated", "cut at \(cut): \(String(describing: error))")
        }
    }

    @Test func losslessAndArithmeticAreUnsupported() {
        for sof: UInt8 in [0xC3, 0xC9] {
            let error = #expect(throws: ImageError.self) { try ImageResource(data: Self.jpeg(width: 5, height: 5, sof: sof), name: "x.jpg") }
            #expect(error?.code == "image.unsupported")
        }
    }

    @Test func zeroHeightIsUnsupported() {
        #expect(throws: ImageError.self) { try ImageResource(data: Self.jpeg(width: 5, height: 0), name: "dnl.jpg") }
    }
}
