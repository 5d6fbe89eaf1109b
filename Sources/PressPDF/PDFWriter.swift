/// Writes one PDF file (PDF 1.7) into a byte buffer.
///
/// Objects are written in call order with typed writers (``catalog(_:_:)``, ``page(_:_:)``,
/// ``type0Font(_:_:)``…); references come from ``newRef()``. With ``Options/objectStreams``
/// (the default) every non-stream object is packed into compressed object streams (§7.5.7, PDF
/// 1.5+) and the cross-reference table is a compressed cross-reference stream (§7.5.8); without
/// it the file uses a classic `xref` table and is readable as text when compression is off too
/// (the "pretty" form for goldens). Output is deterministic: same calls -> same bytes.
public struct PDFWriter {
    /// Output settings.
    public struct Options: Sendable, Hashable {
        /// zlib level for streams the writer compresses (0 = no compression, 1...9). Default 6.
        public var compressionLevel: Int
        /// Pack non-stream objects into object streams and use a cross-reference stream. Default true.
        public var objectStreams: Bool
        /// Maximum objects per object stream (keeps random access cheap for readers). Default 200.
        public var objectsPerStream: Int

        public init(compressionLevel: Int = 6, objectStreams: Bool = true, objectsPerStream: Int = 200) {
            self.compressionLevel = compressionLevel
            self.objectStreams = objectStreams
            self.objectsPerStream = max(1, objectsPerStream)
        }

        /// Uncompressed, classic xref table: the readable form for golden files.
        public static let pretty = Options(compressionLevel: 0, objectStreams: false)
    }

    enum Location {
        case offset(Int)
        case inStream(chunk: Int, index: Int)
    }

    struct Chunk {
        var entries: [(number: Int, offset: Int)] = []
        var body: [UInt8] = []
    }

    /// The settings this writer was created with.
    public let options: Options
    var out: [UInt8]
    var current = Chunk()
    var chunks: [Chunk] = []
    var locations: [Location?] = [nil]
    var nextNumber = 1
    var catalogRef: ObjectRef?
    var infoRef: ObjectRef?

