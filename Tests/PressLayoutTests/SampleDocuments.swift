import Foundation
import PressLayout

/// Small documents shared by the golden tests and the timing check.
enum SampleDocuments {
    static let styles: [String: Style] = [
        "body": Style(fontSize: 10, lineHeight: .multiple(1.3), spaceAfter: 6),
        "heading": Style(parent: "body", fontSize: 12, bold: true, spaceBefore: 6, keepWithNext: true),
        "small": Style(fontSize: 7),
        "cell": Style(fontSize: 9),
        "number": Style(parent: "cell", alignment: .right),
        "strong": Style(bold: true),
    ]

    /// A DIN 5008 form B invoice with `items` line items, page X of Y and carried-forward subtotals.
    static func invoice(items: Int, customer: String = "Zofia Wiśniewska") -> Document {
        let letter = Din5008Letter(
            form: .b,
            returnAddress: [.paragraph(Paragraph("Presswork GmbH · Hafenstraße 12 · 20457 Hamburg", style: "small"))],
            address: [.paragraph(Paragraph("Frau\n\(customer)\nul. Długa 5\n00-001 Warszawa\nPOLEN"))],
            informationBlock: [.paragraph(Paragraph("Rechnungsnr.: RE-2026-0042\nKundennr.: 10077\nDatum: 22.11.2026", style: "cell"))])
        let footer = Region([.paragraph(Paragraph([Span("Seite "), .pageNumber(), Span(" von "), .pageCount()],
                                                  style: "small", overrides: Style(alignment: .right)))])
        let first = letter.firstPageMaster(footer: footer)
        let following = PageMaster(margins: Insets(top: .mm(20), right: .mm(20), bottom: .mm(25), left: .mm(25)), footer: footer)
        var rows: [TableRow] = []
        rows.reserveCapacity(items)
        for i in 0..<items {
            let price = Decimal(1000 + i * 37) / 100
            rows.append(TableRow([
                TableCell("\(i + 1)", style: "cell"),
                TableCell("Artikel \(i + 1): Büroklammern, verzinkt, 100 Stück", style: "cell"),
                TableCell("\(i % 5 + 1)", style: "number"),
                TableCell("Stk.", style: "cell"),
                TableCell("\(price)", style: "number"),
                TableCell("\(price * Decimal(i % 5 + 1))", style: "number"),
            ], keepTogether: true, amount: price * Decimal(i % 5 + 1)))
        }
        let carry = CarryForward(
            bottom: TableRow([TableCell("Übertrag", style: "cell", columnSpan: 5), TableCell([.carriedForward()], style: "number")]),
            top: TableRow([TableCell("Übertrag", style: "cell", columnSpan: 5), TableCell([.carriedForward()], style: "number")]),
            format: { "\($0) €" })
        let table = Table(
            columns: [.fixed(25), .relative(1), .fixed(40), .fixed(40), .fixed(55), .fixed(60)],
            headerRows: [TableRow(["Pos.", "Beschreibung", "Menge", "Einheit", "Preis", "Betrag"].map {
                TableCell([Span($0, style: "strong")], style: "cell")
            })],
            rows: rows, rules: TableRules(headerBottom: Stroke(width: 0.75), rows: Stroke(color: .gray(0.7), width: 0.25)),
            headerBackground: .gray(0.92), carryForward: carry, spaceAfter: 8)
        return Document(
            metadata: DocumentMetadata(title: "Rechnung RE-2026-0042", language: "de-DE"),
            firstPage: first, followingPages: following, styles: styles, baseStyle: Style(parent: nil, fontSize: 10),
            body: [
                .paragraph(Paragraph("Rechnung RE-2026-0042", style: "heading")),
                .paragraph(Paragraph("Sehr geehrte Frau Wiśniewska,\nfür unsere Lieferung vom 15.11.2026 berechnen wir Ihnen:", style: "body")),
                .table(table),
                .paragraph(Paragraph("Bitte überweisen Sie den Betrag innerhalb von 14 Tagen ohne Abzug. Zahlbar an: "
                    + "Presswork GmbH, IBAN DE02 1203 0000 0000 2020 51, BIC BYLADEM1001.", style: "body",
                    overrides: Style(alignment: .justified))),
                .paragraph(Paragraph("Mit freundlichen Grüßen", style: "body")),
            ])
    }

    /// A short paragraph study: alignments and a justified block.
    static func paragraphs() -> Document {
        let text = "Zażółć gęślą jaźń. Straße und Übergröße. ¿Dónde está el niño? Die Ware bleibt bis zur "
            + "vollständigen Bezahlung unser Eigentum; Reklamationen innerhalb von acht Tagen."
        return Document(pageSize: .a5, master: PageMaster(margins: .all(.mm(15))), styles: styles, body: [
            .paragraph(Paragraph(text, style: "body")),
            .paragraph(Paragraph(text, style: "body", overrides: Style(alignment: .right))),
            .paragraph(Paragraph(text, style: "body", overrides: Style(alignment: .center))),
            .paragraph(Paragraph(text, style: "body", overrides: Style(alignment: .justified))),
            .rule(Rule()),
            .paragraph(Paragraph([Span("Fett", style: "strong"), Span(" und "), Span("kursiv", overrides: Style(italic: true)),
                                  Span(" und farbig", overrides: Style(color: .rgb(0.8, 0, 0)))], style: "body")),
        ])
    }
}
