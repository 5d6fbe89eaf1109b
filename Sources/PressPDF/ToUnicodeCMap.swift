/// A ToUnicode CMap (§9.10.3) for 2-byte CIDs (Identity-H): maps each CID to the Unicode text
/// it represents, so extraction (pdftotext, copy & paste, search) returns the exact text.
///
/// A CID may map to several characters (a ligature `ﬁ` glyph -> "fi"); targets are UTF-16BE, so
/// characters outside the BMP become surrogate pairs. Runs of consecutive CIDs mapping to
/// consecutive single code units are written as `bfrange`, the rest as `bfchar`, in blocks of
/// at most 100 entries (the limit of §9.7.5.4 / Adobe Technical Note #5411).
public struct ToUnicodeCMap: Sendable, Hashable {
    /// The CMap program (uncompressed).
    public let bytes: [UInt8]

    /// Builds the CMap from `(code, text)` pairs; duplicate codes keep the first mapping; empty
    /// texts are skipped. `codeBytes` is 2 for Identity-H (code = CID) or 1 for fonts written
    /// with ``OneByteIdentityCMap`` (codes 0…255).
    public init(_ mappings: [(cid: UInt16, text: String)], codeBytes: Int = 2) {
        let one = codeBytes == 1
        var seen = Set<UInt16>()
        var entries: [(cid: UInt16, units: [UInt16])] = []
        entries.reserveCapacity(mappings.count)
        for m in mappings where !m.text.isEmpty && (!one || m.cid <= 0xFF) && seen.insert(m.cid).inserted {
            entries.append((m.cid, Array(m.text.utf16)))
        }
        entries.sort { $0.cid < $1.cid }

        var singles: [(UInt16, [UInt16])] = []
        var ranges: [(UInt16, UInt16, UInt16)] = []
        var i = 0
        while i < entries.count {
            var end = i + 1
            if entries[i].units.count == 1 {
                while end < entries.count,
                      entries[end].units.count == 1,
                      entries[end].cid == entries[end - 1].cid &+ 1,
                      entries[end].units[0] == entries[end - 1].units[0] &+ 1,
                      !one || entries[end].cid <= 0xFF,
                      // Source and destination may vary only in the last byte within one range.
                      entries[end].cid >> 8 == entries[i].cid >> 8,
                      entries[end].units[0] >> 8 == entries[i].units[0] >> 8 {
                    end += 1
                }
            }
            if end - i >= 2 {
                ranges.append((entries[i].cid, entries[end - 1].cid, entries[i].units[0]))
            } else {
                singles.append((entries[i].cid, entries[i].units))
            }
            i = end
        }

        var out: [UInt8] = []
        out.reserveCapacity(400 + entries.count * 16)
        out.appendASCII("""
        /CIDInit/ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)/Supplement 0>>def
        /CMapName/Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange

        """)
        out.appendASCII(one ? "<00><FF>\n" : "<0000><FFFF>\n")
        out.appendASCII("endcodespacerange\n")
        func code(_ c: UInt16) {
            if one { out.appendHexByte(UInt8(truncatingIfNeeded: c)) } else { out.appendHex16(c) }
        }
        var start = 0
        while start < singles.count {
            let block = singles[start..<min(start + 100, singles.count)]
            out.appendInt(block.count)
            out.appendASCII(" beginbfchar\n")
            for (cid, units) in block {
                out.append(0x3C); code(cid); out.appendASCII("><")
                for u in units { out.appendHex16(u) }
                out.appendASCII(">\n")
            }
            out.appendASCII("endbfchar\n")
            start += 100
        }
        start = 0
        while start < ranges.count {
            let block = ranges[start..<min(start + 100, ranges.count)]
            out.appendInt(block.count)
            out.appendASCII(" beginbfrange\n")
            for (lo, hi, dst) in block {
                out.append(0x3C); code(lo); out.appendASCII("><")
                code(hi); out.appendASCII("><")
                out.appendHex16(dst); out.appendASCII(">\n")
            }
            out.appendASCII("endbfrange\n")
            start += 100
        }
        out.appendASCII("""
        endcmap
        CMapName currentdict/CMap defineresource pop
        end
        end

        """)
        bytes = out
    }
}
