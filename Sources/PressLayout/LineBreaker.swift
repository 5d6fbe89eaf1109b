// Choosing line breaks: Knuth–Plass optimal breaking (justified text) and first-fit greedy (ragged text).

/// Break positions for a list of inline items that ends with a forced break.
/// Each result is the index of the item a line ends at (a glue or penalty, not part of the line).
struct LineBreaker {
    let items: [InlineItem]
    /// Width of line 0 and of every following line.
    let firstWidth: Double
    let otherWidth: Double
    private var sumW: [Double]
    private var sumY: [Double]
    private var sumZ: [Double]

    // Tuning constants (TeX's): `linePenalty` favours fewer lines; `flaggedDemerits` penalise two
    // hyphenated lines in a row; `fitnessDemerits` penalise a tight line next to a loose one.
    static let linePenalty = 10.0
    static let flaggedDemerits = 3000.0
    static let fitnessDemerits = 3000.0

    init(items: [InlineItem], firstWidth: Double, otherWidth: Double) {
        self.items = items
        self.firstWidth = firstWidth
        self.otherWidth = otherWidth
        let n = items.count
        sumW = [Double](repeating: 0, count: n + 1)
        sumY = [Double](repeating: 0, count: n + 1)
        sumZ = [Double](repeating: 0, count: n + 1)
        var w = 0.0, y = 0.0, z = 0.0
        for i in 0..<n {
            sumW[i] = w; sumY[i] = y; sumZ[i] = z
            let item = items[i]
            if item.kind != .penalty {
                w += item.width
                y += item.stretch
                z += item.shrink
            }
        }
        sumW[n] = w; sumY[n] = y; sumZ[n] = z
    }

    @inline(__always) private func isLegalBreak(_ b: Int) -> Bool {
        let item = items[b]
        switch item.kind {
        case .box: return false
        case .glue: return b > 0 && items[b - 1].kind == .box
        case .penalty: return item.penalty < InlineItem.infinity
        }
    }

    /// Totals (width, stretch, shrink) at the start of the line after a break at `b`: discardable
    /// items (glue, non-forced penalties) after the break do not count.
    private func totalsAfter(_ b: Int) -> (Double, Double, Double) {
        var w = sumW[b], y = sumY[b], z = sumZ[b]
        var i = b
        while i < items.count {
            let item = items[i]
            if item.kind == .box { break }
            if item.kind == .glue {
                w += item.width; y += item.stretch; z += item.shrink
            } else if item.penalty <= -InlineItem.infinity && i > b {
                break
            }
            i += 1
        }
        return (w, y, z)
    }

    /// First fit: each line takes as many items as fit.
    func greedy() -> [Int] {
        var breaks: [Int] = []
        var start = (0.0, 0.0, 0.0)
        var lastFeasible = -1
        var b = 0
        while b < items.count {
            guard isLegalBreak(b) else { b += 1; continue }
            let item = items[b]
            let lineWidth = breaks.isEmpty ? firstWidth : otherWidth
            let width = sumW[b] - start.0 + (item.kind == .penalty ? item.width : 0)
            let forced = item.kind == .penalty && item.penalty <= -InlineItem.infinity
            if width <= lineWidth + 0.001 {
                if forced {
                    breaks.append(b); start = totalsAfter(b); lastFeasible = -1
                } else {
                    lastFeasible = b
                }
                b += 1
            } else if lastFeasible >= 0 {
                breaks.append(lastFeasible); start = totalsAfter(lastFeasible); lastFeasible = -1
                // Re-examine `b` against the new line.
            } else {
                // A single unbreakable piece wider than the line: an overfull line.
                breaks.append(b); start = totalsAfter(b); lastFeasible = -1
                b += 1
            }
        }
        return breaks
    }

    /// The adjustment ratio of each line of `breaks` (0 for lines ending in a forced break that are
    /// short); for tests and diagnostics.
    func ratios(_ breaks: [Int]) -> [Double] {
        var result: [Double] = []
        var start = (0.0, 0.0, 0.0)
        for (index, b) in breaks.enumerated() {
            let item = items[b]
            let lineWidth = index == 0 ? firstWidth : otherWidth
            let width = sumW[b] - start.0 + (item.kind == .penalty ? item.width : 0)
            let forced = item.kind == .penalty && item.penalty <= -InlineItem.infinity
            if width < lineWidth {
                let stretch = sumY[b] - start.1
                result.append(forced ? 0 : stretch > 0 ? (lineWidth - width) / stretch : .infinity)
            } else {
                let shrink = sumZ[b] - start.2
                result.append(width == lineWidth ? 0 : shrink > 0 ? (lineWidth - width) / shrink : -.infinity)
            }
            start = totalsAfter(b)
        }
        return result
    }

