import PressImages
import PressPDF

/// An image XObject ready to be written into any PDF: samples and alpha compressed once (level 9)
/// and shared across documents through ``PDFRenderer``'s cache.
final class PreparedImage: Sendable {
    enum Payload: Sendable {
        case flate([UInt8])
        case dct([UInt8])
    }
    let width: Int
    let height: Int
    let colorSpace: PressPDF.ColorSpace
    let bitsPerComponent: Int
    let payload: Payload
    /// Compressed 8-bit alpha for the `/SMask`, when the image is not opaque.
    let alpha: [UInt8]?
    /// `/Decode [1 0 …]` for Adobe-inverted CMYK JPEGs.
    let invertedDecode: Bool
    /// Samples (and alpha) are PNG-row-filtered (`/Predictor 15`).
    var predicted: Bool { if case .flate = payload { return true } else { return false } }
    var components: Int {
        switch colorSpace {
        case .deviceGray: 1
        case .deviceCMYK: 4
        default: 3
        }
    }

    init(_ image: ImageResource) {
        width = image.width
        height = image.height
        switch image.content {
        case .raster(let raster):
            colorSpace = PreparedImage.space(raster.colorSpace)
            bitsPerComponent = raster.bitsPerComponent
            // The predictor works on bytes per pixel (2 per component at 16 bits).
            let bytesPerComponent = max(1, raster.bitsPerComponent / 8)
            let components = raster.componentCount * bytesPerComponent
            payload = .flate(Deflate.compress(
                PNGPredictor.encode(raster.samples, width: raster.width, components: components), level: 9))
            alpha = raster.alpha.map {
                Deflate.compress(PNGPredictor.encode($0, width: raster.width, components: bytesPerComponent), level: 9)
            }
            invertedDecode = false
        case .jpeg(let jpeg):
            colorSpace = PreparedImage.space(jpeg.colorSpace)
            bitsPerComponent = jpeg.bitsPerComponent
            payload = .dct(jpeg.data)
            alpha = nil
            invertedDecode = jpeg.needsInvertedDecode
        }
    }

    static func space(_ s: ImageColorSpace) -> PressPDF.ColorSpace {
        switch s {
        case .gray: .deviceGray
        case .rgb: .deviceRGB
        case .cmyk: .deviceCMYK
        }
    }
}
