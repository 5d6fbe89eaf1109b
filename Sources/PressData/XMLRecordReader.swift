internal import CLibXML2

/// Reads records from XML with libxml2's streaming `xmlTextReader`: each element named
/// ``recordElement`` (by local name, at any depth outside another record) is expanded, mapped with
/// ``XMLMapping`` and released before the next one, so memory stays bounded by the largest record.
///
/// With no record element given, the children of the root element are the records.
/// Malformed XML is fatal at the point of the error (XML cannot resynchronise): the records before
/// it have been delivered, and the error carries libxml2's line, column and message.
public final class XMLRecordReader: RecordReader {
    private let reader: xmlTextReaderPtr
    private let input: XMLInput
    private let recordElement: [UInt8]?
    private let builder: XMLValueBuilder
    private var recordNumber = 0
    private var skipCurrent = false
    private var finished = false

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
        input = XMLInput(source: source, chunkSize: limits.chunkSize)
        self.recordElement = recordElement.map { Array($0.utf8) }
        builder = XMLValueBuilder(mapping: mapping)
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard let reader = xmlReaderForIO(xmlInputRead, nil, context, source.name, nil, LibXML2.safeOptions) else {
            throw DataError(.xmlSyntax, "cannot create an XML reader", file: source.name)
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, xmlReaderError, context)
    }

    deinit { xmlFreeTextReader(reader) }

    public var statistics: ReaderStatistics {
        ReaderStatistics(peakBufferBytes: input.chunkSize, bytesRead: input.bytesRead)
    }

    public func next() throws(RecordError) -> Record? {
        if finished { return nil }
        while true {
            let status = skipCurrent ? xmlTextReaderNext(reader) : xmlTextReaderRead(reader)
            skipCurrent = false
            if status == 0 {
                finished = true
                if let error = input.firstError { throw fatal(error) }
                return nil
            }
            if status < 0 { throw fatal(input.firstError) }
            guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue), isRecordElement() else {
                continue
            }
            guard let node = xmlTextReaderExpand(reader) else { throw fatal(input.firstError) }
            if let error = input.firstError { throw fatal(error) }
            recordNumber += 1
            let value = builder.value(of: node)
            let line = Int(xmlGetLineNo(node))
            skipCurrent = true
            return Record(number: recordNumber, value: value, line: line > 0 ? line : nil)
        }
    }

    private func isRecordElement() -> Bool {
        guard let recordElement else { return xmlTextReaderDepth(reader) == 1 }
        guard let name = xmlTextReaderConstLocalName(reader) else { return false }
        var i = 0
        while i < recordElement.count {
            if name[i] != recordElement[i] { return false }
            i += 1
        }
        return name[i] == 0
    }

    private func fatal(_ error: DataError?) -> RecordError {
        finished = true
        var error = error ?? DataError(.xmlSyntax, "malformed XML")
        error.file = input.name
        return RecordError(recordNumber: recordNumber + 1, error: error, isFatal: true)
    }
}

/// The byte source and error sink shared with libxml2's C callbacks.
final class XMLInput {
    var source: any ByteSource
    let name: String
    let chunkSize: Int
    var bytesRead = 0
    var firstError: DataError?

    init(source: any ByteSource, chunkSize: Int) {
        self.source = source
        name = source.name
        self.chunkSize = chunkSize
    }
}

/// libxml2 read callback: fills `buffer` from the ByteSource; -1 reports an I/O error.
private func xmlInputRead(_ context: UnsafeMutableRawPointer?, _ buffer: UnsafeMutablePointer<CChar>?, _ length: Int32) -> Int32 {
    guard let context, let buffer, length > 0 else { return -1 }
    let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
    do {
        let n = try input.source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
        input.bytesRead += n
        return Int32(n)
    } catch {
        if input.firstError == nil { input.firstError = error }
        return -1
    }
}

/// libxml2 structured error callback: keeps the first error (warnings are ignored).
private func xmlReaderError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
    guard let context, let error else { return }
    let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
    guard error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue, input.firstError == nil else { return }
    input.firstError = LibXML2.dataError(UnsafePointer(error), file: input.name, fallback: "malformed XML")
}
