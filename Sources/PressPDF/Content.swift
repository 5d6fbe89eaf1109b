/// A content stream builder (§7.8.2, §8, §9.4): graphics and text operators appended to a byte
/// buffer. Paired operators are scoped: `savingState { }` writes `q`…`Q` and `textObject { }`
/// writes `BT`…`ET`, so unbalanced pairs and text operators outside a text object do not compile.
///
/// Coordinates are in the current user space (points, origin bottom-left, y up, unless `cm`
/// changes it); numbers are written in their shortest form with at most 3 decimals.
public struct Content {
    var buf: [UInt8]

    /// An empty content stream; `capacity` is a byte hint.
    public init(capacity: Int = 4096) {
        buf = []
        buf.reserveCapacity(capacity)
    }

    /// The operators written so far (uncompressed).
    public var bytes: [UInt8] { buf }

    /// Returns the finished stream bytes (uncompressed).
    public consuming func finish() -> [UInt8] { buf }

    // MARK: Graphics state (§8.4)

    /// `q` … `Q`: saves the graphics state, runs `body`, restores it.
    public mutating func savingState(_ body: (inout Content) -> Void) {
        buf.appendASCII("q\n")
        body(&self)
        buf.appendASCII("Q\n")
    }

    /// `cm`: concatenates `[a b c d e f]` to the current transformation matrix.
    public mutating func transform(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) {
        buf.operands(a, b, c, d, e, f); buf.appendASCII(" cm\n")
    }

    /// `w`: line width in user space units. Default 1.
    public mutating func setLineWidth(_ w: Double) { buf.operands(w); buf.appendASCII(" w\n") }

    /// Line cap style for `J` (§8.4.3.3).
    public enum LineCap: Int, Sendable { case butt = 0, round = 1, projectingSquare = 2 }
    /// Line join style for `j` (§8.4.3.4).
    public enum LineJoin: Int, Sendable { case miter = 0, round = 1, bevel = 2 }

    /// `J`: line cap style. Default butt.
    public mutating func setLineCap(_ cap: LineCap) { buf.appendInt(cap.rawValue); buf.appendASCII(" J\n") }
    /// `j`: line join style. Default miter.
    public mutating func setLineJoin(_ join: LineJoin) { buf.appendInt(join.rawValue); buf.appendASCII(" j\n") }
    /// `M`: miter limit. Default 10.
    public mutating func setMiterLimit(_ limit: Double) { buf.operands(limit); buf.appendASCII(" M\n") }

    /// `d`: dash pattern (on/off lengths) and phase (§8.4.3.6). An empty array means solid, the default.
    public mutating func setDash(_ array: [Double], phase: Double = 0) {
        buf.append(0x5B)
        for (i, v) in array.enumerated() {
            if i > 0 { buf.append(0x20) }
            buf.appendReal(v)
        }
        buf.appendASCII("] ")
        buf.appendReal(phase)
        buf.appendASCII(" d\n")
    }

    /// `gs`: applies a named graphics state parameter dictionary from `/ExtGState`.
    public mutating func setGraphicsState(_ name: Name) { name.write(to: &buf); buf.appendASCII(" gs\n") }

    // MARK: Colour (§8.6.8)

    /// `g`: fill colour in DeviceGray (0 black … 1 white).
    public mutating func setFillGray(_ gray: Double) { buf.operands(gray); buf.appendASCII(" g\n") }
    /// `G`: stroke colour in DeviceGray.
    public mutating func setStrokeGray(_ gray: Double) { buf.operands(gray); buf.appendASCII(" G\n") }
    /// `rg`: fill colour in DeviceRGB (components 0…1).
    public mutating func setFillRGB(_ r: Double, _ g: Double, _ b: Double) { buf.operands(r, g, b); buf.appendASCII(" rg\n") }
    /// `RG`: stroke colour in DeviceRGB.
    public mutating func setStrokeRGB(_ r: Double, _ g: Double, _ b: Double) { buf.operands(r, g, b); buf.appendASCII(" RG\n") }
    /// `k`: fill colour in DeviceCMYK (components 0…1).
    public mutating func setFillCMYK(_ c: Double, _ m: Double, _ y: Double, _ k: Double) {
        buf.operands(c, m, y, k); buf.appendASCII(" k\n")
    }
    /// `K`: stroke colour in DeviceCMYK.
    public mutating func setStrokeCMYK(_ c: Double, _ m: Double, _ y: Double, _ k: Double) {
        buf.operands(c, m, y, k); buf.appendASCII(" K\n")
    }

