import Foundation
import Testing
@testable import PressChannels

@Suite struct EmailTests {
    static let date = Date(timeIntervalSince1970: 1_795_338_000) // 2026-11-22 09:00:00 UTC

    func message() throws -> EmailMessage {
        var pdf: [UInt8] = Array("%PDF-1.7\n".utf8)
        for i in 0..<5000 { pdf.append(UInt8(truncatingIfNeeded: i &* 37)) }
        return EmailMessage(
            from: try Mailbox("rechnung@nordlicht-buero.example", displayName: "Nordlicht Bürotechnik GmbH"),
            to: try Mailbox("lukasz@example.pl", displayName: "Łukasz Żółkowski, \"Hurtownia\""),
            subject: "Ihre Rechnung RE-2024-000017 – Größe & Maß über 60 Zeichen lang damit gefaltet wird, ja wirklich",
            body: "Sehr geehrter Herr Żółkowski,\n\nanbei Ihre Rechnung über 1.234,56 € = fällig.   \nZeile mit Ende=\n" +
                String(repeating: "ä", count: 100),
            attachmentName: "Rechnung Größe RE-2024-000017.pdf",
            attachment: pdf,
            messageID: EmailMessage.messageID(runID: "night-1", record: 17, domain: "presswork.invalid"),
            date: EmailTests.date)
    }

    @Test func parsesBackWithPythonsEmailPackage() throws {
        guard let py = python3() else { return }
        let tmp = TempFolder(); defer { tmp.cleanup() }
        let msg = try message()
        let bytes = msg.encoded()
        let path = tmp.path + "/m.eml"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let script = """
        import sys, email, email.policy, hashlib, json
        m = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
        body = m.get_body(('plain',)).get_content()
        att = [p for p in m.iter_attachments()][0]
        data = att.get_payload(decode=True)
        print(json.dumps({"subject": str(m['subject']), "to": str(m['to']), "from": str(m['from']),
          "date": str(m['date']), "mid": str(m['message-id']), "ctype": m.get_content_type(),
          "body": body, "fname": att.get_filename(), "atype": att.get_content_type(),
          "sha": hashlib.sha256(data).hexdigest(), "defects": len(m.defects) + sum(len(p.defects) for p in m.walk())}))
        """
        let (status, out, err) = try run(py, ["-c", script, path])
        #expect(status == 0, "\(err)")
        let json = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(json["subject"] as? String == msg.subject)
        #expect((json["to"] as? String)?.contains("Łukasz Żółkowski") == true)
        #expect((json["to"] as? String)?.contains("<lukasz@example.pl>") == true)
        #expect((json["from"] as? String)?.contains("Nordlicht Bürotechnik GmbH") == true)
        #expect(json["date"] as? String == "Sun, 22 Nov 2026 09:00:00 +0000")
        #expect(json["mid"] as? String == "<night-1.r17@presswork.invalid>")
        #expect(json["ctype"] as? String == "multipart/mixed")
        #expect(json["body"] as? String == msg.body.replacingOccurrences(of: "\n", with: "\n") + "\n")
        #expect(json["fname"] as? String == "Rechnung Größe RE-2024-000017.pdf")
        #expect(json["atype"] as? String == "application/pdf")
        #expect(json["sha"] as? String == SHA256.hex(msg.attachment))
        #expect(json["defects"] as? Int == 0)
    }

    @Test func linesAreShortAndCRLFAndDeterministic() throws {
        let bytes = try message().encoded()
        #expect(bytes == (try message().encoded()))
        let text = String(decoding: bytes, as: UTF8.self)
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= (line.contains("name=") ? 998 : 78), "\(line)") }
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(bytes.allSatisfy { $0 < 128 })
    }

    @Test func headerInjectionIsImpossible() throws {
        #expect(throws: ChannelError.self) { try Mailbox("a@b.example\r\nBcc: x@y.example") }
        #expect(throws: ChannelError.self) { try Mailbox("a@b.example, c@d.example") }
        #expect(throws: ChannelError.self) { try Mailbox("no-at-sign") }
        let words = MIMEEncoding.headerText("Hi\r\nBcc: evil@example.com ä")
        #expect(!words.contains("\r\nBcc"))
    }

    @Test func quotedPrintableRules() {
        var out: [UInt8] = []
        MIMEEncoding.quotedPrintable("a=b \nä", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "a=3Db=20\r\n=C3=A4\r\n")
        out = []
        MIMEEncoding.quotedPrintable(String(repeating: "x", count: 200), into: &out)
        let lines = String(decoding: out, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines[0].hasSuffix("="))
    }

    @Test func encodedWordsSplitBetweenCharacters() {
        let s = String(repeating: "ż", count: 40)
        let enc = MIMEEncoding.encodedWords(s)
        for word in enc.components(separatedBy: "\r\n ") {
            #expect(word.utf8.count <= 75)
            let b64 = String(word.dropFirst(10).dropLast(2))
            let decoded = Data(base64Encoded: b64)!
            #expect(String(data: decoded, encoding: .utf8) != nil)
        }
        #expect(MIMEEncoding.rfc2231Value("Größe a.pdf") == "UTF-8''Gr%C3%B6%C3%9Fe%20a.pdf")
    }

    @Test func base64MatchesFoundation() {
        for n in [0, 1, 2, 3, 4, 5, 56, 57, 58, 59, 113, 114, 115, 1000, 30_001] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var out: [UInt8] = Array("prefix".utf8)
            MIMEEncoding.base64(bytes, into: &out)
            // What was there stays; lines of 76 characters, each ended by CRLF, the last one too.
            #expect(out.prefix(6).elementsEqual("prefix".utf8))
            let lines = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            #expect(String(decoding: out.dropFirst(6), as: UTF8.self) == (n == 0 ? "" : lines + "\r\n"), "\(n) bytes")
            var single: [UInt8] = []
            MIMEEncoding.base64(bytes, into: &single, lineLength: 0)
            #expect(String(decoding: single, as: UTF8.self) == Data(bytes).base64EncodedString(), "\(n) bytes")
        }
    }

    @Test func rfc5322Dates() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(RFC5322Date.iso8601(EmailTests.date) == "2026-11-22T09:00:00Z")
    }
}
