internal import CLibXML2
import Foundation

/// Loads one whole data document (a single invoice for one-off rendering) as a ``Value``.
///
/// `.json`: the document as parsed by ``JSONParser``. `.xml`: the root element mapped with
/// ``XMLMapping`` (the root's name is dropped, so `<invoice>…</invoice>` reads like the JSON object
/// of one invoice). Whole documents are held in memory: use the record readers for batch inputs.
public enum DocumentLoader {
    /// Loads `path`, choosing the format by extension (`.json` or `.xml`).
    public static func load(path: String, mapping: XMLMapping = XMLMapping()) throws(DataError) -> Value {
        let bytes = try readFile(path)
        switch (path as NSString).pathExtension.lowercased() {
        case "json":
            do {
                return try JSONParser.parse(bytes)
            } catch {
                var error = error
                error.file = path
                throw error
            }
        case "xml":
            return try parseXML(bytes, name: path, mapping: mapping)
        default:
            throw DataError(.unsupported, "unknown data file type; expected .json or .xml", file: path)
        }
    }

    /// Parses a whole XML document held in memory.
    public static func parseXML(_ bytes: [UInt8], name: String = "<memory>", mapping: XMLMapping = XMLMapping()) throws(DataError) -> Value {
        LibXML2.initialize()
        guard let context = xmlNewParserCtxt() else { throw DataError(.xmlSyntax, "cannot create an XML parser", file: name) }
        defer { xmlFreeParserCtxt(context) }
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                xmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), name, nil, LibXML2.safeOptions)
            }
        }
        guard let document else {
            throw LibXML2.dataError(UnsafePointer(xmlCtxtGetLastError(context)),
                                    file: name, fallback: "malformed XML")
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw DataError(.xmlSyntax, "the XML document has no root element", file: name)
        }
        return XMLValueBuilder(mapping: mapping).value(of: root)
    }

    /// The whole file, read in chunks.
    static func readFile(_ path: String) throws(DataError) -> [UInt8] {
        let source = try FileByteSource(path: path)
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { chunk.deallocate() }
        while true {
            let n = try source.read(into: chunk)
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }
}
