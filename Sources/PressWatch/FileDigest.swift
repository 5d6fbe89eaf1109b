import Foundation
import PressChannels

/// Content hashes of dropped files (for content-derived run ids), with PressChannels' SHA-256.
enum FileDigest {
    /// Hex SHA-256 of the file at `path`, read in 1 MiB chunks (a drop file may be gigabytes).
    static func sha256(path: String) throws(WatchError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw WatchError(.read, "cannot open \(path)", cause: String(cString: strerror(errno))) }
        defer { close(fd) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw WatchError(.read, "cannot read \(path)", cause: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            hasher.update(chunk[0..<n])
        }
        return SHA256.hexString(hasher.finalize())
    }
}