    // MARK: Paths (§8.5)

    /// `m`: begins a subpath at (x, y).
    public mutating func moveTo(_ x: Double, _ y: Double) { buf.operands(x, y); buf.appendASCII(" m\n") }
    /// `l`: appends a straight line to (x, y).
    public mutating func lineTo(_ x: Double, _ y: Double) { buf.operands(x, y); buf.appendASCII(" l\n") }
    /// `c`: appends a cubic Bézier curve with control points (x1, y1), (x2, y2) ending at (x3, y3).
    public mutating func cubicTo(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ x3: Double, _ y3: Double) {
        buf.operands(x1, y1, x2, y2, x3, y3); buf.appendASCII(" c\n")
    }
    /// `h`: closes the current subpath.
    public mutating func closePath() { buf.appendASCII("h\n") }
    /// `re`: appends a rectangle with lower-left corner (x, y) as a closed subpath.
    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double) {
        buf.operands(x, y, width, height); buf.appendASCII(" re\n")
    }

    /// Appends a rectangle with corners rounded by `radius` (clamped to half the shorter side),
    /// each corner a cubic Bézier with the circle constant 0.5523.
    public mutating func roundedRect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, radius: Double) {
        let r = max(0, min(radius, min(abs(width), abs(height)) / 2))
        guard r > 0 else { rect(x, y, width, height); return }
        let k = r * 0.552_284_749_8  // 4/3·(√2 − 1): the quarter-circle control distance.
        let x2 = x + width, y2 = y + height
        moveTo(x + r, y)
        lineTo(x2 - r, y)
        cubicTo(x2 - r + k, y, x2, y + r - k, x2, y + r)
        lineTo(x2, y2 - r)
        cubicTo(x2, y2 - r + k, x2 - r + k, y2, x2 - r, y2)
        lineTo(x + r, y2)
        cubicTo(x + r - k, y2, x, y2 - r + k, x, y2 - r)
        lineTo(x, y + r)
        cubicTo(x, y + r - k, x + r - k, y, x + r, y)
        closePath()
    }

    /// `f`: fills the path (non-zero winding rule).
    public mutating func fill() { buf.appendASCII("f\n") }
    /// `f*`: fills the path (even-odd rule).
    public mutating func fillEvenOdd() { buf.appendASCII("f*\n") }
    /// `S`: strokes the path.
    public mutating func stroke() { buf.appendASCII("S\n") }
    /// `B`: fills (non-zero) and strokes the path.
    public mutating func fillAndStroke() { buf.appendASCII("B\n") }
    /// `n`: ends the path without painting (after a clip).
    public mutating func endPath() { buf.appendASCII("n\n") }
    /// `W n`: intersects the clipping path with the current path (non-zero) and ends it.
    public mutating func clip() { buf.appendASCII("W n\n") }

    // MARK: External objects (§8.8)

    /// `Do`: paints the named XObject (an image fills the unit square of the current matrix).
    public mutating func drawXObject(_ name: Name) { name.write(to: &buf); buf.appendASCII(" Do\n") }

    /// Paints an image into the rectangle (x, y, width, height): `q w 0 0 h x y cm /Name Do Q`.
    public mutating func drawImage(_ name: Name, x: Double, y: Double, width: Double, height: Double) {
        savingState { c in
            c.transform(width, 0, 0, height, x, y)
            c.drawXObject(name)
        }
    }

    // MARK: Text (§9.4)

    /// `BT` … `ET`: a text object; text operators are only available inside `body`.
    /// The text matrix starts as the identity at `BT`.
    public mutating func textObject(_ body: (inout TextObject) -> Void) {
        buf.appendASCII("BT\n")
        var text = TextObject(buf: take())
        body(&text)
        buf = text.take()
        buf.appendASCII("ET\n")
    }

    /// Appends raw, already-valid content stream bytes (e.g. a cached fragment). Caller guarantees validity.
    public mutating func appendRaw(_ bytes: [UInt8]) { buf.append(contentsOf: bytes) }

    mutating func take() -> [UInt8] {
        var b: [UInt8] = []
        swap(&b, &buf)
        return b
    }
}

