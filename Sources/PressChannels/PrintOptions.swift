/// How the print channel assembles letters into print files.
public struct PrintOptions: Sendable, Hashable, Codable {
    /// Maximum letters per print file (default 200).
    public var maxLetters: Int
    /// Maximum sheets (physical paper sheets) per print file (default 500).
    public var maxSheets: Int
    /// Duplex printing: every letter starts on a front side (a blank back page is inserted after a letter with an
    /// odd page count) and a sheet holds two pages. Default true.
    public var duplex: Bool
    /// Inserter control marks (OMR) on each front side; nil: none.
    public var omr: OMRMarks?
    /// Write the manifest as CSV (default true) and/or JSON (default true).
    public var manifestCSV: Bool
    public var manifestJSON: Bool

    public init(maxLetters: Int = 200, maxSheets: Int = 500, duplex: Bool = true, omr: OMRMarks? = nil,
                manifestCSV: Bool = true, manifestJSON: Bool = true) {
        self.maxLetters = max(1, maxLetters)
        self.maxSheets = max(1, maxSheets)
        self.duplex = duplex
        self.omr = omr
        self.manifestCSV = manifestCSV
        self.manifestJSON = manifestJSON
    }
}

/// Geometry of OMR (optical mark recognition) dashes for envelope inserters, in millimetres from the page's
/// top-left corner. Marks, top to bottom: a reference mark (always), start of letter (first sheet of a letter),
/// end of letter (last sheet: insert now), and a parity mark making the number of dashes even.
public struct OMRMarks: Sendable, Hashable, Codable {
    /// Left end of the dashes (mm from the left edge). Default 5.
    public var x: Double
    /// First dash (mm from the top edge). Default 100.
    public var top: Double
    /// Dash length (mm). Default 8.
    public var length: Double
    /// Distance between dashes (mm). Default 4.23 (1/6 inch, the common inserter pitch).
    public var pitch: Double
    /// Line width (points). Default 1.
    public var lineWidth: Double

    public init(x: Double = 5, top: Double = 100, length: Double = 8, pitch: Double = 4.23, lineWidth: Double = 1) {
        self.x = x; self.top = top; self.length = length; self.pitch = pitch; self.lineWidth = lineWidth
    }

    /// Which marks are set on one front side.
    public struct Marks: Sendable, Hashable {
        public var start: Bool
        public var end: Bool
        public var parity: Bool
        /// Dashes drawn (reference + set marks).
        public var count: Int { 1 + (start ? 1 : 0) + (end ? 1 : 0) + (parity ? 1 : 0) }
    }

    /// The marks for sheet `sheet` (0-based) of a letter with `sheets` sheets.
    public static func marks(sheet: Int, of sheets: Int) -> Marks {
        let start = sheet == 0
        let end = sheet == sheets - 1
        let set = 1 + (start ? 1 : 0) + (end ? 1 : 0)
        return Marks(start: start, end: end, parity: set % 2 == 1)
    }
}
