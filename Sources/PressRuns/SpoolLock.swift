#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `<spool>/.presswork/lock`: one run per spool at a time (the archive log and the
/// print sequence have a single writer). Released when the process exits, even on `kill -9`.
final class SpoolLock {
    private let fd: Int32

    init(folder: String) throws {
        let path = folder + "/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw RunError(.spool, "cannot open the spool lock \(path)", cause: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw RunError(.conflict, "another presswork run is using this spool (\(path) is locked)")
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
