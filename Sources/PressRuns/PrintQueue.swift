public import PressChannels

/// A record bound for the print channel, waiting for the run's print phase: the keys it is sorted by and the
/// record itself, archived and deflated (`QueuePayload`); the print phase produces all of its documents (print letter,
/// archive, e-mail) in sorted order.
public struct QueuedPrintLetter: Sendable, Hashable {
    public var record: Int
    public var country: String
    public var postcode: String
    public var payload: [UInt8]

    public init(record: Int, country: String, postcode: String, payload: [UInt8]) {
        self.record = record; self.country = country; self.postcode = postcode; self.payload = payload
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

/// The run's print-bound records between "read from the input" and "in a print file".
///
/// Why it exists: postage discounts need the letters of the *whole run* sorted by country and postcode, but
/// memory must stay flat however large the run is. So while the input streams, the pipeline queues each
/// print-bound record here (sort keys + archived record) instead of producing it, and at the end of the run
/// walks the queue in key order, producing each record once (print letter, archive, e-mail) and cutting the
/// letters into print files as they come.
///
/// It holds personal data (the records) only while they are being processed: a letter leaves the queue once
/// its print file is recorded in the ledger, and the queue's storage is destroyed when the run finishes. It
/// is separate from the `RunLedger`, which never holds personal data.
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
