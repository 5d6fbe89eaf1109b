/// An immutable decoded image, shared across documents; `id` is a content hash so a PDF writes it once.
///
/// PNG files are decoded with libpng (any colour type, bit depth and interlacing) into PDF-ready
/// samples plus a separate alpha channel; JPEG files are only probed (size, components, precision)
/// and kept as bytes for DCTDecode pass-through. Declared sizes are checked against `ImageLimits`
/// before any decoding.
public final class ImageResource: Sendable, Hashable, CustomStringConvertible {
    /// Content hash of the file bytes: 32 lowercase hex digits, stable across runs.
    public let id: String
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The decoded raster or the JPEG pass-through data.
    public let content: ImageContent
    /// The name used in errors (the path for `load(path:)`).
    public let name: String

    /// Loads a PNG or JPEG file; `ImageError` names the file and the problem.
    public static func load(path: String, limits: ImageLimits = .default) throws(ImageError) -> ImageResource {
        let bytes = try ImageFileReader.read(path, limit: limits.maximumFileSize)
        return try ImageResource(data: bytes, name: path, limits: limits)
    }

    /// Decodes PNG or JPEG bytes (recognised by signature, not by name); `name` is used in errors.
    public init(data: [UInt8], name: String, limits: ImageLimits = .default) throws(ImageError) {
        if data.count > limits.maximumFileSize {
            throw .tooLarge(file: name, width: 0, height: 0, reason: "\(data.count) bytes exceed the \(limits.maximumFileSize)-byte limit")
        }
        let content: ImageContent
        switch ImageFormat.sniff(data) {
        case .png:
            content = .raster(try PNGDecoder.decode(data, name: name, limits: limits))
        case .jpeg:
            content = .jpeg(try JPEGProbe.probe(data, name: name, limits: limits))
        case .other(let kind):
            if let kind { throw .unsupported(file: name, reason: "\(kind) images are not supported; use PNG or JPEG") }
            throw data.isEmpty ? .corrupt(file: name, reason: "the file is empty")
                               : .corrupt(file: name, reason: "not a PNG or JPEG file (unknown signature)")
        }
        switch content {
        case .raster(let raster): (width, height) = (raster.width, raster.height)
        case .jpeg(let jpeg): (width, height) = (jpeg.width, jpeg.height)
        }
        self.id = ContentHash.hex(data)
        self.content = content
        self.name = name
    }

    /// Whether the image has a (non-trivial) alpha channel that needs an SMask.
    public var hasAlpha: Bool {
        if case .raster(let raster) = content { return raster.alpha != nil }
        return false
    }

    public static func == (lhs: ImageResource, rhs: ImageResource) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    public var description: String { "image \(name) \(width)x\(height) [\(id.prefix(12))]" }
}

/// What an `ImageResource` holds for the PDF writer.
public enum ImageContent: Sendable {
    /// A decoded PNG: write samples (+ alpha as `/SMask`) Flate-compressed.
    case raster(RasterImage)
    /// A JPEG: write the bytes unchanged with `/Filter /DCTDecode`.
    case jpeg(JPEGImage)
}

/// Colour space of image samples.
public enum ImageColorSpace: Sendable, Hashable {
    /// One component: PDF `/DeviceGray`.
    case gray
    /// Three components: PDF `/DeviceRGB` (sRGB-encoded values).
    case rgb
    /// Four components: PDF `/DeviceCMYK` (JPEG only).
    case cmyk

    /// Number of components per pixel.
    public var componentCount: Int {
        switch self {
        case .gray: 1
        case .rgb: 3
        case .cmyk: 4
        }
    }
}

/// Decoded PNG pixels laid out as a PDF image XObject wants them.
public struct RasterImage: Sendable {
    /// Pixels per row.
    public let width: Int
    /// Rows.
    public let height: Int
    /// `.gray` or `.rgb` (palette images are expanded to RGB, or gray when every entry is gray).
    public let colorSpace: ImageColorSpace
    /// Bits per component of `samples` and `alpha` (PDF `/BitsPerComponent`): always 8 here —
    /// 16-bit PNGs are converted to 8-bit sRGB by libpng's simplified API (see `sourceBitDepth`).
    public let bitsPerComponent: Int
    /// Colour samples, rows top to bottom, components interleaved, no padding:
    /// `width * height * colorSpace.componentCount` bytes.
    public let samples: [UInt8]
    /// Straight (non-premultiplied) alpha, one byte per pixel, for an `/SMask` (`/DeviceGray`);
    /// nil when the image is fully opaque (an alpha channel that is 255 everywhere is dropped).
    public let alpha: [UInt8]?
    /// Bit depth declared in the PNG header (1, 2, 4, 8 or 16).
    public let sourceBitDepth: Int
    /// PNG colour type from the header (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA).
    public let sourceColorType: Int
    /// Whether the PNG was Adam7-interlaced.
    public let isInterlaced: Bool

    /// Number of colour components per pixel in `samples` (1 or 3).
    public var componentCount: Int { colorSpace.componentCount }
}

/// A JPEG kept as bytes for `/DCTDecode`, with what its frame header says.
public struct JPEGImage: Sendable {
    /// The complete JPEG file, unchanged.
    public let data: [UInt8]
    /// Pixels per row (SOF).
    public let width: Int
    /// Rows (SOF).
    public let height: Int
    /// 1 (gray), 3 (YCbCr/RGB) or 4 (CMYK/YCCK).
    public let componentCount: Int
    /// Sample precision (SOF), normally 8; PDF `/BitsPerComponent`.
    public let bitsPerComponent: Int
    /// PDF colour space for the component count.
    public let colorSpace: ImageColorSpace
    /// Progressive (SOF2) coding; PDF 1.3+ DCTDecode handles it.
    public let isProgressive: Bool
    /// An Adobe APP14 marker is present. For 4-component JPEGs this means inverted CMYK values.
    public let hasAdobeMarker: Bool
    /// Whether the writer should add `/Decode [1 0 1 0 1 0 1 0]` (Adobe-inverted CMYK).
    public var needsInvertedDecode: Bool { hasAdobeMarker && componentCount == 4 }
}

enum ImageFormat {
    case png, jpeg
    case other(String?)

    static func sniff(_ data: [UInt8]) -> ImageFormat {
        if data.count >= 8, data[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if data.count >= 3, data[0] == 0xFF, data[1] == 0xD8, data[2] == 0xFF { return .jpeg }
        if data.count >= 4 {
            if data[0..<3].elementsEqual(Array("GIF".utf8)) { return .other("GIF") }
            if data[0..<4].elementsEqual([0x49, 0x49, 0x2A, 0]) || data[0..<4].elementsEqual([0x4D, 0x4D, 0, 0x2A]) { return .other("TIFF") }
            if data[0..<2].elementsEqual(Array("BM".utf8)) { return .other("BMP") }
            if data.count >= 12, data[0..<4].elementsEqual(Array("RIFF".utf8)), data[8..<12].elementsEqual(Array("WEBP".utf8)) { return .other("WebP") }
            if data[0..<4].elementsEqual([0x25, 0x50, 0x44, 0x46]) { return .other("PDF") }
        }
        return .other(nil)
    }
}
