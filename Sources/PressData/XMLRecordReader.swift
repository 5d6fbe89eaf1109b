internal import CLibXML2
import Foundation

/// Reads records from XML with libxml2's SAX2 push parser, in chunks: each element named
/// ``recordElement`` (by local name, at any depth outside another record) is built into a ``Value``
/// straight from the parser's events (no DOM), following ``XMLMapping``, so memory stays bounded
/// by the largest record plus one chunk.
///
/// With no record element given, the children of the root element are the records.
/// Malformed XML is fatal at the point of the error (XML cannot resynchronise): the records
/// completed before it have been delivered, and the error carries libxml2's line, column and message.
/// Security: no network, no external entities or DTDs are loaded (no XXE); internal entities
/// declared in the document are substituted as text.
public final class XMLRecordReader: RecordReader {
    private let state: XMLSAXState
    private let context: xmlParserCtxtPtr
    private var chunk: UnsafeMutableRawBufferPointer
    private var source: any ByteSource
    private var recordNumber = 0
    private var atEnd = false
    private var failed = false
    private var bytesRead = 0

    /// Reads the file at `path`; `recordElement` is the local name of the record element (e.g. `invoice`).
    public convenience init(path: String, recordElement: String?, mapping: XMLMapping = XMLMapping(),
                            limits: ReaderLimits = ReaderLimits()) throws(DataError)
    {
        try self.init(source: try FileByteSource(path: path), recordElement: recordElement, mapping: mapping, limits: limits)
    }

    /// Reads from any byte source.
    public init(source: any ByteSource, recordElement: String?, mapping: XMLMapping = XMLMapping(),
                limits: ReaderLimits = ReaderLimits()) throws(DataError)
    {
        LibXML2.initialize()
        self.source = source
        state = XMLSAXState(mapping: mapping, recordElement: recordElement, name: source.name, maxRecordBytes: limits.maxRecordBytes)
        chunk = .allocate(byteCount: max(4096, limits.chunkSize), alignment: 1)
        var handler = xmlSAXHandler()
        // Defaults first (DTD/entity bookkeeping expects the parser context as its user data), then ours.
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = saxStartElement
        handler.endElementNs = saxEndElement
        handler.characters = saxCharacters
        handler.cdataBlock = saxCharacters
        handler.ignorableWhitespace = saxCharacters
        // No reference handler: libxml2 then delivers an internal entity's text through `characters`,
        // at every use (with a handler it would arrive twice at the first use). External entities
        // are never loaded (no XML_PARSE_NOENT / DTDLOAD, and NONET).
        handler.reference = nil
        handler.serror = saxError
        handler.processingInstruction = nil
        handler.comment = nil
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, source.name) else {
            chunk.deallocate()
            throw DataError(.xmlSyntax, "cannot create an XML parser", file: source.name)
        }
        self.context = context
        _ = xmlCtxtUseOptions(context, LibXML2.safeOptions & ~Int32(bitPattern: XML_PARSE_NOBLANKS.rawValue))
        context.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        state.context = context
    }

    deinit {
        if let document = context.pointee.myDoc {
            xmlFreeDoc(document)
            context.pointee.myDoc = nil
        }
        xmlFreeParserCtxt(context)
        chunk.deallocate()
    }

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: chunk.count, bytesRead: bytesRead)
    }

    public func next() throws(RecordError) -> Record? {
        while true {
            if let finished = state.popRecord() {
                recordNumber += 1
                guard let value = finished.value else {
                    throw RecordError(recordNumber: recordNumber, error: DataError(
                        .recordTooLarge, "record element is larger than the limit of \(state.builder.maxRecordBytes) bytes",
                        location: SourceLocation(line: finished.line, column: 1), file: state.name,
                        hint: "raise the reader's maxRecordBytes if such records are legitimate"), isFatal: false)
                }
                return Record(number: recordNumber, value: value, line: finished.line)
            }
            if failed { return nil }
            if let error = state.firstError {
                failed = true
                throw RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
            }
            if atEnd { return nil }
            let n: Int
            do {
                n = try source.read(into: chunk)
            } catch {
                failed = true
                var error = error
                error.file = state.name
                throw RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
            }
            bytesRead += n
            if n == 0 {
                atEnd = true
                xmlParseChunk(context, nil, 0, 1)
            } else {
                xmlParseChunk(context, chunk.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(n), 0)
            }
        }
    }
}

/// The SAX callbacks' target: the parser context, the first error and the record builder.
/// (All building happens in mutating methods of one struct field, so Swift checks exclusivity once
/// per callback instead of on every array access.)
final class XMLSAXState {
    let name: String
    var context: xmlParserCtxtPtr?
    var firstError: DataError?
    var builder: XMLRecordBuilder