    /// The Knuth–Plass objective (total demerits) of any set of breaks, for comparing breakers.
    func demerits(_ breaks: [Int]) -> Double {
        let ratios = ratios(breaks)
        var total = 0.0, previousFitness = 1, previousFlagged = false
        for (index, b) in breaks.enumerated() {
            let item = items[b]
            let ratio = ratios[index]
            let badness = 100 * abs(ratio * ratio * ratio)
            let base = LineBreaker.linePenalty + badness
            var d = base * base
            if item.kind == .penalty && item.penalty >= 0 { d = (base + item.penalty) * (base + item.penalty) }
            else if item.kind == .penalty && item.penalty > -InlineItem.infinity { d -= item.penalty * item.penalty }
            let flagged = item.kind == .penalty && item.flagged
            if flagged && previousFlagged { d += LineBreaker.flaggedDemerits }
            let fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3
            if abs(fitness - previousFitness) > 1 { d += LineBreaker.fitnessDemerits }
            total += d
            previousFitness = fitness
            previousFlagged = flagged
        }
        return total
    }

    private struct Node {
        var position: Int
        var line: Int
        var fitness: Int
        var flagged: Bool
        var width: Double, stretch: Double, shrink: Double
        var demerits: Double
        var previous: Int
    }

    /// Knuth–Plass: the breaks minimising the sum of squared badness plus penalties over the paragraph.
    /// Nil when no set of lines keeps every adjustment ratio within `tolerance`.
    func optimal(tolerance: Double) -> [Int]? {
        var nodes: [Node] = [Node(position: 0, line: 0, fitness: 1, flagged: false, width: 0, stretch: 0, shrink: 0,
                                  demerits: 0, previous: -1)]
        var active: [Int] = [0]
        var bestDemerits = [Double](repeating: .infinity, count: 4)
        var bestFrom = [Int](repeating: -1, count: 4)
        for b in 0..<items.count where isLegalBreak(b) {
            let item = items[b]
            let isPenalty = item.kind == .penalty
            let forced = isPenalty && item.penalty <= -InlineItem.infinity
            for f in 0..<4 { bestDemerits[f] = .infinity; bestFrom[f] = -1 }
            var i = 0
            while i < active.count {
                let a = nodes[active[i]]
                let lineWidth = a.line == 0 ? firstWidth : otherWidth
                let width = sumW[b] - a.width + (isPenalty ? item.width : 0)
                var ratio: Double
                if width < lineWidth {
                    let stretch = sumY[b] - a.stretch
                    ratio = stretch > 0 ? (lineWidth - width) / stretch : .infinity
                } else if width > lineWidth {
                    let shrink = sumZ[b] - a.shrink
                    ratio = shrink > 0 ? (lineWidth - width) / shrink : -.infinity
                } else {
                    ratio = 0
                }
                if ratio >= -1 && ratio <= tolerance {
                    let badness = 100 * abs(ratio * ratio * ratio)
                    var demerits: Double
                    let base = LineBreaker.linePenalty + badness
                    if isPenalty && item.penalty >= 0 {
                        demerits = (base + item.penalty) * (base + item.penalty)
                    } else if isPenalty && !forced {
                        demerits = base * base - item.penalty * item.penalty
                    } else {
                        demerits = base * base
                    }
                    if isPenalty && item.flagged && a.flagged { demerits += LineBreaker.flaggedDemerits }
                    let fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3
                    if abs(fitness - a.fitness) > 1 { demerits += LineBreaker.fitnessDemerits }
                    demerits += a.demerits
                    if demerits < bestDemerits[fitness] {
                        bestDemerits[fitness] = demerits
                        bestFrom[fitness] = active[i]
                    }
                }
                if ratio < -1 || forced {
                    active.remove(at: i)
                } else {
                    i += 1
                }
            }
            let totals = totalsAfter(b)
            for f in 0..<4 where bestFrom[f] >= 0 {
                let from = nodes[bestFrom[f]]
                nodes.append(Node(position: b, line: from.line + 1, fitness: f, flagged: isPenalty && item.flagged,
                                  width: totals.0, stretch: totals.1, shrink: totals.2,
                                  demerits: bestDemerits[f], previous: bestFrom[f]))
                active.append(nodes.count - 1)
            }
            if active.isEmpty { return nil }
        }
        // The last item is a forced break, so every active node now ends there; take the cheapest.
        var best = -1
        for index in active where nodes[index].position == items.count - 1 {
            if best < 0 || nodes[index].demerits < nodes[best].demerits { best = index }
        }
        guard best >= 0 else { return nil }
        var breaks: [Int] = []
        var node = best
        while node > 0 {
            breaks.append(nodes[node].position)
            node = nodes[node].previous
        }
        return breaks.reversed()
    }
}
