/// Reads a JPEG's frame header (SOFn) for DCTDecode pass-through, without decoding any pixels.
///
/// Walks the marker segments from SOI to the first SOS, taking size, precision and component count
/// from the frame header, then scans the entropy-coded data for EOI so a cut-off file is caught.
enum JPEGProbe {
    static func probe(_ data: [UInt8], name: String, limits: ImageLimits) throws(ImageError) -> JPEGImage {
        let n = data.count
        var offset = 2                                   // after SOI
        var frame: (width: Int, height: Int, components: Int, precision: Int, progressive: Bool)?
        var adobe = false
        while true {
            // Markers may be preceded by fill bytes (0xFF).
            guard offset + 1 < n else { throw .truncated(file: name, reason: "the file ends before the image data (no SOS marker)") }
            guard data[offset] == 0xFF else {
                throw .corrupt(file: name, reason: "expected a JPEG marker at byte \(offset), found 0x\(String(data[offset], radix: 16))")
            }
            var marker = data[offset + 1]
            while marker == 0xFF, offset + 2 < n { offset += 1; marker = data[offset + 1] }
            offset += 2
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }   // standalone
            if marker == 0xD9 { throw .corrupt(file: name, reason: "end of image before any image data") }
            guard offset + 2 <= n else { throw .truncated(file: name, reason: "the file ends inside marker 0xFF\(hex(marker))") }
            let length = Int(data[offset]) << 8 | Int(data[offset + 1])
            guard length >= 2 else { throw .corrupt(file: name, reason: "marker 0xFF\(hex(marker)) has an invalid length \(length)") }
            guard offset + length <= n else {
                throw .truncated(file: name, reason: "segment 0xFF\(hex(marker)) at byte \(offset - 2) needs \(length) bytes, the file ends after \(n - offset)")
            }
            let body = offset + 2
            switch marker {
            case 0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF:
                guard length >= 8 else { throw .corrupt(file: name, reason: "frame header (SOF) too short") }
                if [0xC3, 0xC7, 0xCB, 0xCF].contains(marker) {
                    throw .unsupported(file: name, reason: "lossless JPEG is not supported by PDF's DCTDecode")
                }
                if marker >= 0xC9 {
                    throw .unsupported(file: name, reason: "arithmetic-coded JPEG is not supported by common PDF viewers")
                }
                let height = Int(data[body + 1]) << 8 | Int(data[body + 2])
                let width = Int(data[body + 3]) << 8 | Int(data[body + 4])
                if height == 0 {
                    throw .unsupported(file: name, reason: "the height is defined by a DNL marker, which PDF readers do not support")
                }
                try limits.check(width: width, height: height, file: name)
                frame = (width, height, Int(data[body + 5]), Int(data[body]), marker == 0xC2 || marker == 0xC6)
            case 0xEE:
                if length >= 7, data[body..<body + 5].elementsEqual(Array("Adobe".utf8)) { adobe = true }
            case 0xDA:
                guard let frame else { throw .corrupt(file: name, reason: "image data (SOS) before the frame header (SOF)") }
                guard [1, 3, 4].contains(frame.components) else {
                    throw .unsupported(file: name, reason: "\(frame.components) colour components (PDF takes 1, 3 or 4)")
                }
                guard frame.precision == 8 || frame.precision == 12 else {
                    throw .corrupt(file: name, reason: "sample precision \(frame.precision)")
                }
                try checkEndOfImage(data, from: offset + length, name: name)
                let space: ImageColorSpace = frame.components == 1 ? .gray : frame.components == 3 ? .rgb : .cmyk
                return JPEGImage(data: data, width: frame.width, height: frame.height,
                                 componentCount: frame.components, bitsPerComponent: frame.precision,
                                 colorSpace: space, isProgressive: frame.progressive, hasAdobeMarker: adobe)
            default:
                break
            }
            offset += length
        }
    }

    /// Scans entropy-coded data (and any later progressive scans) for the EOI marker.
    static func checkEndOfImage(_ data: [UInt8], from start: Int, name: String) throws(ImageError) {
        var i = start
        let n = data.count
        while i + 1 < n {
            if data[i] == 0xFF {
                let next = data[i + 1]
                if next == 0xD9 { return }
                if next == 0x00 || next == 0xFF || (0xD0...0xD7).contains(next) { i += 1; continue }
                // A marker segment between scans (DHT, SOS, ...): skip it by its length.
                guard i + 3 < n else { break }
                let length = Int(data[i + 2]) << 8 | Int(data[i + 3])
                i += 2 + max(length, 2)
                continue
            }
            i += 1
        }
        throw .truncated(file: name, reason: "the JPEG data ends without an end-of-image (EOI) marker")
    }

    static func hex(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16, uppercase: true)
        return s.count == 1 ? "0" + s : s
    }
}