    init(mapping: XMLMapping, recordElement: String?, name: String, maxRecordBytes: Int) {
        self.name = name
        builder = XMLRecordBuilder(mapping: mapping, recordElement: recordElement.map { Array($0.utf8) }, maxRecordBytes: maxRecordBytes)
    }

    func popRecord() -> XMLRecordBuilder.Finished? { builder.popRecord() }

    func error(_ error: xmlErrorPtr) {
        guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, firstError == nil else { return }
        firstError = LibXML2.dataError(UnsafePointer(error), file: name, fallback: "malformed XML")
        builder.stopped = true
    }
}

/// Builds record values from SAX events with flat stacks (like the JSON parser): the open elements,
/// their attributes, their finished children, and all character data of the current record.
struct XMLRecordBuilder {
    struct Frame {
        var name: String
        var textStart: Int
        var attributeStart: Int
        var childStart: Int
        var hasSignificantText = false
        var isNil = false
    }

    /// A finished record; `value` nil when it was too large and skipped.
    struct Finished {
        var value: Value?
        var line: Int
    }

    let mapping: XMLMapping
    let recordElement: [UInt8]?
    let maxRecordBytes: Int
    /// A lower bound of the current record's size in the file (names, attribute values, text).
    var recordBytes = 0
    /// The current record passed `maxRecordBytes`: its content is dropped until its end tag.
    var oversized = false
    var depth = 0
    /// Depth of the record element being built; nil outside records.
    var recordDepth: Int?
    var recordLine = 0
    var stopped = false
    var frames: [Frame] = []
    var attributes: [ValueObject.Member] = []
    var childKeys: [String] = []
    var childValues: [Value] = []
    var text: [UInt8] = []
    var finished: [Finished] = []
    var finishedHead = 0
    var nameCache: [UnsafeRawPointer: String] = [:]

    init(mapping: XMLMapping, recordElement: [UInt8]?, maxRecordBytes: Int) {
        self.mapping = mapping
        self.recordElement = recordElement
        self.maxRecordBytes = maxRecordBytes
        text.reserveCapacity(8192)
        frames.reserveCapacity(16)
        childKeys.reserveCapacity(64)
        childValues.reserveCapacity(64)
    }

    mutating func popRecord() -> Finished? {
        guard finishedHead < finished.count else { return nil }
        let record = finished[finishedHead]
        finishedHead += 1
        if finishedHead == finished.count {
            finished.removeAll(keepingCapacity: true)
            finishedHead = 0
        }
        return record
    }

    /// A Swift string for an interned libxml2 name (cached: dictionary strings live as long as the parser).
    mutating func string(_ name: UnsafePointer<xmlChar>, dictionary: xmlDictPtr?) -> String {
        if let cached = nameCache[UnsafeRawPointer(name)] { return cached }
        let string = String(cString: name)
        if let dictionary, xmlDictOwns(dictionary, name) == 1 { nameCache[UnsafeRawPointer(name)] = string }
        return string
    }

    mutating func key(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, dictionary: xmlDictPtr?) -> String {
        if mapping.keyStyle == .qualifiedName, let prefix {
            return string(prefix, dictionary: dictionary) + ":" + string(local, dictionary: dictionary)
        }
        return string(local, dictionary: dictionary)
    }

    func isRecordStart(_ local: UnsafePointer<xmlChar>) -> Bool {
        guard let recordElement else { return depth == 2 }
        var i = 0
        while i < recordElement.count {
            if local[i] != recordElement[i] { return false }
            i += 1
        }
        return local[i] == 0
    }

