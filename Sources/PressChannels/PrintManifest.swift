/// Encodes a print file's manifest for the print shop (CSV with a header row, and JSON).
public enum PrintManifest {
    /// `letter_id,record,first_page,pages,sheets,country,postcode` (RFC 4180 quoting, CRLF).
    public static func csv(_ entries: [PrintManifestEntry]) -> [UInt8] {
        var out = Array("letter_id,record,first_page,pages,sheets,country,postcode\r\n".utf8)
        for e in entries {
            let fields = [field(e.letterID), String(e.record), String(e.firstPage), String(e.pages), String(e.sheets),
                          field(e.country), field(e.postcode)]
            out.append(contentsOf: fields.joined(separator: ",").utf8)
            out.append(contentsOf: [13, 10])
        }
        return out
    }

    /// `{"file":…,"pages":…,"sheets":…,"letters":[{…},…]}`
    public static func json(_ entries: [PrintManifestEntry], file: String, pages: Int, sheets: Int) -> [UInt8] {
        var w = JSONWriter()
        w.add("file", file)
        w.add("pages", pages)
        w.add("sheets", sheets)
        let items: [[UInt8]] = entries.map { e in
            var l = JSONWriter()
            l.add("letter_id", e.letterID)
            l.add("record", e.record)
            l.add("first_page", e.firstPage)
            l.add("pages", e.pages)
            l.add("sheets", e.sheets)
            l.add("country", e.country)
            l.add("postcode", e.postcode)
            return l.finished()
        }
        w.addRaw("letters", JSONWriter.array(items))
        return w.finished() + [10]
    }

    private static func field(_ s: String) -> String {
        // Quote when needed; a leading = + - @ is prefixed with ' so spreadsheets do not run it as a formula.
        var v = s
        if let f = v.first, "=+-@".contains(f), !v.allSatisfy({ $0.isNumber || $0 == "-" }) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

/// The print channel's staging step: manifests first, then the PDF (its main file).
public enum PrintChannel {
    /// Base name of print file `sequence` of a run: `<prefix>-print-0001`.
    public static func baseName(prefix: String, sequence: Int) -> String {
        var n = String(sequence)
        while n.count < 4 { n = "0" + n }
        return prefix + "-print-" + n
    }

    /// The manifest(s) and the rendered PDF of an assembled file, to be staged (manifests first, the PDF last).
    public static func pending(pdf: [UInt8], file: AssembledPrintFile, baseName: String, options: PrintOptions) throws -> PendingDelivery {
        try PendingDelivery(baseName: baseName, content: .print(pdf: pdf, manifest: file.manifest, pages: file.pages,
                                                            sheets: file.sheets, options: options))
    }
}
