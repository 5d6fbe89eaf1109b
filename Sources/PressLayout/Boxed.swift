// Out-of-line storage for rarely set, large fields of the document tree.

/// An immutable heap copy of a value.
///
/// Document-tree values are copied many times while a document is built and laid out (each cell of
/// a table is copied into arrays, matched out of `Block`, passed to measuring). Fields that are
/// large and usually unset (inline style overrides: 200 bytes; cell borders: 260 bytes) live here
/// behind one pointer, and nil when unset, so a copy moves 8 bytes for them instead of hundreds.
/// Value semantics are kept: the box is never mutated, a setter stores a new box.
final class Boxed<Value: Sendable>: Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
