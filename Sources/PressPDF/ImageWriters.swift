// Typed writer for image XObjects (§8.9.5).

extension PDFWriter {
    /// Writes an image XObject stream. `/Type /XObject /Subtype /Image`; set size, colour space and
    /// bits per component (all required except for masks) with the writer.
    public mutating func imageXObject(_ ref: ObjectRef, _ data: StreamData, _ body: (inout ImageXObjectWriter) -> Void) {
        streamObject(ref, data, ImageXObjectWriter.self) { w in
            w.dict.raw("/Type", "/XObject/Subtype/Image")
            body(&w)
        }
    }
}

/// A colour space for images and paths (§8.6).
public enum ColorSpace: Sendable, Hashable {
    /// `/DeviceGray`: one component.
    case deviceGray
    /// `/DeviceRGB`: three components.
    case deviceRGB
    /// `/DeviceCMYK`: four components.
    case deviceCMYK
    /// `[/ICCBased ref]`: an ICC profile stream (§8.6.5.5).
    case iccBased(ObjectRef)
}

/// Writer for an image XObject dictionary.
public struct ImageXObjectWriter: DictBacked {
    public var dict: DictWriter
    public init(dict: DictWriter) { self.dict = dict }

    /// `/Width` in samples. Required.
    public mutating func width(_ v: Int) { dict.int("/Width", v) }
    /// `/Height` in samples. Required.
    public mutating func height(_ v: Int) { dict.int("/Height", v) }
    /// `/ColorSpace`. Required except for image masks; a soft mask must be `/DeviceGray`.
    public mutating func colorSpace(_ space: ColorSpace) {
        switch space {
        case .deviceGray: dict.raw("/ColorSpace", "/DeviceGray")
        case .deviceRGB: dict.raw("/ColorSpace", "/DeviceRGB")
        case .deviceCMYK: dict.raw("/ColorSpace", "/DeviceCMYK")
        case .iccBased(let ref):
            dict.buf.appendASCII("/ColorSpace[/ICCBased ")
            ref.write(to: &dict.buf)
            dict.buf.append(0x5D)
        }
    }
    /// `/BitsPerComponent`: 1, 2, 4, 8 or 16 (16 is PDF 1.5+). Required for non-JPX images.
    public mutating func bitsPerComponent(_ v: Int) { dict.int("/BitsPerComponent", v) }
    /// `/SMask`: a soft-mask image (DeviceGray) giving per-sample alpha (§11.6.5.3). PDF 1.4+.
    public mutating func sMask(_ ref: ObjectRef) { dict.ref("/SMask", ref) }
    /// `/Decode`: maps sample values to colour component ranges, e.g. `[1 0 1 0 1 0 1 0]` for
    /// the inverted CMYK of Adobe JPEGs. Default `[0 1 …]`.
    public mutating func decode(_ ranges: [Double]) {
        dict.arrayEntry("/Decode") { a in for v in ranges { a.real(v) } }
    }
    /// `/Interpolate`: smooth when scaling up. Default false. PDF/A forbids `true` (ISO 19005-2 §6.2.8).
    public mutating func interpolate(_ v: Bool) { dict.bool("/Interpolate", v) }
    /// `/DecodeParms << /Predictor 15 /Colors n /BitsPerComponent b /Columns w >>`: the samples are
    /// PNG-predicted rows (§7.4.4.4), e.g. the IDAT data of a PNG passed through.
    public mutating func pngPredictor(colors: Int, bitsPerComponent: Int, columns: Int) {
        dict.buf.appendASCII("/DecodeParms<</Predictor 15/Colors ")
        dict.buf.appendInt(colors)
        dict.buf.appendASCII("/BitsPerComponent ")
        dict.buf.appendInt(bitsPerComponent)
        dict.buf.appendASCII("/Columns ")
        dict.buf.appendInt(columns)
        dict.buf.appendASCII(">>")
    }
}
