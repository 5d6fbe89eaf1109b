import Foundation

/// An exclusive lock on a drop root (`<root>/.watch.lock`, `flock(2)`): one watcher per root, so a second one
/// (e.g. `--once` from cron while a long file is still being processed) does not take the first one's file in
/// `work/` for a leftover. Released when the process exits, however it exits.
public final class DropFolderLock: Sendable {
    private let fd: Int32

    /// Takes the lock, or returns nil when another process holds it.
    public init?(folder: DropFolder) throws(WatchError) {
        let path = folder.root + "/.watch.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WatchError(.folder, "cannot open \(path)", cause: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            if code == EWOULDBLOCK { return nil }
            throw WatchError(.folder, "cannot lock \(path)", cause: String(cString: strerror(code)))
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
