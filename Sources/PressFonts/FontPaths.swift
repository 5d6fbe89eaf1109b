#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path helpers for font discovery (POSIX only; no Foundation file APIs in the scan loop).
enum FontPaths {
    static var homeDirectory: String? {
        if let home = getenv("HOME") { return String(cString: home) }
        return nil
    }

    /// `realpath` of `path`, or `path` itself when it cannot be resolved.
    static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Regular files below `folder` (recursively, following the tree in sorted order so scans are
    /// deterministic), at most `limit` of them. Unreadable folders are skipped.
    static func files(under folder: String, limit: Int = 20_000) -> [String] {
        var result: [String] = []
        var pending = [folder]
        var visited = Set<String>()
        while let current = pending.popLast(), result.count < limit {
            let real = canonical(current)
            guard visited.insert(real).inserted, let dir = opendir(current) else { continue }
            var names: [(String, Bool)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                let path = current.hasSuffix("/") ? current + name : current + "/" + name
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                let kind = info.st_mode & S_IFMT
                if kind == S_IFDIR { names.append((path, true)) } else if kind == S_IFREG { names.append((path, false)) }
            }
            closedir(dir)
            names.sort { $0.0 < $1.0 }
            for (path, isDirectory) in names where !isDirectory { result.append(path) }
            // Push sub-folders in reverse so they are visited in ascending order.
            for (path, isDirectory) in names.reversed() where isDirectory { pending.append(path) }
        }
        return result
    }
}
