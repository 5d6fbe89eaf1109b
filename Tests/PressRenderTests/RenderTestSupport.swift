import Foundation
import PressworkTestSupport
import PressFonts
import PressImages
import PressLayout
import PressPDF
import PressRender

/// The folder holding Package.swift, found by walking up from this file.
let repositoryRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        url = url.deletingLastPathComponent()
    }
    return url
}()

enum Fonts {
    static let regular: FontFace = load("DejaVuSans.ttf")
    static let bold: FontFace = load("DejaVuSans-Bold.ttf")
    /// CFF outlines (OpenType): exercises CIDFontType0 + FontFile3.
    static let cff: FontFace = load("lmsans10-regular.otf")

    static func load(_ file: String) -> FontFace {
        let path = repositoryRoot.appendingPathComponent("Fixtures/fonts/\(file)").path
        let data = [UInt8](FileManager.default.contents(atPath: path)!)
        return try! FontFace(data: data, name: path)
    }
}

/// A fixed creation date: 2026-11-22T10:30:00Z.
let fixedDate = Date(timeIntervalSince1970: 1_795_343_400)

func textRun(_ text: String, font: FontFace = Fonts.regular, size: Double = 10, x: Double, y: Double,
             color: PressLayout.Color = .black) -> PageItem {
    let shaped = font.shape(text, language: "de")
    return .text(TextRun(font: font, size: size, color: color, origin: Point(x: x, y: y), glyphs: shaped.glyphs, text: text))
}

/// Runs a tool if installed; nil when missing (the caller prints a skip message).
func runTool(_ name: String, _ arguments: [String]) -> (status: Int32, output: String)? {
    let candidates = ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"]
    guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
    let dir = URL(fileURLWithPath: TestScratch.folder("pressrender-tests"))
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
}

/// A minimal PNG encoder for test images (RGBA, 8 bit, filter 0).
enum TestPNG {
    static func rgba(width: Int, height: Int, pixel: (Int, Int) -> (UInt8, UInt8, UInt8, UInt8)) -> [UInt8] {
        var raw: [UInt8] = []
        for y in 0..<height {
            raw.append(0)
            for x in 0..<width {
                let p = pixel(x, y)
                raw += [p.0, p.1, p.2, p.3]
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += be32(width) + be32(height) + [8, 6, 0, 0, 0]
        png += chunk("IHDR", header)
        png += chunk("IDAT", Deflate.compress(raw))
        png += chunk("IEND", [])
        return png
    }

    static func be32(_ v: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(crc32(body)))
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

let sampleLine = "Łódź Größe Ærø ñ é ß ż ś ć ń í Ø"
let ligatureLine = "Die offizielle Auflage fließt"

/// A two-page document with text in two fonts, shapes and an image with alpha.
func sampleDocument(title: String = "Rechnung 2026-0042") -> LaidOutDocument {
    let png = TestPNG.rgba(width: 30, height: 10) { x, y in
        (UInt8(x * 8), UInt8(y * 20), 200, x < 15 ? 255 : UInt8(60 + y * 10))
    }
    let logo = try! ImageResource(data: png, name: "alpha.png")
    let a4 = Size(width: 595.276, height: 841.89)
    let page1 = Page(size: a4, items: [
        .shape(ShapeItem(.rect(PressLayout.Rect(x: 50, y: 40, width: 200, height: 30)), fill: .gray(0.9))),
        textRun("Rechnung", font: Fonts.bold, size: 14, x: 56.693, y: 60),
        textRun(sampleLine, x: 56.693, y: 100),
        textRun(ligatureLine, x: 56.693, y: 115),
        textRun("AVATAR Wasser 1.234,56 €", size: 9, x: 56.693, y: 130, color: .rgb(0.8, 0.1, 0.1)),
        .shape(ShapeItem(.roundedRect(PressLayout.Rect(x: 300, y: 40, width: 100, height: 50), radius: 6),
                         stroke: Stroke(color: .cmyk(0, 0.5, 1, 0), width: 1, dash: [2, 1]))),
        .shape(ShapeItem(.line(from: Point(x: 56.693, y: 140), to: Point(x: 538.583, y: 140)), stroke: Stroke())),
        .shape(ShapeItem(.polygon([Point(x: 10, y: 10), Point(x: 20, y: 10), Point(x: 15, y: 20)], closed: true),
                         fill: .rgb(0, 0, 1))),
        .image(PlacedImage(image: logo, rect: PressLayout.Rect(x: 400, y: 40, width: 141.732, height: 47.244))),
        textRun("Seite 1 von 2", size: 8, x: 480, y: 800),
    ])
    let page2 = Page(size: a4, items: [
        textRun("Zwischensumme 99,00 €", font: Fonts.bold, size: 10, x: 56.693, y: 60),
        textRun("Seite 2 von 2", size: 8, x: 480, y: 800),
        .image(PlacedImage(image: logo, rect: PressLayout.Rect(x: 56.693, y: 700, width: 60, height: 20))),
    ])
    return LaidOutDocument(pages: [page1, page2],
                           metadata: DocumentMetadata(title: title, author: "Presswork Test", subject: "Łódź",
                                                      keywords: "invoice", language: "de-DE"))
}
