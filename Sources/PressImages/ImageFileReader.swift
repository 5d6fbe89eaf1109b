#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole image files with POSIX calls, refusing files above the size limit before reading.
enum ImageFileReader {
    static func read(_ path: String, limit: Int) throws(ImageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .unreadable(file: path, reason: errnoText()) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { throw .unreadable(file: path, reason: errnoText()) }
        if (info.st_mode & S_IFMT) != S_IFREG { throw .unreadable(file: path, reason: "not a regular file") }
        let size = Int(info.st_size)
        if size > limit {
            throw .tooLarge(file: path, width: 0, height: 0, reason: "the file has \(size) bytes, more than the \(limit)-byte limit")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        var failure: String?
        bytes.withUnsafeMutableBytes { buffer in
            while done < size {
                let n = Glibc.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errnoText()
                    return
                }
                if n == 0 { break }
                done += n
            }
        }
        if let failure { throw .unreadable(file: path, reason: failure) }
        if done < size { bytes.removeSubrange(done...) }
        return bytes
    }

    static func errnoText() -> String {
        let code = errno
        return String(cString: strerror(code)) + " (errno \(code))"
    }
}