    mutating func startElement(local: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?, attributeCount: Int,
                               attributeData: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, context: xmlParserCtxtPtr)
    {
        depth += 1
        if recordDepth == nil {
            guard !stopped, isRecordStart(local) else { return }
            recordDepth = depth
            recordLine = Int(xmlSAX2GetLineNumber(UnsafeMutableRawPointer(context)))
            text.removeAll(keepingCapacity: true)
            recordBytes = 0
            oversized = false
        }
        if oversized {
            frames.append(Frame(name: "", textStart: 0, attributeStart: 0, childStart: 0))
            return
        }
        let dictionary = context.pointee.dict
        var frame = Frame(name: key(local: local, prefix: prefix, dictionary: dictionary), textStart: text.count,
                          attributeStart: attributes.count, childStart: childKeys.count)
        if let attributeData {
            // Five pointers per attribute: local name, prefix, namespace URI, value start, value end.
            for i in 0..<attributeCount {
                let base = attributeData + i * 5
                guard let attributeLocal = base[0], let valueStart = base[3], let valueEnd = base[4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: valueStart, count: valueEnd - valueStart), as: UTF8.self)
                if let uri = base[2], strcmp(UnsafeRawPointer(uri).assumingMemoryBound(to: CChar.self), XMLValueBuilder.schemaInstanceNamespace) == 0 {
                    if strcmp(UnsafeRawPointer(attributeLocal).assumingMemoryBound(to: CChar.self), "nil") == 0, value == "true" || value == "1" {
                        frame.isNil = true
                    }
                    continue
                }
                attributes.append(ValueObject.Member(key: key(local: attributeLocal, prefix: base[1], dictionary: dictionary), value: .string(value)))
            }
        }
        recordBytes += frame.name.utf8.count * 2 + 5 + (attributes.count - frame.attributeStart) * 4
        for i in frame.attributeStart..<attributes.count { recordBytes += attributes[i].value.stringValue?.utf8.count ?? 0 }
        frames.append(frame)
        checkSize()
    }

    /// Past the limit: drop what was built and ignore the record's content until its end tag.
    mutating func checkSize() {
        guard recordBytes > maxRecordBytes, !oversized else { return }
        oversized = true
        let open = frames.count
        frames.removeAll(keepingCapacity: true)
        for _ in 0..<open { frames.append(Frame(name: "", textStart: 0, attributeStart: 0, childStart: 0)) }
        attributes.removeAll(keepingCapacity: true)
        childKeys.removeAll(keepingCapacity: true)
        childValues.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    mutating func endElement() {
        defer { depth -= 1 }
        guard recordDepth != nil, let frame = frames.popLast() else { return }
        if oversized {
            if frames.isEmpty {
                recordDepth = nil
                if !stopped { finished.append(Finished(value: nil, line: recordLine)) }
            }
            return
        }
        let value: Value
        if frame.isNil {
            value = .null
        } else if childKeys.count == frame.childStart && attributes.count == frame.attributeStart
                    && (mapping.listElements.isEmpty || !mapping.listElements.contains(frame.name))
        {
            // The common leaf: text only.
            value = .string(String(decoding: text[frame.textStart...], as: UTF8.self))
        } else {
            let parts = XMLMapping.ElementParts(name: frame.name, attributes: Array(attributes[frame.attributeStart...]),
                                                childKeys: Array(childKeys[frame.childStart...]),
                                                childValues: Array(childValues[frame.childStart...]),
                                                hasSignificantText: frame.hasSignificantText)
            let text = self.text
            let all = { String(decoding: text[frame.textStart...], as: UTF8.self) }
            value = mapping.value(of: parts, text: all, mixedText: all)
            attributes.removeSubrange(frame.attributeStart...)
            childKeys.removeSubrange(frame.childStart...)
            childValues.removeSubrange(frame.childStart...)
        }
        if frames.isEmpty {
            recordDepth = nil
            if !stopped { finished.append(Finished(value: value, line: recordLine)) }
        } else {
            childKeys.append(frame.name)
            childValues.append(value)
        }
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, count: Int) {
        guard recordDepth != nil, !frames.isEmpty, !oversized else { return }
        recordBytes += count
        if recordBytes > maxRecordBytes {
            checkSize()
            return
        }
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        if !frames[frames.count - 1].hasSignificantText {
            for i in 0..<count where !XMLValueBuilder.isSpace(bytes[i]) {
                frames[frames.count - 1].hasSignificantText = true
                break
            }
        }
    }
}

/// The state behind a parser context's user data (nil for libxml2's internal sub-parsers).
private func saxState(_ context: UnsafeMutableRawPointer?) -> XMLSAXState? {
    guard let context, let state = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return nil }
    return Unmanaged<XMLSAXState>.fromOpaque(state).takeUnretainedValue()
}

private func saxStartElement(_ context: UnsafeMutableRawPointer?, _ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                             _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
                             _ attributeCount: Int32, _ defaulted: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?)
{
    guard let state = saxState(context), let local, let parser = state.context else { return }
    state.builder.startElement(local: local, prefix: prefix, attributeCount: Int(attributeCount), attributeData: attributes, context: parser)
}

private func saxEndElement(_ context: UnsafeMutableRawPointer?, _ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                           _ uri: UnsafePointer<xmlChar>?)
{
    saxState(context)?.builder.endElement()
}

private func saxCharacters(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
    guard let state = saxState(context), let bytes, count > 0 else { return }
    state.builder.characters(bytes, count: Int(count))
}

private func saxError(_ userData: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let state = saxState(userData), let error else { return }
    state.error(error)
}
