import PressFonts
import PressLayout
import PressImages
import PressPDF

/// The fonts (with the glyphs and texts used) and images of some pages, in first-use order, which is also the
/// order of their resource names (`F1`, `F2`, …, `Im1`, …).
struct ResourceScan {
    var usages: [FontUsage] = []
    /// Face -> index into `usages`.
    var fontIndex: [FontID: Int] = [:]
    var imageOrder: [ImageResource] = []
    var imageNames: [String: Name] = [:]
    private var lastFace: ObjectIdentifier?
    private var lastIndex = 0

    mutating func add(_ items: [PageItem]) {
        // By index, not `for item in`: the iterator copied every item (three retains for a text run).
        for itemIndex in items.indices {
            switch items[itemIndex] {
            case .text(let run):
                let index: Int
                // Runs mostly repeat the previous run's font: compare identities before hashing.
                if ObjectIdentifier(run.font) == lastFace {
                    index = lastIndex
                } else if let known = fontIndex[run.font.id] {
                    index = known
                } else {
                    index = usages.count
                    fontIndex[run.font.id] = index
                    usages.append(FontUsage(face: run.font))
                }
                lastFace = ObjectIdentifier(run.font)
                lastIndex = index
                usages[index].add(run)
            case .image(let placed):
                if imageNames[placed.image.id] == nil {
                    imageNames[placed.image.id] = Name("Im\(imageOrder.count + 1)")
                    imageOrder.append(placed.image)
                }
            case .shape:
                break
            }
        }
    }
}
