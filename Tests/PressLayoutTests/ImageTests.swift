import Testing
import PressImages
@testable import PressLayout

@Suite struct ImageTests {
    /// A 64 x 32 baseline JPEG header (SOF0, one component, one empty scan): enough for the probe.
    static let jpeg: [UInt8] = [0xFF, 0xD8,
                                0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x20, 0x00, 0x40, 0x01, 0x01, 0x11, 0x00,
                                0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,
                                0x00, 0xFF, 0xD9]

    @Test func imagesAreSizedAlignedAndScaledToTheColumn() throws {
        let image = try ImageResource(data: ImageTests.jpeg, name: "logo.jpg")
        let body: [Block] = [
            .image(ImageBlock(image, width: .mm(40), alignment: .right)),
            .image(ImageBlock(image)),                                   // 64 px at 150 dpi
            .image(ImageBlock(image, height: 1000)),                     // wider than the column: scaled down
        ]
        let laid = try TestSupport.engine.layout(Document(master: PageMaster(margins: .all(.mm(20))), body: body))
        let placed = laid.pages.flatMap { $0.items }.compactMap { if case .image(let i) = $0 { return i } else { return nil } }
        #expect(placed.count == 3)
        let right = Points.mm(190).value
        #expect(abs(placed[0].rect.maxX - right) < 0.01)
        #expect(abs(placed[0].rect.width - Points.mm(40).value) < 0.01)
        #expect(abs(placed[0].rect.height - Points.mm(20).value) < 0.01)
        #expect(abs(placed[1].rect.width - 64 * 72 / 150) < 0.01)
        #expect(abs(placed[2].rect.width - (right - Points.mm(20).value)) < 0.01)
        #expect(abs(placed[2].rect.height - placed[2].rect.width / 2) < 0.01)
    }
}
