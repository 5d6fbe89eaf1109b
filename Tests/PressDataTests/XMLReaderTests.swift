import Foundation
import Testing
@testable import PressData

@Suite struct XMLRecordReaderTests {
    func read(_ text: String, record: String? = "invoice", mapping: XMLMapping = XMLMapping(), piece: Int = 7) throws -> [ReadEvent] {
        var reader = try XMLRecordReader(source: MemoryByteSource(text, name: "in.xml", piece: piece),
                                         recordElement: record, mapping: mapping)
        return readAll(&reader)
    }

    let sample = """
    <?xml version="1.0" encoding="UTF-8"?>
    <inv:invoices xmlns:inv="urn:example:invoice" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <inv:invoice id="1" xsi:type="inv:Invoice">
        <inv:number>RE-1</inv:number>
        <inv:recipient><inv:name>Zoë Łukasik &amp; Söhne</inv:name><inv:email xsi:nil="true"/></inv:recipient>
        <inv:items>
          <inv:item><inv:pos>1</inv:pos><inv:amount currency="EUR">10.50</inv:amount></inv:item>
          <inv:item><inv:pos>2</inv:pos><inv:amount currency="EUR">0.005</inv:amount></inv:item>
        </inv:items>
        <inv:note><![CDATA[a < b]]></inv:note>
        <inv:tag>x</inv:tag><inv:tag>y</inv:tag>
        <inv:text>Pay <b>now</b> please</inv:text>
        <inv:empty/>
      </inv:invoice>
      <inv:invoice id="2"><inv:number>RE-2</inv:number><inv:items><inv:item><inv:pos>1</inv:pos></inv:item></inv:items></inv:invoice>
    </inv:invoices>
    """

    @Test func mapsRecordsLikeJSON() throws {
        let events = try read(sample)
        #expect(events.count == 2)
        let first = try #require(events[0].record)
        #expect(first.number == 1)
        #expect(first.line == 3)
        let expected: Value = [
            "id": "1",
            "number": "RE-1",
            "recipient": ["name": "Zoë Łukasik & Söhne", "email": nil],
            "items": [
                ["pos": "1", "amount": ["currency": "EUR", "#text": "10.50"]],
                ["pos": "2", "amount": ["currency": "EUR", "#text": "0.005"]],
            ],
            "note": "a < b",
            "tag": ["x", "y"],
            "text": "Pay now please",
            "empty": "",
        ]
        #expect(first.value == expected)
        #expect(first.value.lookup(path: ["items", 1, "amount", "#text"])?.decimalValue == Decimal(string: "0.005"))
        // One item in a plural container is still an array.
        let second = try #require(events[1].record)
        #expect(second == Record(number: 2, value: ["id": "2", "number": "RE-2", "items": [["pos": "1"]]], line: 15))
    }

    @Test func streamingAndWholeDocumentMappingAgree() throws {
        let records = try read(sample).compactMap(\.record).map(\.value)
        // The root holds only `invoice` children and its name is their plural: an array of them.
        #expect(try DocumentLoader.parseXML(Array(sample.utf8)) == .array(records))
        let mapping = XMLMapping(keyStyle: .qualifiedName, arrayElements: ["inv:tag", "inv:number"], listElements: ["inv:empty"])
        let qualified = try read(sample, mapping: mapping).compactMap(\.record).map(\.value)
        #expect(qualified.first?["inv:empty"] == .array([]))
        #expect(qualified.first?["inv:number"] == ["RE-1"])
        #expect(try DocumentLoader.parseXML(Array(sample.utf8), mapping: mapping) == .array(qualified))
    }

    @Test func qualifiedKeysAndArrayOptions() throws {
        let mapping = XMLMapping(keyStyle: .qualifiedName, arrayElements: ["inv:number"], collapsesPluralContainers: false)
        let events = try read(sample, mapping: mapping)
        let second = try #require(events[1].record?.value)
        #expect(second == ["id": "2", "inv:number": ["RE-2"], "inv:items": ["inv:item": ["inv:pos": "1"]]])
    }

    @Test func defaultRecordsAreTheRootsChildren() throws {
        let events = try read("<rows><row a='1'/><other>t</other><row a='2'><row>nested</row></row></rows>", record: nil)
        #expect(events.compactMap(\.record).map(\.value) == [["a": "1"], "t", ["a": "2", "row": "nested"]])
    }

    @Test func attributeAndElementWithTheSameName() throws {
        let events = try read("<r><invoice id='a'><id>b</id></invoice></r>")
        #expect(events.first?.record?.value == ["@id": "a", "id": "b"])
    }

