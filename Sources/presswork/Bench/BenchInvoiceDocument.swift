import Foundation
import PressData
import PressImages
import PressLayout

/// The peers' benchmark invoice (`../shared/bench/common.py`) built directly as a layout `Document`,
/// without the template language: this is the "rendering core" figure of `Scripts/bench`.
///
/// Geometry follows the peers' contract: A4, body 20..190 mm wide, ends at 272 mm; logo top-right;
/// sender line and recipient in the DIN 5008 window; meta block at 125..190 mm; table from 110 mm on
/// page 1 (20 mm later) with columns 10/78/22/22/13/25 mm, 8 pt on a 10 pt pitch, 1 mm padding, bold
/// header on light grey repeated on every page; totals 58+32 mm right-aligned, kept with the 9 pt terms;
/// footer line at 277 mm and footer text at 282 mm with "Seite X von Y".
struct BenchInvoiceDocument {
    let logo: ImageResource?

    static let grey = Color.gray(0.9)
    static let line = Color.gray(0.73)
    static let columns: [TableColumn] = [10, 78, 22, 22, 13, 25].map { .fixed(.mm($0)) }
    static let styles: [String: Style] = [
        "cell": Style(fontFamily: "DejaVu Sans", fontSize: 8, lineHeight: .exactly(10)),
        "cellR": Style(parent: "cell", alignment: .right),
        "head": Style(parent: "cell", bold: true),
        "headR": Style(parent: "cell", bold: true, alignment: .right),
        "title": Style(fontSize: 14, bold: true, lineHeight: .exactly(17)),
        "terms": Style(fontSize: 9, lineHeight: .exactly(12)),
        "tot": Style(fontSize: 9, lineHeight: .exactly(11)),
        "totR": Style(fontSize: 9, alignment: .right, lineHeight: .exactly(11)),
        "totB": Style(fontSize: 9, bold: true, lineHeight: .exactly(11)),
        "totBR": Style(fontSize: 9, bold: true, alignment: .right, lineHeight: .exactly(11)),
        "small": Style(fontSize: 7, lineHeight: .exactly(8.4)),
        "addr": Style(fontSize: 10, lineHeight: .exactly(.mm(5))),
        "meta": Style(fontSize: 9, lineHeight: .exactly(.mm(5))),
        "metaR": Style(fontSize: 9, alignment: .right, lineHeight: .exactly(.mm(5))),
        "pageno": Style(fontSize: 8, alignment: .right, lineHeight: .exactly(9.6)),
    ]

    /// The table's header row: the same in every invoice, built once.
    static let header = TableRow(["Pos.", "Beschreibung", "Menge", "Einzelpreis", "USt", "Betrag"].enumerated().map {
        var c = TableCell($0.element, style: $0.offset == 1 ? "head" : "headR")
        c.padding = .all(.mm(1))
        return c
    })

    /// `n` as text. Line positions are small integers: converting through `Int` (checked to be exact)
    /// is several times cheaper than `Decimal`'s general formatting, which cost more than laying the
    /// position cell out.
    static func text(of n: Decimal) -> String {
        let integer = NSDecimalNumber(decimal: n).intValue
        return Decimal(integer) == n ? String(integer) : "\(n)"
    }

