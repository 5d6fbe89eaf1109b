/// PNG row filtering for Flate-compressed image samples (§7.4.4.4, `/Predictor 15`): each row
/// gets the filter (None, Sub, Up, Average, Paeth) with the smallest sum of absolute filtered
/// values, the usual heuristic of PNG encoders. Typically 30-40 % smaller than unfiltered samples
/// for logos and gradients. Pair with ``ImageXObjectWriter/pngPredictor(colors:bitsPerComponent:columns:)``.
public enum PNGPredictor {
    /// Filters samples (`width * components` bytes per row, rows top to bottom); the result has
    /// one filter-type byte before each row. `components` is bytes per pixel: colour components ×
    /// bytes per component (×2 for 16-bit samples), as the PNG filters define it.
    public static func encode(_ samples: [UInt8], width: Int, components: Int) -> [UInt8] {
        let stride = width * components
        guard stride > 0, samples.count % stride == 0 else { return samples }
        let rows = samples.count / stride
        var out = [UInt8]()
        out.reserveCapacity(samples.count + rows)
        var candidates = [[UInt8]](repeating: [UInt8](repeating: 0, count: stride), count: 5)
        samples.withUnsafeBufferPointer { s in
            for row in 0..<rows {
                let base = row * stride
                var bestType = 0
                var bestCost = Int.max
                for type in 0..<5 {
                    var cost = 0
                    candidates[type].withUnsafeMutableBufferPointer { c in
                        for i in 0..<stride {
                            let x = Int(s[base + i])
                            let a = i >= components ? Int(s[base + i - components]) : 0
                            let b = row > 0 ? Int(s[base - stride + i]) : 0
                            let d = (row > 0 && i >= components) ? Int(s[base - stride + i - components]) : 0
                            let predicted: Int
                            switch type {
                            case 0: predicted = 0
                            case 1: predicted = a
                            case 2: predicted = b
                            case 3: predicted = (a + b) >> 1
                            default:
                                let p = a + b - d
                                let pa = abs(p - a), pb = abs(p - b), pc = abs(p - d)
                                predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : d)
                            }
                            let v = UInt8(truncatingIfNeeded: x - predicted)
                            c[i] = v
                            cost += v < 128 ? Int(v) : 256 - Int(v)
                        }
                    }
                    if cost < bestCost { bestCost = cost; bestType = type }
                }
                out.append(UInt8(bestType))
                out.append(contentsOf: candidates[bestType])
            }
        }
        return out
    }
}
