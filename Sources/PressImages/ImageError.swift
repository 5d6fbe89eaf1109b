/// Everything that can go wrong loading an image; every case names the file (or the given name).
public enum ImageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read (missing, permissions, a directory, I/O error).
    case unreadable(file: String, reason: String)
    /// The declared size exceeds the limits; detected from the header, before any pixel is decoded.
    case tooLarge(file: String, width: Int, height: Int, reason: String)
    /// The file ends before the image data does.
    case truncated(file: String, reason: String)
    /// The bytes are damaged or not a PNG/JPEG at all.
    case corrupt(file: String, reason: String)
    /// A valid file of a kind Presswork cannot place (GIF, TIFF, arithmetic-coded JPEG, ...).
    case unsupported(file: String, reason: String)

    /// A short machine-readable code.
    public var code: String {
        switch self {
        case .unreadable: "image.unreadable"
        case .tooLarge: "image.too-large"
        case .truncated: "image.truncated"
        case .corrupt: "image.corrupt"
        case .unsupported: "image.unsupported"
        }
    }

    /// The file (or data name) the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .tooLarge(let file, _, _, _), .truncated(let file, _),
             .corrupt(let file, _), .unsupported(let file, _): file
        }
    }

    /// A one-line human-readable message.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): "cannot read image \(file): \(reason)"
        case .tooLarge(let file, let width, let height, let reason):
            "image \(file) is too large: declared \(width)x\(height) pixels, \(reason); hint: scale the image down before using it"
        case .truncated(let file, let reason): "truncated image \(file): \(reason)"
        case .corrupt(let file, let reason): "corrupt image \(file): \(reason)"
        case .unsupported(let file, let reason): "unsupported image \(file): \(reason)"
        }
    }
}