    /// Starts a file: writes the header `%PDF-1.7` and the binary comment (§7.5.2) that marks
    /// the file as binary for transfer programs.
    public init(options: Options = Options(), capacity: Int = 32 * 1024) {
        self.options = options
        out = []
        out.reserveCapacity(capacity)
        out.appendASCII("%PDF-1.7\n%")
        out.append(contentsOf: [0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        current.body.reserveCapacity(4096)
    }

    /// Allocates the next object number. Every allocated reference must be written before ``finish(documentID:)``.
    public mutating func newRef() -> ObjectRef {
        defer { nextNumber += 1 }
        locations.append(nil)
        return ObjectRef(nextNumber)
    }

    /// Bytes written so far (header and objects; object streams are written at the end).
    public var byteCount: Int { out.count }

    // MARK: Object framing

    private mutating func claim(_ ref: ObjectRef) {
        precondition(ref.number < nextNumber, "object \(ref.number) was not allocated with newRef()")
        precondition(locations[ref.number] == nil, "object \(ref.number) written twice")
    }

    /// Writes an indirect dictionary object through a typed writer.
    mutating func dictObject<W: DictBacked>(_ ref: ObjectRef, _ type: W.Type, _ body: (inout W) -> Void) {
        claim(ref)
        if options.objectStreams {
            locations[ref.number] = .inStream(chunk: chunks.count, index: current.entries.count)
            current.entries.append((ref.number, current.body.count))
            current.body.appendASCII("<<")
            var writer = W(dict: DictWriter(buf: takeChunkBody()))
            body(&writer)
            current.body = writer.dict.take()
            current.body.appendASCII(">>\n")
            if current.entries.count >= options.objectsPerStream {
                chunks.append(current)
                current = Chunk()
            }
        } else {
            locations[ref.number] = .offset(out.count)
            out.appendInt(ref.number)
            out.appendASCII(" 0 obj\n<<")
            var writer = W(dict: DictWriter(buf: takeOut()))
            body(&writer)
            out = writer.dict.take()
            out.appendASCII(">>\nendobj\n")
        }
    }

    /// Writes an indirect dictionary object with the generic writer (for extensions).
    public mutating func indirectDict(_ ref: ObjectRef, _ body: (inout DictWriter) -> Void) {
        dictObject(ref, GenericDict.self) { body(&$0.dict) }
    }

    /// How a stream's data is stored.
    public enum StreamData {
        /// Raw bytes; compressed with Flate at the writer's level (stored as-is when the level is 0).
        case raw([UInt8])
        /// Bytes already zlib-compressed by the caller (cached); written with `/Filter /FlateDecode`.
        case flate([UInt8])
        /// JPEG bytes, written with `/Filter /DCTDecode` (§7.4.8).
        case dct([UInt8])
        /// Bytes that must stay unfiltered (e.g. XMP metadata for PDF/A, ISO 19005-2 §6.6.2.1 recommends it).
        case uncompressed([UInt8])
    }

    /// Writes an indirect stream object (§7.3.8): `/Length` and `/Filter` are derived from `data`;
    /// the typed writer adds the stream-specific keys.
    mutating func streamObject<W: DictBacked>(_ ref: ObjectRef, _ data: StreamData, _ type: W.Type,
                                              _ body: (inout W) -> Void) {
        claim(ref)
        locations[ref.number] = .offset(out.count)
        var filter: StaticString? = nil
        var payload: [UInt8]
        switch data {
        case .raw(let bytes):
            if options.compressionLevel > 0 {
                payload = Deflate.compress(bytes, level: options.compressionLevel)
                filter = "/Filter/FlateDecode"
            } else {
                payload = bytes
            }
        case .flate(let bytes): payload = bytes; filter = "/Filter/FlateDecode"
        case .dct(let bytes): payload = bytes; filter = "/Filter/DCTDecode"
        case .uncompressed(let bytes): payload = bytes
        }
        out.appendInt(ref.number)
        out.appendASCII(" 0 obj\n<</Length ")
        out.appendInt(payload.count)
        if let filter { out.appendASCII(filter) }
        var writer = W(dict: DictWriter(buf: takeOut()))
        body(&writer)
        out = writer.dict.take()
        // §7.3.8.1: `stream` is followed by an EOL; an EOL precedes `endstream` (not counted in /Length).
        out.appendASCII(">>\nstream\n")
        out.append(contentsOf: payload)
        out.appendASCII("\nendstream\nendobj\n")
        _ = consume payload
    }

    /// Writes an indirect stream with the generic writer for extra keys (for extensions).
    public mutating func stream(_ ref: ObjectRef, _ data: StreamData, _ body: (inout DictWriter) -> Void = { _ in }) {
        streamObject(ref, data, GenericDict.self) { body(&$0.dict) }
    }

    private mutating func takeOut() -> [UInt8] {
        var b: [UInt8] = []
        swap(&b, &out)
        return b
    }

    private mutating func takeChunkBody() -> [UInt8] {
        var b: [UInt8] = []
        swap(&b, &current.body)
        return b
    }

    // MARK: Finishing

    /// Writes the object streams, the cross-reference section and the trailer, and returns the file.
    ///
    /// - Parameter documentID: the 16 bytes of both `/ID` entries (§14.4). When nil they are
    ///   derived from a hash of everything written so far, so identical input gives identical IDs.
    ///   Required by PDF/A (ISO 19005-2 §6.1.3).
    public consuming func finish(documentID: [UInt8]? = nil) -> [UInt8] {
        precondition(catalogRef != nil, "a PDF needs a catalog: call catalog(_:_:) before finish()")
        if !current.entries.isEmpty { chunks.append(current) }
        current = Chunk()

        // Object streams get the numbers after every user object.
        var chunkRefs: [Int] = []
        for chunk in chunks {
            let number = nextNumber
            nextNumber += 1
            locations.append(.offset(out.count))
            chunkRefs.append(number)
            var header: [UInt8] = []
            header.reserveCapacity(chunk.entries.count * 8)
            for (i, entry) in chunk.entries.enumerated() {
                if i > 0 { header.append(0x20) }
                header.appendInt(entry.number)
                header.append(0x20)
                header.appendInt(entry.offset)
            }
            header.append(0x0A)
            let first = header.count
            header.append(contentsOf: chunk.body)
            let compress = options.compressionLevel > 0
            let payload = compress ? Deflate.compress(header, level: options.compressionLevel) : header
            out.appendInt(number)
            out.appendASCII(" 0 obj\n<</Type/ObjStm/N ")
            out.appendInt(chunk.entries.count)
            out.appendASCII("/First ")
            out.appendInt(first)
            out.appendASCII("/Length ")
            out.appendInt(payload.count)
            if compress { out.appendASCII("/Filter/FlateDecode") }
            out.appendASCII(">>\nstream\n")
            out.append(contentsOf: payload)
            out.appendASCII("\nendstream\nendobj\n")
        }
        for number in 1..<locations.count where locations[number] == nil {
            preconditionFailure("object \(number) was allocated with newRef() but never written")
        }

        var id = documentID ?? {
            var hash = ContentHash()
            hash.update(out)
            return hash.finalize()
        }()
        if id.isEmpty { id = [0] }

        if options.objectStreams {
            writeXrefStream(chunkRefs: chunkRefs, id: id)
        } else {
            writeXrefTable(id: id)
        }
        return out
    }

    private mutating func writeTrailerKeys(size: Int, id: [UInt8], into buf: inout [UInt8]) {
        buf.appendASCII("/Size ")
        buf.appendInt(size)
        buf.appendASCII("/Root ")
        catalogRef!.write(to: &buf)
        if let infoRef {
            buf.appendASCII("/Info ")
            infoRef.write(to: &buf)
        }
        buf.appendASCII("/ID[")
        PDFString.writeHex(id, to: &buf)
        PDFString.writeHex(id, to: &buf)
        buf.append(0x5D)
    }

    private mutating func writeXrefTable(id: [UInt8]) {
        let start = out.count
        out.appendASCII("xref\n0 ")
        out.appendInt(locations.count)
        out.appendASCII("\n0000000000 65535 f\r\n")
        for number in 1..<locations.count {
            guard case .offset(let offset)? = locations[number] else { preconditionFailure() }
            var digits: [UInt8] = []
            digits.appendInt(offset)
            out.append(contentsOf: repeatElement(0x30, count: 10 - digits.count))
            out.append(contentsOf: digits)
            out.appendASCII(" 00000 n\r\n")
        }
        out.appendASCII("trailer\n<<")
        var buf: [UInt8] = []
        writeTrailerKeys(size: locations.count, id: id, into: &buf)
        out.append(contentsOf: buf)
        out.appendASCII(">>\nstartxref\n")
        out.appendInt(start)
        out.appendASCII("\n%%EOF\n")
    }

    private mutating func writeXrefStream(chunkRefs: [Int], id: [UInt8]) {
        let xrefNumber = nextNumber
        let xrefOffset = out.count
        locations.append(.offset(xrefOffset))
        let size = locations.count
        // Field widths (§7.5.8.2, Table 17): type (1 byte), offset or object-stream number, generation or index.
        var offsetWidth = 1
        while xrefOffset >= 1 << (8 * offsetWidth) { offsetWidth += 1 }
        var entries: [UInt8] = []
        entries.reserveCapacity(size * (3 + offsetWidth))
        func field(_ value: Int, _ width: Int) {
            var shift = 8 * (width - 1)
            while shift >= 0 {
                entries.append(UInt8(truncatingIfNeeded: value >> shift))
                shift -= 8
            }
        }
        // Object 0: head of the free list, generation 65535.
        entries.append(0); field(0, offsetWidth); field(0xFFFF, 2)
        for number in 1..<size {
            switch locations[number]! {
            case .offset(let offset):
                entries.append(1); field(offset, offsetWidth); field(0, 2)
            case .inStream(let chunk, let index):
                entries.append(2); field(chunkRefs[chunk], offsetWidth); field(index, 2)
            }
        }
        let compress = options.compressionLevel > 0
        let payload = compress ? Deflate.compress(entries, level: options.compressionLevel) : entries
        out.appendInt(xrefNumber)
        out.appendASCII(" 0 obj\n<</Type/XRef")
        var buf: [UInt8] = []
        writeTrailerKeys(size: size, id: id, into: &buf)
        out.append(contentsOf: buf)
        out.appendASCII("/W[1 ")
        out.appendInt(offsetWidth)
        out.appendASCII(" 2]/Length ")
        out.appendInt(payload.count)
        if compress { out.appendASCII("/Filter/FlateDecode") }
        out.appendASCII(">>\nstream\n")
        out.append(contentsOf: payload)
        out.appendASCII("\nendstream\nendobj\nstartxref\n")
        out.appendInt(xrefOffset)
        out.appendASCII("\n%%EOF\n")
    }
}

/// The untyped writer behind ``PDFWriter/indirectDict(_:_:)``.
struct GenericDict: DictBacked {
    var dict: DictWriter
    init(dict: DictWriter) { self.dict = dict }
}
