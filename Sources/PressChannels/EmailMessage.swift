import Foundation

/// An e-mail address with an optional display name.
public struct Mailbox: Sendable, Hashable {
    public var displayName: String?
    public var address: String

    /// Validates `address` (ASCII `local@domain`, no spaces, controls, `<>`, `"`, `,` or `;`): data
    /// cannot inject headers or extra recipients. Throws `ChannelError.invalidDocument` otherwise.
    public init(_ address: String, displayName: String? = nil) throws {
        let a = address.trimmingCharacters(in: .whitespaces)
        let parts = a.split(separator: "@", omittingEmptySubsequences: false)
        let forbidden: Set<UInt8> = Set("<>\"(),;:\\[] ".utf8)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), a.utf8.count <= 254,
              a.utf8.allSatisfy({ $0 > 32 && $0 < 127 && !forbidden.contains($0) }),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
        else {
            throw ChannelError(.invalidDocument, "not a valid e-mail address (ASCII local@domain expected)")
        }
        self.address = a
        self.displayName = displayName
    }

    /// The header form: `Name <a@b>` with the name quoted or RFC 2047-encoded as needed.
    var headerValue: String {
        guard let name = displayName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty else { return address }
        if MIMEEncoding.isPlainHeaderText(name) {
            let atext = name.utf8.allSatisfy { b in
                (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 32
            }
            return (atext ? name : MIMEEncoding.quoted(name)) + " <" + address + ">"
        }
        return MIMEEncoding.encodedWords(name) + "\r\n <" + address + ">"
    }
}

/// One RFC 5322 message with a UTF-8 text body and one PDF attachment (MIME multipart/mixed, RFC 2046).
///
/// The bytes are deterministic: the Date comes from the injected clock, the Message-ID and the MIME boundary
/// from the ids, so a resumed run writes the same message again. Lines end in CRLF.
public struct EmailMessage: Sendable {
    public var from: Mailbox
    public var to: Mailbox
    public var replyTo: Mailbox?
    public var subject: String
    /// The text body (any line endings; encoded quoted-printable UTF-8).
    public var body: String
    /// The attachment's file name as the recipient sees it (may be non-ASCII).
    public var attachmentName: String
    public var attachment: [UInt8]
    public var attachmentType: String = "application/pdf"
    /// Without angle brackets, e.g. `run42.r00000017@presswork.invalid`.
    public var messageID: String
    public var date: Date

    public init(from: Mailbox, to: Mailbox, replyTo: Mailbox? = nil, subject: String, body: String,
                attachmentName: String, attachment: [UInt8], messageID: String, date: Date) {
        self.from = from; self.to = to; self.replyTo = replyTo; self.subject = subject; self.body = body
        self.attachmentName = attachmentName; self.attachment = attachment; self.messageID = messageID; self.date = date
    }

    /// A stable Message-ID local part for a run's record: `<run>.r<record>` at `domain`.
    public static func messageID(runID: String, record: Int, domain: String) -> String {
        "\(runID).r\(record)@\(domain)"
    }

    /// Encodes the message (RFC 5322 + MIME) as bytes.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(attachment.count * 138 / 100 + body.utf8.count * 2 + 1024)
        func header(_ name: String, _ value: String) {
            out.append(contentsOf: name.utf8); out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: value.utf8); out.append(contentsOf: MIMEEncoding.crlf)
        }
        // Boundary from a hash of the id: "=_" can never occur in base64 or quoted-printable bodies.
        let boundary = "=_presswork_" + SHA256.hex(Array(messageID.utf8)).prefix(24)
        header("From", from.headerValue)
        header("To", to.headerValue)
        if let replyTo { header("Reply-To", replyTo.headerValue) }
        header("Subject", MIMEEncoding.headerText(subject))
        header("Date", RFC5322Date.format(date))
        header("Message-ID", "<" + messageID + ">")
        header("MIME-Version", "1.0")
        header("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"")
        out.append(contentsOf: MIMEEncoding.crlf)
        out.append(contentsOf: "This is a multi-part message in MIME format.\r\n".utf8)

        out.append(contentsOf: "\r\n--\(boundary)\r\n".utf8)
        header("Content-Type", "text/plain; charset=UTF-8")
        header("Content-Transfer-Encoding", "quoted-printable")
        out.append(contentsOf: MIMEEncoding.crlf)
        MIMEEncoding.quotedPrintable(body, into: &out)

        out.append(contentsOf: "\r\n--\(boundary)\r\n".utf8)
        if MIMEEncoding.isPlainHeaderText(attachmentName) {
            let q = MIMEEncoding.quoted(attachmentName)
            header("Content-Type", "\(attachmentType); name=\(q)")
            header("Content-Disposition", "attachment; filename=\(q)")
        } else {
            // RFC 2231 is the standard; the RFC 2047 `name` is what older clients read.
            header("Content-Type", "\(attachmentType);\r\n name=\"\(MIMEEncoding.encodedWords(attachmentName, separator: " "))\"")
            header("Content-Disposition", "attachment;\r\n filename*=\(MIMEEncoding.rfc2231Value(attachmentName))")
        }
        header("Content-Transfer-Encoding", "base64")
        out.append(contentsOf: MIMEEncoding.crlf)
        MIMEEncoding.base64(attachment, into: &out)
        out.append(contentsOf: "\r\n--\(boundary)--\r\n".utf8)
        return out
    }
}
