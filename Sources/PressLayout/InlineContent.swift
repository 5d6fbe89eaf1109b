// A paragraph turned into Knuth–Plass items: shaped boxes (words), glue (spaces) and penalties
// (break opportunities), plus the shaped pieces the boxes draw.
internal import PressFonts

/// Font, size and colour shared by consecutive pieces of a paragraph.
struct TextSlot {
    var face: FontFace
    var size: Double
    var color: Color
    /// Points per font unit.
    var scale: Double
    /// Ascent and descent (positive) in points.
    var ascent: Double
    var descent: Double

    init(face: FontFace, size: Double, color: Color) {
        self.face = face
        self.size = size
        self.color = color
        self.scale = size / Double(face.unitsPerEm)
        self.ascent = Double(face.ascender) * scale
        self.descent = Double(-face.descender) * scale
    }
}

/// Shaped glyphs of one unbreakable piece of text in one slot.
struct Piece {
    var slot: Int32
    var glyphs: [ShapedGlyph]
    /// Source text; glyph clusters are UTF-8 offsets into it.
    var text: String
    var width: Double
}

/// One Knuth–Plass item.
struct InlineItem {
    enum Kind: UInt8 { case box, glue, penalty }
    var kind: Kind
    var width: Double
    var stretch: Double = 0
    var shrink: Double = 0
    var penalty: Double = 0
    var flagged = false
    /// Box: index into `pieces`; glue: slot of the space; penalty: slot of the hyphen to draw, or -1.
    var ref: Int32

    static let infinity: Double = 10_000
}

/// The items, pieces and slots of one paragraph.
struct InlineContent {
    var items: [InlineItem] = []
    var pieces: [Piece] = []
    var slots: [TextSlot] = []
    /// Slot of the paragraph's own style (metrics of empty lines).
    var baseSlot: Int32 = 0

    /// The width of the paragraph set on one line (its widest line when it has forced breaks).
    var naturalWidth: Double {
        var widest = 0.0, current = 0.0
        for item in items {
            switch item.kind {
            case .box, .glue: current += item.width
            case .penalty:
                if item.penalty <= -InlineItem.infinity { widest = max(widest, current); current = 0 }
            }
        }
        return max(widest, current)
    }
}

extension LayoutContext {
    /// Shapes `paragraph` (style `entry`) into `content` (cleared first; its capacity is reused).
    func inlineContent(of paragraph: Paragraph, style entry: ParagraphStyleEntry, into content: inout InlineContent) throws(LayoutError) {
        content.items.removeAll(keepingCapacity: true)
        content.pieces.removeAll(keepingCapacity: true)
        content.slots.removeAll(keepingCapacity: true)
        content.baseSlot = 0
        let resolved = entry.resolved
        content.slots.append(entry.slot)
        for span in paragraph.spans {
            let slot: Int32
            var family = resolved.fontFamily
            var bold = resolved.bold, italic = resolved.italic
            if span.style == nil && !span.hasOverrides {
                slot = 0
            } else {
                let spanSlot = try self.spanSlot(span.style, overrides: span.overrides, in: entry)
                family = spanSlot.family
                bold = spanSlot.bold
                italic = spanSlot.italic
                let newSlot = spanSlot.slot
                if let existing = content.slots.firstIndex(where: {
                    $0.face == newSlot.face && $0.size == newSlot.size && $0.color == newSlot.color
                }) {
                    slot = Int32(existing)
                } else {
                    slot = Int32(content.slots.count)
                    content.slots.append(newSlot)
                }
            }
            switch span.content {
            case .text(let text):
                appendText(text, slot: slot, family: family, bold: bold, italic: italic, to: &content)
            case .pageNumber:
                appendText(String(pageNumber), slot: slot, family: family, bold: bold, italic: italic, to: &content)
            case .pageCount:
                if let pageCount {
                    appendText(String(pageCount), slot: slot, family: family, bold: bold, italic: italic, to: &content)
                } else {
                    usedUnknownPageCount = true
                    appendText("0", slot: slot, family: family, bold: bold, italic: italic, to: &content)
                }
            case .carriedForward:
                appendText(carriedForward ?? "", slot: slot, family: family, bold: bold, italic: italic, to: &content)
            }
        }
    }

