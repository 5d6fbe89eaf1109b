/// A JSON object / XML element: members in document order, with fast lookup by key.
///
/// Stored as one array of members (objects are small: typically < 20 keys, where a linear scan over
/// small strings beats hashing); objects with more than ``ValueObject/indexThreshold`` members also
/// keep a key -> position index. Equality is **ordered**: the same members in a different order are
/// different objects (output must be deterministic, and document order is part of the data).
public struct ValueObject: Sendable, Hashable, RandomAccessCollection {
    /// One key and its value.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: Value
        @inlinable public init(key: String, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// Above this many members a dictionary index is kept (measured: linear scan of short keys wins below).
    public static let indexThreshold = 16

    /// The members in document order.
    public private(set) var members: [Member]
    var index: [String: Int]?

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object with these members; when a key repeats, the last value wins at the first position.
    public init(_ pairs: some Sequence<(String, Value)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// An object from members already known to have unique keys (the parsers check this).
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
        index = nil
        if members.count > Self.indexThreshold { rebuildIndex() }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { members.count }
    public subscript(position: Int) -> Member { members[position] }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// The position of `key`, or `nil`.
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        for i in members.indices where members[i].key == key { return i }
        return nil
    }

    /// The value for `key`; setting `nil` removes the member, setting a new key appends it.
    public subscript(key: String) -> Value? {
        get {
            guard let i = position(of: key) else { return nil }
            return members[i].value
        }
        set {
            if let i = position(of: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                    if index != nil { rebuildIndex() }
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index![key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// Appends a member without checking for an existing key (callers guarantee uniqueness).
    mutating func appendUnique(key: String, value: Value) {
        members.append(Member(key: key, value: value))
        if index != nil {
            index![key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    mutating func rebuildIndex() {
        var built = [String: Int](minimumCapacity: members.count)
        for (i, member) in members.enumerated() { built[member.key] = i }
        index = built
    }

    public static func == (lhs: ValueObject, rhs: ValueObject) -> Bool { lhs.members == rhs.members }
    public func hash(into hasher: inout Hasher) { hasher.combine(members) }
}