    func document(for invoice: Value) -> Document {
        func s(_ v: Value?) -> String { v?.stringValue ?? "" }
        let sender = invoice["sender"], recipient = invoice["recipient"]
        let number = s(invoice["number"])

        // Line items.
        let pad = Insets.all(.mm(1))
        func cell(_ text: String, _ style: String) -> TableCell {
            TableCell([.paragraph(Paragraph(text, style: style))], padding: pad)
        }
        let header = Self.header
        var rows: [TableRow] = []
        for item in invoice["items"]?.arrayValue ?? [] {
            let pos: String
            if case .number(let n)? = item["pos"] { pos = Self.text(of: n) } else { pos = s(item["pos"]) }
            rows.append(TableRow([
                cell(pos, "cellR"), cell(s(item["desc"]), "cell"),
                cell(s(item["qty"]) + " " + s(item["unit"]), "cellR"), cell(s(item["unit_price"]), "cellR"),
                cell(s(item["vat"]), "cellR"), cell(s(item["amount"]), "cellR"),
            ]))
        }
        let items = Table(columns: Self.columns, headerRows: [header], rows: rows,
                          rules: TableRules(headerBottom: Stroke(color: .black, width: 0.5),
                                            rows: Stroke(color: Self.line, width: 0.25)),
                          cellPadding: pad, headerBackground: Self.grey, spaceAfter: .mm(4))

        // Totals, kept together with the payment terms.
        let totals = invoice["totals"]
        let tpad = Insets.symmetric(vertical: .mm(0.7), horizontal: .mm(1))
        func trow(_ label: String, _ value: String, bold: Bool = false) -> TableRow {
            // The first, empty cell pushes the 58 + 32 mm totals block to the right edge.
            var a = TableCell(label, style: bold ? "totB" : "tot"), b = TableCell(value, style: bold ? "totBR" : "totR")
            a.padding = tpad
            b.padding = tpad
            if bold {
                a.borders = Borders(top: Stroke(color: .black, width: 0.75))
                b.borders = Borders(top: Stroke(color: .black, width: 0.75))
            }
            return TableRow([TableCell([]), a, b])
        }
        var totalRows = [trow("Nettobetrag", s(totals?["net"]) + " EUR")]
        for v in totals?["vat"]?.arrayValue ?? [] {
            totalRows.append(trow("zzgl. " + s(v["rate"]) + " USt auf " + s(v["base"]), s(v["amount"]) + " EUR"))
        }
        totalRows.append(trow("Gesamtbetrag", s(totals?["gross"]) + " EUR", bold: true))
        let totalsBlock = Block.table(Table(columns: [.relative(1), .fixed(.mm(58)), .fixed(.mm(32))],
                                            rows: totalRows, cellPadding: tpad))

        // Fixed parts of page 1: logo, sender line, recipient, meta block, title.
        var frames: [Frame] = []
        if let logo {
            frames.append(Frame(x: .mm(140), y: .mm(15), width: .mm(50), height: .mm(50.0 / 3),
                                blocks: [.image(ImageBlock(logo, width: .mm(50), height: .mm(50.0 / 3)))]))
        }
        frames.append(Frame(x: .mm(20), y: .mm(46.5), width: .mm(85),
                            blocks: [.paragraph(Paragraph(s(sender?["line"]), style: "small"))]))
        let address = [s(recipient?["name"]), s(recipient?["street"]),
                       s(recipient?["postcode"]) + " " + s(recipient?["city"]), s(recipient?["country"])]
        frames.append(Frame(x: .mm(20), y: .mm(54.2), width: .mm(85),
                            blocks: address.map { .paragraph(Paragraph($0, style: "addr")) }))
        let meta: [(String, String)] = [("Rechnungsnr.", number), ("Rechnungsdatum", s(invoice["date"])),
                                        ("Fällig am", s(invoice["due_date"])), ("Kundennummer", s(invoice["customer_no"]))]
        let metaTable = Table(columns: [.fixed(.mm(30)), .fixed(.mm(35))],
                              rows: meta.map { TableRow([TableCell($0.0, style: "meta"), TableCell($0.1, style: "metaR")]) },
                              cellPadding: .zero)
        frames.append(Frame(x: .mm(125), y: .mm(49.2), width: .mm(65), blocks: [.table(metaTable)]))
        frames.append(Frame(x: .mm(20), y: .mm(98), width: .mm(170),
                            blocks: [.paragraph(Paragraph("Rechnung " + number, style: "title"))]))

        // Footer on every page: a hairline at 277 mm, sender data left, "Seite X von Y" right.
        let footerLeft = s(sender?["name"]) + " · USt-IdNr. " + s(sender?["vat_id"]) + " · IBAN " + s(sender?["iban"])
            + " · BIC " + s(sender?["bic"])
        let footerTable = Table(columns: [.relative(1), .fixed(.mm(20))], rows: [TableRow([
            TableCell(footerLeft, style: "small"),
            TableCell([Span("Seite "), .pageNumber(), Span(" von "), .pageCount()], style: "pageno"),
        ])], cellPadding: .zero)
        let footer = Region([.table(footerTable)], offset: .mm(12.5))
        let footerRule = ShapeItem(.line(from: Point(x: Points.mm(20).value, y: Points.mm(277).value),
                                         to: Point(x: Points.mm(190).value, y: Points.mm(277).value)),
                                   stroke: Stroke(color: Self.line, width: 0.5))

        let first = PageMaster(margins: Insets(top: .mm(110), right: .mm(20), bottom: .mm(25), left: .mm(20)),
                               footer: footer, frames: frames, shapes: [footerRule])
        let following = PageMaster(margins: Insets(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(20)),
                                   footer: footer, shapes: [footerRule])
        let terms = Paragraph(s(invoice["payment_terms"]), style: "terms")
        return Document(
            metadata: DocumentMetadata(title: "Rechnung " + number, author: s(sender?["name"]), language: "de"),
            firstPage: first, followingPages: following, styles: Self.styles,
            baseStyle: Style(fontFamily: "DejaVu Sans", fontSize: 8),
            body: [.table(items), .keepTogether([totalsBlock, .spacer(.mm(4)), .paragraph(terms)])])
    }
}
