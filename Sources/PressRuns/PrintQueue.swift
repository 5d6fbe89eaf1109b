public import PressChannels

/// A print letter waiting for the run's print files: the keys it is sorted by, its page count (for cutting
/// files by sheets) and its record, archived (`ValueArchive`), so that the letter can be laid out again when
/// its print file is assembled.
public struct QueuedPrintLetter: Sendable, Hashable {
    public var record: Int
    public var country: String
    public var postcode: String
    public var pages: Int
    public var payload: [UInt8]

    public init(record: Int, country: String, postcode: String, pages: Int, payload: [UInt8]) {
        self.record = record; self.country = country; self.postcode = postcode; self.pages = pages; self.payload = payload
    }

    public var key: PrintQueueKey { PrintQueueKey(country: country, postcode: postcode, record: record) }
}

/// The order of letters across all print files of a run: country, postcode, record number.
public struct PrintQueueKey: Sendable, Hashable {
    public var country: String
    public var postcode: String
    public var record: Int
    public init(country: String, postcode: String, record: Int) {
        self.country = country; self.postcode = postcode; self.record = record
    }
}

/// The run's print letters between "rendered for e-mail/archive" and "in a print file".
///
/// Why it exists: postage discounts need the letters of the *whole run* sorted by country and postcode, but
/// memory must stay flat however large the run is. So the pipeline queues each print letter here (sort keys +
/// archived record) while it streams the input, and assembles the print files at the end of the run by walking
/// the queue in key order, one file at a time.
///
/// It holds personal data (the records) only while their letters are being processed: a letter leaves the
/// queue once its print file is recorded in the ledger, and the queue's storage is destroyed when the run
/// finishes. It is separate from the `RunLedger`, which never holds personal data.
public protocol PrintQueue: Sendable {
    /// Adds letters (idempotent per record), durable when it returns.
    func add(_ letters: [QueuedPrintLetter]) throws
    /// Up to `limit` letters after `key` (from the first when nil), in `PrintQueueKey` order.
    func letters(after key: PrintQueueKey?, limit: Int) throws -> [QueuedPrintLetter]
    /// Removes these records' letters.
    func remove(_ records: [Int]) throws
    /// Whether the record's letter is queued.
    func contains(_ record: Int) throws -> Bool
    /// Letters queued.
    func count() throws -> Int
    /// Deletes the queue and its storage (the run is over; nothing may remain).
    func destroy() throws
}