    @Test func malformedXMLIsFatalAfterDeliveringEarlierRecords() throws {
        let text = "<invoices>\n<invoice><n>1</n></invoice>\n<invoice><n>2</n></invoice>\n<invoice><n>3</x></invoice>\n<invoice><n>4</n></invoice>\n</invoices>"
        let events = try read(text)
        #expect(events.compactMap(\.record).map(\.number) == [1, 2])
        let error = try #require(events.last?.error)
        #expect(events.count == 3)
        #expect(error.isFatal)
        #expect(error.recordNumber == 3)
        #expect(error.error.code == .xmlSyntax)
        #expect(error.line == 4)
        #expect(error.column == 18)
        #expect(error.reason == "Opening and ending tag mismatch: n line 4 and x")
        #expect(error.description == "record 3: in.xml: line 4, column 18: Opening and ending tag mismatch: n line 4 and x")
    }

    @Test func truncatedFileIsFatal() throws {
        let events = try read("<invoices><invoice><n>1</n></invoice><invoice><n>2</n>")
        #expect(events.compactMap(\.record).count == 1)
        let error = try #require(events.last?.error)
        #expect(error.isFatal)
        #expect(error.recordNumber == 2)
        #expect(error.line == 1)
        #expect(error.column == 55)
        // libxml2's reader words a premature end this way.
        #expect(error.reason == "Extra content at the end of the document")
    }

    @Test func externalEntitiesAreNotExpanded() throws {
        let text = """
        <?xml version="1.0"?>
        <!DOCTYPE invoices [
          <!ENTITY xxe SYSTEM "file:///etc/hostname">
          <!ENTITY company "Nordlicht GmbH">
        ]>
        <invoices><invoice><secret>[&xxe;]</secret><from>&company;</from></invoice><invoice><from>&company; &amp; &company;</from></invoice></invoices>
        """
        let events = try read(text)
        #expect(events.count == 2)
        #expect(events.first?.record?.value == ["secret": "[]", "from": "Nordlicht GmbH"])
        #expect(events.last?.record?.value == ["from": "Nordlicht GmbH & Nordlicht GmbH"])
        let document = try DocumentLoader.parseXML(Array(text.utf8))
        // The root `invoices` holds only `invoice` children: a plural list container, hence an array.
        #expect(document == [["secret": "[]", "from": "Nordlicht GmbH"], ["from": "Nordlicht GmbH & Nordlicht GmbH"]])
    }

    @Test func oversizedRecordIsSkipped() throws {
        let big = "<invoice><items>" + String(repeating: "<item><d>abcdefghij</d></item>\n", count: 200) + "</items></invoice>\n"
        let text = "<invoices>\n<invoice><n>1</n></invoice>\n" + big + "<invoice><n>3</n></invoice>\n</invoices>"
        var reader = try XMLRecordReader(source: MemoryByteSource(text, piece: 100), recordElement: "invoice",
                                         limits: ReaderLimits(chunkSize: 4096, maxRecordBytes: 1000))
        let events = readAll(&reader)
        #expect(events.count == 3)
        #expect(events[0].record?.value == ["n": "1"])
        let error = try #require(events[1].error)
        #expect(error.isFatal == false)
        #expect(error.recordNumber == 2)
        #expect(error.line == 3)
        #expect(error.error.code == .recordTooLarge)
        #expect(error.reason == "record element is larger than the limit of 1000 bytes")
        #expect(events[2].record == Record(number: 3, value: ["n": "3"], line: 204))
    }

    @Test func bigInputStreamsInBoundedChunks() throws {
        var text = "<invoices>"
        for i in 1...20_000 { text += "<invoice id='\(i)'><n>\(i)</n><items><item>a</item><item>b</item></items></invoice>\n" }
        text += "</invoices>"
        var reader = try XMLRecordReader(source: MemoryByteSource(text, piece: 1 << 20), recordElement: "invoice")
        var count = 0
        var last: Record?
        while let record = try reader.next() {
            count += 1
            last = record
        }
        #expect(count == 20_000)
        #expect(last?.value == ["id": "20000", "n": "20000", "items": ["a", "b"]])
        #expect(last?.line == 20_000)
        #expect(reader.statistics.bytesRead == text.utf8.count)
    }
}

@Suite struct DocumentLoaderTests {
    @Test func xmlSyntaxErrorHasLocation() throws {
        do {
            _ = try DocumentLoader.parseXML(Array("<a>\n  <b>x</c>\n</a>".utf8), name: "one.xml")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .xmlSyntax)
            #expect(error.location == SourceLocation(line: 2, column: 11))
            #expect(error.description == "one.xml: line 2, column 11: Opening and ending tag mismatch: b line 2 and c")
        }
    }

    @Test func unknownExtensionAndMissingFile() {
        do {
            _ = try DocumentLoader.load(path: "/tmp/x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .io || error.code == .unsupported)
        }
        do {
            _ = try DocumentLoader.load(path: "/nonexistent/invoice.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/invoice.json: cannot open file: No such file or directory")
        }
    }
}
