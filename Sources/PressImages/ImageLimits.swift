/// Size limits checked against an image's *declared* dimensions before decoding (bomb protection).
public struct ImageLimits: Sendable, Hashable {
    /// Largest accepted width or height, pixels.
    public var maximumDimension: Int
    /// Largest accepted width x height, pixels (a decoded RGBA image needs 4 bytes per pixel).
    public var maximumPixels: Int
    /// Largest accepted file, bytes.
    public var maximumFileSize: Int

    /// Creates limits.
    public init(maximumDimension: Int = 30_000, maximumPixels: Int = 50_000_000, maximumFileSize: Int = 100 << 20) {
        self.maximumDimension = maximumDimension
        self.maximumPixels = maximumPixels
        self.maximumFileSize = maximumFileSize
    }

    /// Defaults: 30,000 px per side, 50 megapixels (200 MB decoded RGBA), 100 MB files. A 300 dpi
    /// A4 page is 2480x3508 = 8.7 megapixels, so real documents stay far below.
    public static let `default` = ImageLimits()

    func check(width: Int, height: Int, file: String) throws(ImageError) {
        if width <= 0 || height <= 0 {
            throw .corrupt(file: file, reason: "declared size \(width)x\(height) is empty")
        }
        if width > maximumDimension || height > maximumDimension {
            throw .tooLarge(file: file, width: width, height: height,
                            reason: "a side exceeds the limit of \(maximumDimension) pixels")
        }
        if width.multipliedReportingOverflow(by: height).partialValue > maximumPixels {
            throw .tooLarge(file: file, width: width, height: height,
                            reason: "\(width * height) pixels exceed the limit of \(maximumPixels)")
        }
    }
}