/// The operators valid inside `BT`…`ET` (§9.4): text state, positioning, showing, and colour.
public struct TextObject {
    var buf: [UInt8]

    init(buf: [UInt8]) { self.buf = buf }

    /// `Tf`: selects the font resource `name` at `size` (text space units, usually points).
    public mutating func setFont(_ name: Name, size: Double) {
        name.write(to: &buf); buf.append(0x20); buf.appendReal(size); buf.appendASCII(" Tf\n")
    }
    /// `Td`: moves to the start of the next line, offset (dx, dy) from the start of the current line.
    public mutating func nextLine(_ dx: Double, _ dy: Double) { buf.operands(dx, dy); buf.appendASCII(" Td\n") }
    /// `Tm`: sets the text matrix and text line matrix to `[a b c d e f]`.
    public mutating func setMatrix(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) {
        buf.operands(a, b, c, d, e, f); buf.appendASCII(" Tm\n")
    }
    /// `Tc`: character spacing, unscaled text space units. Default 0.
    public mutating func setCharacterSpacing(_ v: Double) { buf.operands(v); buf.appendASCII(" Tc\n") }
    /// `Tw`: word spacing (applies to single-byte code 32 only, so not to Identity-H fonts). Default 0.
    public mutating func setWordSpacing(_ v: Double) { buf.operands(v); buf.appendASCII(" Tw\n") }
    /// `Tz`: horizontal scaling in percent. Default 100.
    public mutating func setHorizontalScaling(_ percent: Double) { buf.operands(percent); buf.appendASCII(" Tz\n") }
    /// `Ts`: text rise (superscript/subscript) in unscaled text space units. Default 0.
    public mutating func setRise(_ v: Double) { buf.operands(v); buf.appendASCII(" Ts\n") }

    /// Text rendering mode for `Tr` (§9.3.6).
    public enum RenderMode: Int, Sendable { case fill = 0, stroke, fillStroke, invisible, fillClip, strokeClip, fillStrokeClip, clip }
    /// `Tr`: text rendering mode. Default fill.
    public mutating func setRenderMode(_ mode: RenderMode) { buf.appendInt(mode.rawValue); buf.appendASCII(" Tr\n") }

    /// `g` inside a text object.
    public mutating func setFillGray(_ gray: Double) { buf.operands(gray); buf.appendASCII(" g\n") }
    /// `rg` inside a text object.
    public mutating func setFillRGB(_ r: Double, _ g: Double, _ b: Double) { buf.operands(r, g, b); buf.appendASCII(" rg\n") }
    /// `k` inside a text object.
    public mutating func setFillCMYK(_ c: Double, _ m: Double, _ y: Double, _ k: Double) {
        buf.operands(c, m, y, k); buf.appendASCII(" k\n")
    }

    /// `Tj` with a byte string (simple fonts).
    public mutating func show(_ string: PDFString) { string.write(to: &buf); buf.appendASCII(" Tj\n") }

    /// `Tj` with 2-byte codes written as a hex string (Identity-H: code = CID).
    public mutating func showGlyphs(_ cids: [UInt16]) {
        buf.append(0x3C)
        for cid in cids { buf.appendHex16(cid) }
        buf.appendASCII("> Tj\n")
    }

    /// `TJ`: shows glyphs with individual position adjustments.
    public mutating func showPositioned(_ body: (inout PositionedText) -> Void) {
        buf.append(0x5B)
        var items = PositionedText(buf: take())
        body(&items)
        buf = items.finish()
        buf.appendASCII("]TJ\n")
    }

    mutating func take() -> [UInt8] {
        var b: [UInt8] = []
        swap(&b, &buf)
        return b
    }
}

/// The elements of a `TJ` array: 2-byte glyph codes (collected into hex strings) and adjustments.
public struct PositionedText {
    var buf: [UInt8]
    /// 0: no string open; 0x3E: a hex string is open; 0x29: a literal string is open.
    private var open: UInt8 = 0

    init(buf: [UInt8]) { self.buf = buf }

    /// Appends a 2-byte code (Identity-H: the CID), collected into a hex string.
    @inline(__always)
    public mutating func glyph(_ cid: UInt16) {
        if open != 0x3E {
            if open != 0 { buf.append(open) }
            buf.append(0x3C)
            open = 0x3E
        }
        buf.appendHex16(cid)
    }

