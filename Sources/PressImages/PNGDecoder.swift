internal import CPNG

/// Decodes PNGs with libpng's simplified API (`png_image_*`: no setjmp/longjmp, errors come back as
/// return codes), after a structural walk over the chunks of our own that checks the declared size
/// against the limits and detects truncation with a precise message before libpng runs.
enum PNGDecoder {
    struct Header {
        var width: Int
        var height: Int
        var bitDepth: Int
        var colorType: Int
        var interlaced: Bool
    }

    static func decode(_ data: [UInt8], name: String, limits: ImageLimits) throws(ImageError) -> RasterImage {
        let header = try checkStructure(data, name: name, limits: limits)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        var pixels: [UInt8] = []
        var channels = 0
        var failure: ImageError?
        data.withUnsafeBufferPointer { buffer in
            guard png_image_begin_read_from_memory(&image, buffer.baseAddress, buffer.count) != 0 else {
                failure = .corrupt(file: name, reason: "libpng: " + message(&image))
                return
            }
            // Re-check what libpng parsed (it is the authority that allocates the pixels).
            do throws(ImageError) {
                try limits.check(width: Int(image.width), height: Int(image.height), file: name)
            } catch {
                png_image_free(&image)
                failure = error
                return
            }
            let hasAlpha = image.format & UInt32(CPNG_FORMAT_FLAG_ALPHA) != 0
            let hasColor = image.format & UInt32(CPNG_FORMAT_FLAG_COLOR) != 0
            // 8-bit sRGB output formats: straight (non-premultiplied) alpha; 16-bit input is
            // converted to 8-bit sRGB (libpng's linear 16-bit formats would be gamma-decoded and premultiplied).
            switch (hasColor, hasAlpha) {
            case (false, false): image.format = UInt32(CPNG_FORMAT_GRAY); channels = 1
            case (false, true): image.format = UInt32(CPNG_FORMAT_GA); channels = 2
            case (true, false): image.format = UInt32(CPNG_FORMAT_RGB); channels = 3
            case (true, true): image.format = UInt32(CPNG_FORMAT_RGBA); channels = 4
            }
            // Without gAMA/sRGB chunks libpng would treat 16-bit samples as linear light; like every
            // viewer, read them as sRGB-encoded so 0x8080 becomes 0x80 and not 0xBA.
            image.flags |= UInt32(PNG_IMAGE_FLAG_16BIT_sRGB)
            pixels = [UInt8](repeating: 0, count: cpng_image_size(&image))
            let ok = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
            }
            if ok == 0 {
                let text = message(&image)
                failure = text.lowercased().contains("read") || text.lowercased().contains("eof") || text.contains("Not enough")
                    ? .truncated(file: name, reason: "libpng: " + text)
                    : .corrupt(file: name, reason: "libpng: " + text)
            }
        }
        if let failure { throw failure }
        return split(pixels, channels: channels, header: header)
    }

    /// Separates interleaved pixels into colour samples and an optional alpha plane; palette images
    /// whose colours are all gray become 1-component gray (a third of the bytes).
    static func split(_ pixels: [UInt8], channels: Int, header: Header) -> RasterImage {
        let count = header.width * header.height
        let colorChannels = channels >= 3 ? 3 : 1
        var samples: [UInt8]
        var alpha: [UInt8]?
        if channels == 1 || channels == 3 {
            samples = pixels
        } else {
            samples = [UInt8](repeating: 0, count: count * colorChannels)
            var plane = [UInt8](repeating: 0, count: count)
            var opaque = true
            pixels.withUnsafeBufferPointer { src in
                samples.withUnsafeMutableBufferPointer { dst in
                    plane.withUnsafeMutableBufferPointer { a in
                        for i in 0..<count {
                            let s = i * channels
                            for c in 0..<colorChannels { dst[i * colorChannels + c] = src[s + c] }
                            let value = src[s + colorChannels]
                            a[i] = value
                            if value != 255 { opaque = false }
                        }
                    }
                }
            }
            alpha = opaque ? nil : plane
        }
        var colorSpace: ImageColorSpace = colorChannels == 3 ? .rgb : .gray
        if colorChannels == 3, header.colorType == 3, isAllGray(samples) {
            samples = stride(from: 0, to: samples.count, by: 3).map { samples[$0] }
            colorSpace = .gray
        }
        return RasterImage(width: header.width, height: header.height, colorSpace: colorSpace,
                           bitsPerComponent: 8, samples: samples, alpha: alpha,
                           sourceBitDepth: header.bitDepth, sourceColorType: header.colorType,
                           isInterlaced: header.interlaced)
    }

    static func isAllGray(_ rgb: [UInt8]) -> Bool {
        var i = 0
        while i + 2 < rgb.count {
            if rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2] { return false }
            i += 3
        }
        return true
    }

    static func message(_ image: inout png_image) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "unknown error" : text
    }

    /// Walks the chunk list: IHDR first and valid, declared size within limits, every chunk complete,
    /// at least one IDAT, and an IEND. Only lengths are read; chunk data is skipped.
    static func checkStructure(_ data: [UInt8], name: String, limits: ImageLimits) throws(ImageError) -> Header {
        func u32(_ o: Int) -> Int { Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]) }
        guard data.count >= 8 + 8 + 13 else {
            throw .truncated(file: name, reason: "\(data.count) bytes end before the PNG header (IHDR) does")
        }
        guard u32(8) == 13, data[12..<16].elementsEqual(Array("IHDR".utf8)) else {
            throw .corrupt(file: name, reason: "the first chunk is not a 13-byte IHDR")
        }
        let header = Header(width: u32(16), height: u32(20), bitDepth: Int(data[24]),
                            colorType: Int(data[25]), interlaced: data[28] == 1)
        // Bomb check first: nothing is allocated for pixels before this passes.
        try limits.check(width: header.width, height: header.height, file: name)
        let validDepths: [Int: [Int]] = [0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]]
        guard let depths = validDepths[header.colorType], depths.contains(header.bitDepth) else {
            throw .corrupt(file: name, reason: "invalid colour type \(header.colorType) with bit depth \(header.bitDepth)")
        }
        guard data[26] == 0, data[27] == 0, data[28] <= 1 else {
            throw .corrupt(file: name, reason: "unknown compression, filter or interlace method in IHDR")
        }
        var offset = 8
        var sawIDAT = false
        var sawIEND = false
        while offset < data.count {
            guard offset + 12 <= data.count else {
                throw .truncated(file: name, reason: "file ends inside a chunk header at byte \(offset) of \(data.count)")
            }
            let length = u32(offset)
            let type = String(decoding: data[offset + 4..<offset + 8], as: UTF8.self)
            guard length <= 0x7FFF_FFFF else { throw .corrupt(file: name, reason: "chunk '\(type)' has an invalid length") }
            let end = offset + 12 + length
            guard end <= data.count else {
                throw .truncated(file: name, reason: "chunk '\(type)' at byte \(offset) needs \(length) data bytes, the file ends after \(data.count - offset - 8)")
            }
            if type == "IDAT" { sawIDAT = true }
            if type == "IEND" { sawIEND = true; break }
            offset = end
        }
        guard sawIDAT else {
            throw sawIEND ? .corrupt(file: name, reason: "no image data (IDAT) before IEND")
                          : .truncated(file: name, reason: "the file ends before any image data (IDAT)")
        }
        guard sawIEND else { throw .truncated(file: name, reason: "the file ends without an IEND chunk") }
        return header
    }
}
