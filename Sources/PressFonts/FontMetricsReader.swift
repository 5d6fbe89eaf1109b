internal import CFreeType

/// Names, style flags and global metrics of one face, read with FreeType (a plain value).
struct FontDescription: Sendable {
    var postScriptName: String
    var familyName: String
    var styleName: String
    var isBold: Bool
    var isItalic: Bool
    var weight: Int
    var unitsPerEm: Int
    var ascender: Int
    var descender: Int
    var lineGap: Int
    var capHeight: Int?
    var xHeight: Int?
    var italicAngle: Double
    var bbox: FontBBox
    var isFixedPitch: Bool
    var glyphCount: Int
    var faceCount: Int
    /// Other family names the face answers to (`name` IDs 1, 16, 21), for discovery.
    var familyAliases: [String] = []
}

/// Reads `FontDescription`s with FreeType. Each call uses its own `FT_Library`: FreeType libraries
/// are not thread-safe, and one per call costs only microseconds next to opening a face.
enum FontMetricsReader {
    /// Describes face `index` of the in-memory font `bytes` (already checked by `SFNTDirectory`).
    static func describe(_ bytes: [UInt8], index: Int, file: String) throws(FontError) -> FontDescription {
        var result: Result<FontDescription, FontError> = .failure(.corrupt(file: file, reason: "FreeType did not run"))
        withLibrary(file: file, &result) { library in
            bytes.withUnsafeBufferPointer { buffer in
                var face: FT_Face?
                let error = FT_New_Memory_Face(library, buffer.baseAddress, FT_Long(buffer.count), FT_Long(index), &face)
                guard error == 0, let face else {
                    return .failure(.corrupt(file: file, reason: "FreeType rejected the face (\(errorText(error)))"))
                }
                defer { FT_Done_Face(face) }
                return describe(face, file: file)
            }
        }
        return try result.get()
    }

    /// Describes face `index` of the file at `path` without reading the whole file (for discovery scans).
    static func describe(path: String, index: Int) throws(FontError) -> FontDescription {
        var result: Result<FontDescription, FontError> = .failure(.corrupt(file: path, reason: "FreeType did not run"))
        withLibrary(file: path, &result) { library in
            var face: FT_Face?
            let error = FT_New_Face(library, path, FT_Long(index), &face)
            guard error == 0, let face else {
                return .failure(.corrupt(file: path, reason: "FreeType rejected the face (\(errorText(error)))"))
            }
            defer { FT_Done_Face(face) }
            return describe(face, file: path)
        }
        return try result.get()
    }

    private static func withLibrary(file: String, _ result: inout Result<FontDescription, FontError>,
                                    _ body: (FT_Library) -> Result<FontDescription, FontError>) {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else {
            result = .failure(.unreadable(file: file, reason: "FreeType could not be initialised"))
            return
        }
        defer { FT_Done_FreeType(library) }
        result = body(library)
    }

