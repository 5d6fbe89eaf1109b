#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The process-wide table of loaded faces, so a font file is read and parsed once per process
/// however many `FontLibrary` instances ask for it.
///
/// Keyed by the file's identity (device, inode, size, mtime) and face index, not by its path:
/// symlinks and relative paths share one face, and a file replaced on disk is loaded afresh.
final class LoadedFaceStore: Sendable {
    static let shared = LoadedFaceStore()

    struct Key: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: Int64
        var modifiedNanoseconds: Int64
        var index: Int
    }

    private let faces = Mutex<[Key: FontFace]>([:])

    func face(path: String, index: Int) throws(FontError) -> FontFace {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .unreadable(file: path, reason: FontFileReader.errnoText()) }
        let key = Key(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                      modified: Int64(info.st_mtim.tv_sec), modifiedNanoseconds: Int64(info.st_mtim.tv_nsec), index: index)
        if let face = faces.withLock({ $0[key] }) { return face }
        let bytes = try FontFileReader.read(path)
        let face = try FontFace(data: bytes, index: index, name: path)
        // Two threads may race to load the same file; keep the first so there is one face per file.
        return faces.withLock { table in
            if let existing = table[key] { return existing }
            table[key] = face
            return face
        }
    }
}
