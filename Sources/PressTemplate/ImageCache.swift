import Foundation
import Synchronization
import PressImages

/// Decoded images by absolute path, loaded once and shared by all workers (and all templates).
public final class ImageCache: Sendable {
    private let images = Mutex<[String: ImageResource]>([:])

    public init() {}

    /// The image at `path` (absolute or relative to the working directory), decoded once.
    public func image(at path: String) throws -> ImageResource {
        if let cached = images.withLock({ $0[path] }) { return cached }
        let loaded = try ImageResource.load(path: path)
        return images.withLock { cache in
            if let raced = cache[path] { return raced }
            cache[path] = loaded
            return loaded
        }
    }
}
