/// Run ids for dropped files: `<name>-<16 hex digits of SHA-256>`, safe as a ledger id and file-name component
/// (`A-Z a-z 0-9 . _ -`, at most 64 bytes). The same file (name and bytes) always gets the same id, so a run
/// killed halfway resumes instead of starting over; a changed file with the same name gets a new run.
public enum DropRunID {
    public static func make(name: String, sha256 hex: String) -> String {
        var stem = ""
        for scalar in name.unicodeScalars {
            let c = Character(scalar)
            let safe = scalar.isASCII && (c.isLetter || c.isNumber || c == "." || c == "_" || c == "-")
            stem.append(safe ? c : "_")
        }
        while stem.hasPrefix(".") { stem.removeFirst() }
        if stem.isEmpty { stem = "file" }
        if stem.utf8.count > 40 { stem = String(stem.prefix(40)) }
        return stem + "-" + hex.prefix(16)
    }
}