    /// Appends a 1-byte code (fonts with a one-byte CMap), collected into a literal string.
    @inline(__always)
    public mutating func byte(_ code: UInt8) {
        if open != 0x29 {
            if open != 0 { buf.append(open) }
            buf.append(0x28)
            open = 0x29
        }
        switch code {
        case 0x28, 0x29, 0x5C: buf.append(0x5C); buf.append(code)
        case 0x0D: buf.append(0x5C); buf.append(0x72)  // a raw CR would be read as LF (§7.3.4.2)
        default: buf.append(code)
        }
    }

    /// Appends one literal string of 1-byte codes (fonts with a one-byte CMap); the fast path
    /// for a stretch of glyphs between two adjustments. Escapes `(`, `)`, `\` and CR.
    public mutating func codes(_ codes: UnsafeBufferPointer<UInt8>) {
        guard !codes.isEmpty else { return }
        if open != 0 { buf.append(open); open = 0 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: codes.count * 2 + 2) { out in
            var i = 0
            out[i] = 0x28
            i += 1
            for c in codes { Self.putEscaped(c, into: out, at: &i) }
            out[i] = 0x29
            buf.append(contentsOf: UnsafeBufferPointer(rebasing: out[0...i]))
        }
    }

    /// Appends one literal string of 2-byte codes (Identity-H), big-endian, escaped like
    /// ``codes(_:)``. Binary bytes rather than hex: half the bytes to write and to deflate (a
    /// literal string may hold any byte; only `(`, `)`, `\` and CR need escapes, §7.3.4.2).
    public mutating func cids(_ cids: UnsafeBufferPointer<UInt16>) {
        guard !cids.isEmpty else { return }
        if open != 0 { buf.append(open); open = 0 }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: cids.count * 4 + 2) { out in
            var i = 0
            out[i] = 0x28
            i += 1
            for cid in cids {
                Self.putEscaped(UInt8(truncatingIfNeeded: cid >> 8), into: out, at: &i)
                Self.putEscaped(UInt8(truncatingIfNeeded: cid), into: out, at: &i)
            }
            out[i] = 0x29
            buf.append(contentsOf: UnsafeBufferPointer(rebasing: out[0...i]))
        }
    }

    /// Writes one byte of a literal string at `out[i]`, escaped as §7.3.4.2 requires (`(`, `)`, `\`, and CR,
    /// which a reader would take for LF), and advances `i`. `out` has room for two bytes.
    @inline(__always)
    static func putEscaped(_ c: UInt8, into out: UnsafeMutableBufferPointer<UInt8>, at i: inout Int) {
        switch c {
        case 0x28, 0x29, 0x5C: out[i] = 0x5C; out[i + 1] = c; i += 2
        case 0x0D: out[i] = 0x5C; out[i + 1] = 0x72; i += 2
        default: out[i] = c; i += 1
        }
    }

    /// Appends an adjustment in thousandths of text space (1/1000 em): positive moves the next
    /// glyph left, negative moves it right. Zero is skipped.
    public mutating func adjust(_ amount: Double) {
        guard amount != 0 else { return }
        if open != 0 { buf.append(open); open = 0 } else { buf.separateRegular() }
        buf.appendReal(amount, decimals: 1)
    }

    mutating func finish() -> [UInt8] {
        if open != 0 { buf.append(open); open = 0 }
        var b: [UInt8] = []
        swap(&b, &buf)
        return b
    }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func operands(_ a: Double) { appendReal(a) }
    @inline(__always)
    mutating func operands(_ a: Double, _ b: Double) { appendReal(a); append(0x20); appendReal(b) }
    mutating func operands(_ a: Double, _ b: Double, _ c: Double) {
        appendReal(a); append(0x20); appendReal(b); append(0x20); appendReal(c)
    }
    mutating func operands(_ a: Double, _ b: Double, _ c: Double, _ d: Double) {
        appendReal(a); append(0x20); appendReal(b); append(0x20); appendReal(c); append(0x20); appendReal(d)
    }
    mutating func operands(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) {
        appendReal(a); append(0x20); appendReal(b); append(0x20); appendReal(c); append(0x20)
        appendReal(d); append(0x20); appendReal(e); append(0x20); appendReal(f)
    }
}