    private static func describe(_ face: FT_Face, file: String) -> Result<FontDescription, FontError> {
        let rec = face.pointee
        guard cfreetype_is_sfnt(face) != 0, cfreetype_is_scalable(face) != 0 else {
            return .failure(.unsupported(file: file, reason: "not a scalable TrueType/OpenType face"))
        }
        guard rec.units_per_EM >= 16 else {
            return .failure(.corrupt(file: file, reason: "unitsPerEm \(rec.units_per_EM) is out of range"))
        }
        let family = rec.family_name.map { String(cString: $0) } ?? ""
        let style = rec.style_name.map { String(cString: $0) } ?? "Regular"
        let postScript = FT_Get_Postscript_Name(face).map { String(cString: $0) } ?? family.replacingSpaces()
        var weight = cfreetype_is_bold(face) != 0 ? 700 : 400
        var capHeight: Int?
        var xHeight: Int?
        var italic = cfreetype_is_italic(face) != 0
        if let raw = FT_Get_Sfnt_Table(face, FT_SFNT_OS2) {
            let os2 = raw.assumingMemoryBound(to: TT_OS2.self).pointee
            if os2.version != 0xFFFF {
                if os2.usWeightClass >= 1, os2.usWeightClass <= 1000 { weight = Int(os2.usWeightClass) }
                if os2.version >= 2 {
                    if os2.sCapHeight > 0 { capHeight = Int(os2.sCapHeight) }
                    if os2.sxHeight > 0 { xHeight = Int(os2.sxHeight) }
                }
                if os2.fsSelection & 0x1 != 0 { italic = true }
            }
        }
        var italicAngle = 0.0
        var fixedPitch = rec.face_flags & FT_Long(FT_FACE_FLAG_FIXED_WIDTH) != 0
        if let raw = FT_Get_Sfnt_Table(face, FT_SFNT_POST) {
            let post = raw.assumingMemoryBound(to: TT_Postscript.self).pointee
            italicAngle = Double(post.italicAngle) / 65536.0
            if post.isFixedPitch != 0 { fixedPitch = true }
        }
        let ascender = Int(rec.ascender)
        let descender = Int(rec.descender)
        let lineGap = max(0, Int(rec.height) - (ascender - descender))
        return .success(FontDescription(
            postScriptName: postScript,
            familyName: family,
            styleName: style,
            isBold: cfreetype_is_bold(face) != 0 || weight >= 600,
            isItalic: italic,
            weight: weight,
            unitsPerEm: Int(rec.units_per_EM),
            ascender: ascender,
            descender: descender,
            lineGap: lineGap,
            capHeight: capHeight,
            xHeight: xHeight,
            italicAngle: italicAngle,
            bbox: FontBBox(xMin: Int(rec.bbox.xMin), yMin: Int(rec.bbox.yMin), xMax: Int(rec.bbox.xMax), yMax: Int(rec.bbox.yMax)),
            isFixedPitch: fixedPitch,
            glyphCount: Int(rec.num_glyphs),
            faceCount: Int(rec.num_faces),
            familyAliases: familyNames(face).filter { $0 != family }))
    }

    /// English family names from the `name` table: legacy (1), typographic (16) and WWS (21) family.
    private static func familyNames(_ face: FT_Face) -> [String] {
        var names: [String] = []
        var entry = FT_SfntName()
        for i in 0..<FT_Get_Sfnt_Name_Count(face) {
            guard FT_Get_Sfnt_Name(face, i, &entry) == 0, [1, 16, 21].contains(entry.name_id),
                  let bytes = entry.string, entry.string_len > 0, entry.string_len < 512 else { continue }
            let raw = UnsafeBufferPointer(start: bytes, count: Int(entry.string_len))
            var name: String?
            if entry.platform_id == 3 || entry.platform_id == 0 {          // UTF-16BE
                guard entry.platform_id == 0 || entry.language_id == 0x409 else { continue }
                let units = stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }
                name = String(decoding: units, as: UTF16.self)
            } else if entry.platform_id == 1, entry.encoding_id == 0, entry.language_id == 0, raw.allSatisfy({ $0 < 0x80 }) {
                name = String(decoding: raw, as: UTF8.self)                // Mac Roman, ASCII subset
            }
            if let name, !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return names
    }

    static func errorText(_ error: FT_Error) -> String {
        if let message = FT_Error_String(error) { return String(cString: message) }
        // Debian's FreeType is built without error strings; name the common ones ourselves.
        let known: [FT_Error: String] = [
            0x01: "cannot open the file", 0x02: "unknown file format", 0x03: "broken file",
            0x06: "invalid argument (face index?)", 0x08: "broken table", 0x09: "broken offset within a table",
            0x0A: "array allocation size too large", 0x40: "out of memory", 0x51: "cannot open stream",
            0x53: "invalid stream seek", 0x54: "invalid stream read (truncated?)", 0x8E: "required table missing",
        ]
        return known[error].map { "\($0), FreeType error 0x\(String(error, radix: 16))" } ?? "FreeType error 0x\(String(error, radix: 16))"
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(self.map { $0 == " " ? "-" : $0 }) }
}