    /// Splits `text` at break opportunities (a pragmatic UAX #14 subset) and appends its items.
    ///
    /// Breaks: after spaces (collapsed to one glue), after a hyphen or en dash between letters, at soft
    /// hyphens (drawing a hyphen when taken), between ideographs; forced at `\n`. No break before
    /// closing punctuation, and never at U+00A0 / U+202F. Scans UTF-8 bytes: all ASCII decisions are
    /// made on bytes, only non-ASCII characters are decoded.
    private func appendText(_ text: String, slot: Int32, family: String, bold: Bool, italic: Bool,
                            to content: inout InlineContent) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { buffer in
            scan(buffer, source: text, slot: slot, family: family, bold: bold, italic: italic, to: &content)
        }
        if done == nil {
            var copy = text
            copy.makeContiguousUTF8()
            appendText(copy, slot: slot, family: family, bold: bold, italic: italic, to: &content)
        }
    }

    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, source: String, slot: Int32, family: String,
                      bold: Bool, italic: Bool, to content: inout InlineContent) {
        let n = bytes.count
        var wordStart = -1
        var i = 0
        @inline(__always) func word(_ from: Int, _ to: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
        }
        func flush(_ end: Int) {
            if wordStart >= 0 {
                appendWord(word(wordStart, end), source: source, slot: slot, family: family, bold: bold,
                           italic: italic, to: &content)
                wordStart = -1
            }
        }
        while i < n {
            let (scalar, length) = Self.decode(bytes, at: i)
            let next = i + length
            switch scalar.value {
            case 0x20, 0x09:
                if wordStart >= 0, next < n, Self.isClosingPunctuation(Self.decode(bytes, at: next).0) {
                    i = next   // "word !": the space stays inside the word, so no break before "!"
                    continue
                }
                flush(i)
                if let last = content.items.last, last.kind == .glue { break }
                let scale = content.slots[Int(slot)].scale
                let w = Double(spaceGlyph(content.slots[Int(slot)].face).xAdvance) * scale
                content.items.append(InlineItem(kind: .glue, width: w, stretch: w * 0.5, shrink: w * 0.33, ref: slot))
            case 0x0A, 0x0D, 0x2028:
                flush(i)
                appendForcedBreak(to: &content, slot: slot)
            case 0xAD:
                flush(i)
                let face = content.slots[Int(slot)].face
                let hyphenWidth = Double(hyphen(face).advance) * content.slots[Int(slot)].scale
                content.items.append(InlineItem(kind: .penalty, width: hyphenWidth, penalty: 50, flagged: true, ref: slot))
            case 0x2D, 0x2010, 0x2013:
                if wordStart >= 0, next < n, Self.isLetter(Self.decode(bytes, at: next).0) {
                    flush(next)
                    content.items.append(InlineItem(kind: .penalty, width: 0, penalty: 50, flagged: true, ref: -1))
                } else if wordStart < 0 {
                    wordStart = i
                }
            default:
                if scalar.value >= 0x3040 && Self.isIdeograph(scalar) {
                    flush(i)
                    appendWord(word(i, next), source: source, slot: slot, family: family, bold: bold, italic: italic,
                               to: &content)
                    content.items.append(InlineItem(kind: .penalty, width: 0, penalty: 0, ref: -1))
                } else if wordStart < 0 {
                    wordStart = i
                }
            }
            i = next
        }
        flush(n)
    }

    /// The scalar starting at byte `i` of valid UTF-8 and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let length = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
        guard i + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value: UInt32
        switch length {
        case 2: value = (b0 & 0x1F) << 6 | (UInt32(bytes[i + 1]) & 0x3F)
        case 3: value = (b0 & 0x0F) << 12 | (UInt32(bytes[i + 1]) & 0x3F) << 6 | (UInt32(bytes[i + 2]) & 0x3F)
        default:
            value = (b0 & 0x07) << 18 | (UInt32(bytes[i + 1]) & 0x3F) << 12
                | (UInt32(bytes[i + 2]) & 0x3F) << 6 | (UInt32(bytes[i + 3]) & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 {
            let v = s.value | 0x20
            return v >= 0x61 && v <= 0x7A
        }
        return s.properties.isAlphabetic
    }

    private func appendForcedBreak(to content: inout InlineContent, slot: Int32) {
        content.items.append(InlineItem(kind: .penalty, width: 0, penalty: InlineItem.infinity, ref: -1))
        content.items.append(InlineItem(kind: .glue, width: 0, stretch: InlineItem.infinity, ref: slot))
        content.items.append(InlineItem(kind: .penalty, width: 0, penalty: -InlineItem.infinity, ref: -1))
    }

    /// Shapes one unbreakable word (`source`: the span's text, for warnings); characters the slot's font lacks come from the fallback families.
    private func appendWord(_ word: String, source: String, slot: Int32, family: String, bold: Bool, italic: Bool,
                            to content: inout InlineContent) {
        let primary = content.slots[Int(slot)]
        let shaped = primary.face.shape(word, language: language)
        var complete = true
        for glyph in shaped.glyphs where glyph.id.rawValue == 0 { complete = false; break }
        if complete {
            appendPiece(Piece(slot: slot, glyphs: shaped.glyphs, text: word, width: Double(shaped.advance) * primary.scale),
                        to: &content)
            return
        }
        // Rare path: segment the word by the first face (primary, then fallbacks) that has each character.
        let candidates = [primary.face] + fallbacks(bold: bold, italic: italic)
        var segmentStart = word.unicodeScalars.startIndex
        var segmentFace = -2
        var i = segmentStart
        func flush(upTo end: String.Index) {
            guard segmentStart < end else { return }
            let text = String(word[segmentStart..<end])
            let faceIndex = max(0, segmentFace)
            let face = candidates[faceIndex]
            var pieceSlot = slot
            if faceIndex != 0 {
                let fallbackSlot = TextSlot(face: face, size: primary.size, color: primary.color)
                if let existing = content.slots.firstIndex(where: {
                    $0.face == face && $0.size == primary.size && $0.color == primary.color
                }) {
                    pieceSlot = Int32(existing)
                } else {
                    pieceSlot = Int32(content.slots.count)
                    content.slots.append(fallbackSlot)
                }
            }
            let shapedSegment = face.shape(text, language: language)
            let scale = content.slots[Int(pieceSlot)].scale
            appendPiece(Piece(slot: pieceSlot, glyphs: shapedSegment.glyphs, text: text,
                              width: Double(shapedSegment.advance) * scale), to: &content)
        }
        let scalars = word.unicodeScalars
        while i < scalars.endIndex {
            let s = scalars[i]
            var chosen = -1
            if s.properties.isDefaultIgnorableCodePoint || s.properties.generalCategory == .control
                || (s.properties.generalCategory == .nonspacingMark && segmentFace >= 0) {
                chosen = segmentFace
            } else {
                for (index, face) in candidates.enumerated() where face.glyph(for: s) != nil {
                    chosen = index
                    break
                }
                if chosen < 0 { warnMissing(s, in: source, family: family) }
            }
            if chosen != segmentFace {
                flush(upTo: i)
                segmentStart = i
                segmentFace = chosen
            }
            i = scalars.index(after: i)
        }
        flush(upTo: scalars.endIndex)
    }

    private func appendPiece(_ piece: Piece, to content: inout InlineContent) {
        content.items.append(InlineItem(kind: .box, width: piece.width, ref: Int32(content.pieces.count)))
        content.pieces.append(piece)
    }

    static func isClosingPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x21, 0x3F, 0x3A, 0x3B, 0x29, 0x5D, 0x7D, 0x2C, 0x2E, 0xBB, 0x203A, 0x2026: return true
        default: return false
        }
    }

    static func isIdeograph(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF,
             0x20000...0x2FFFF: return true
        default: return false
        }
    }
}
