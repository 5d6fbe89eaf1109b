/// A pre-serialised `/W` array (§9.7.4.3) for a CIDFont: runs of consecutive CIDs are written as
/// `c [w1 w2 …]`, and runs of 4 or more equal widths as `cfirst clast w`, which is what keeps the
/// array short. A value type so the renderer can cache it per (font, glyph set).
public struct CIDWidths: Sendable, Hashable {
    /// The array's bytes including the brackets (empty when every CID has the default width).
    public let bytes: [UInt8]

    /// True when no width differs from `/DW`.
    public var isEmpty: Bool { bytes.isEmpty }

    /// Builds the array from `(cid, width)` pairs (any order; widths in 1/1000 em, rounded to
    /// integers, which stays within the ±1 unit tolerance PDF/A validators apply). CIDs whose width
    /// equals `defaultWidth` are left out.
    public init(_ widths: [(cid: UInt16, width: Int)], defaultWidth: Int) {
        let sorted = widths.filter { $0.width != defaultWidth }.sorted { $0.cid < $1.cid }
        guard !sorted.isEmpty else { bytes = []; return }
        var out: [UInt8] = []
        out.reserveCapacity(sorted.count * 5 + 8)
        out.append(0x5B)
        var i = 0
        while i < sorted.count {
            // A run of consecutive CIDs starting at i.
            var end = i + 1
            while end < sorted.count && sorted[end].cid == sorted[end - 1].cid &+ 1 { end += 1 }
            var j = i
            var openList = false
            while j < end {
                // Equal widths from j.
                var same = j + 1
                while same < end && sorted[same].width == sorted[j].width { same += 1 }
                if same - j >= 4 {
                    if openList { out.append(0x5D); openList = false }
                    out.separateRegular()
                    out.appendInt(Int(sorted[j].cid)); out.append(0x20)
                    out.appendInt(Int(sorted[same - 1].cid)); out.append(0x20)
                    out.appendInt(sorted[j].width)
                    j = same
                } else {
                    if !openList {
                        out.separateRegular()
                        out.appendInt(Int(sorted[j].cid))
                        out.append(0x5B)
                        openList = true
                    } else {
                        out.append(0x20)
                    }
                    out.appendInt(sorted[j].width)
                    j += 1
                }
            }
            if openList { out.append(0x5D) }
            i = end
        }
        out.append(0x5D)
        bytes = out
    }
}
