/// Minimal structural check of an sfnt file (TrueType/OpenType/collection) before it reaches FreeType.
///
/// FreeType and HarfBuzz are robust against garbage, but their errors are terse ("invalid table");
/// checking the table directory ourselves lets us tell a user *truncated* from *not a font at all*.
struct SFNTDirectory {
    struct Table {
        var tag: UInt32
        var offset: Int
        var length: Int
    }

    /// Number of faces in the file (1 unless it is a `ttcf` collection).
    var faceCount: Int
    /// Table records of the requested face.
    var tables: [Table]
    /// Whether the face has CFF (`CFF ` or `CFF2`) outlines rather than `glyf`.
    var isCFF: Bool

    static func tag(_ s: StaticString) -> UInt32 {
        s.withUTF8Buffer { b in b.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } }
    }

    func table(_ tag: UInt32) -> Table? { tables.first { $0.tag == tag } }

    /// Parses and checks the directory of face `index`; throws a `FontError` naming `file`.
    static func parse(_ bytes: [UInt8], index: Int, file: String) throws(FontError) -> SFNTDirectory {
        let n = bytes.count
        func u32(_ o: Int) -> UInt32 {
            UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])
        }
        func u16(_ o: Int) -> Int { Int(bytes[o]) << 8 | Int(bytes[o + 1]) }
        if n < 12 {
            throw n == 0 ? .corrupt(file: file, reason: "the file is empty")
                         : .corrupt(file: file, reason: "only \(n) bytes, too short for a font header")
        }
        let magic = u32(0)
        var faceCount = 1
        var dirOffset = 0
        switch magic {
        case 0x0001_0000, tag("true"), tag("OTTO"):
            guard index == 0 else { throw .noSuchFace(file: file, index: index, count: 1) }
        case tag("ttcf"):
            faceCount = Int(u32(8))
            guard index >= 0, index < faceCount else { throw .noSuchFace(file: file, index: index, count: faceCount) }
            let slot = 12 + 4 * index
            guard slot + 4 <= n else {
                throw .truncated(file: file, reason: "collection header needs \(slot + 4) bytes, file has \(n)")
            }
            dirOffset = Int(u32(slot))
        case tag("wOFF"), tag("wOF2"):
            throw .unsupported(file: file, reason: "WOFF/WOFF2 web fonts are not supported; use the .ttf/.otf file")
        case tag("typ1"):
            throw .unsupported(file: file, reason: "Mac Type 1 fonts are not supported")
        default:
            if bytes[0] == 0x25, bytes[1] == 0x21 {  // "%!"
                throw .unsupported(file: file, reason: "PostScript Type 1 fonts are not supported")
            }
            let hex = String(magic, radix: 16)
            throw .corrupt(file: file, reason: "not a TrueType/OpenType font (magic 0x\(hex))")
        }
        guard dirOffset + 12 <= n else {
            throw .truncated(file: file, reason: "table directory at offset \(dirOffset) lies beyond the end of the \(n)-byte file")
        }
        let tableCount = u16(dirOffset + 4)
        guard tableCount > 0, tableCount < 512 else {
            throw .corrupt(file: file, reason: "implausible table count \(tableCount)")
        }
        let recordsEnd = dirOffset + 12 + 16 * tableCount
        guard recordsEnd <= n else {
            throw .truncated(file: file, reason: "table directory needs \(recordsEnd) bytes, file has \(n)")
        }
        var tables: [Table] = []
        tables.reserveCapacity(tableCount)
        for i in 0..<tableCount {
            let r = dirOffset + 12 + 16 * i
            let table = Table(tag: u32(r), offset: Int(u32(r + 8)), length: Int(u32(r + 12)))
            if table.offset + table.length > n {
                let name = tagName(table.tag)
                throw .truncated(file: file, reason: "table '\(name)' ends at byte \(table.offset + table.length), file has \(n) bytes")
            }
            tables.append(table)
        }
        var directory = SFNTDirectory(faceCount: faceCount, tables: tables, isCFF: false)
        directory.isCFF = directory.table(tag("CFF ")) != nil || directory.table(tag("CFF2")) != nil
        for required in ["head", "hhea", "maxp", "hmtx", "cmap"] where directory.table(tagValue(required)) == nil {
            throw .corrupt(file: file, reason: "required table '\(required)' is missing")
        }
        if !directory.isCFF, directory.table(tag("glyf")) == nil || directory.table(tag("loca")) == nil {
            throw .unsupported(file: file, reason: "no outlines (neither 'glyf'+'loca' nor 'CFF ')")
        }
        return directory
    }

    static func tagValue(_ s: String) -> UInt32 { s.utf8.reduce(UInt32(0)) { ($0 << 8) | UInt32($1) } }

    static func tagName(_ tag: UInt32) -> String {
        let scalars = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: tag >> UInt32($0)) }
        return String(decoding: scalars, as: UTF8.self)
    }
}
