import Foundation
import Testing
@testable import PressData

@Suite struct ValueTests {
    let invoice: Value = [
        "number": "RE-1",
        "items": [
            ["pos": 1, "amount": "10.00"],
            ["pos": 2, "amount": "20.50"],
        ],
        "weird/key~": true,
    ]

    @Test func subscriptsAndLookup() throws {
        #expect(invoice["number"] == "RE-1")
        #expect(invoice["items"]?[1]?["pos"] == 2)
        #expect(invoice.lookup(path: ["items", 0, "amount"]) == "10.00")
        #expect(invoice.lookup(path: ["items", 5, "amount"]) == nil)
        #expect(invoice.lookup(path: ["number", "x"]) == nil)
        #expect(invoice.lookup(path: []) == invoice)
    }

    @Test func jsonPointerRendering() {
        #expect(ValuePath(["items", 3, "amount"]).jsonPointer == "/items/3/amount")
        #expect(ValuePath(["weird/key~"]).jsonPointer == "/weird~1key~0")
        #expect(ValuePath.root.jsonPointer == "")
        #expect(ValuePath.root.description == "/")
        #expect(ValuePath(["a"]).appending(0).description == "/a/0")
    }

    @Test func objectKeepsOrderAndReplacesInPlace() {
        var object = ValueObject()
        object["b"] = 1
        object["a"] = 2
        object["b"] = 3
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == 3)
        object["b"] = nil
        #expect(object.keys == ["a"])
    }

    @Test func largeObjectUsesIndexAndStaysCorrect() {
        var object = ValueObject()
        for i in 0..<100 { object["k\(i)"] = .number(Decimal(i)) }
        #expect(object.count == 100)
        #expect(object["k77"] == 77)
        object["k10"] = nil
        #expect(object["k10"] == nil)
        #expect(object["k11"] == 11)
        #expect(object.position(of: "k11") == 10)
    }

    @Test func orderedEquality() {
        let ab: Value = ["a": 1, "b": 2]
        let ba: Value = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == ["a": 1, "b": 2])
    }

    @Test func decimalValueFromNumbersAndNumericStrings() {
        #expect(Value.number(Decimal(string: "0.1")!).decimalValue == Decimal(string: "0.1"))
        #expect(Value.string(" 12.50 ").decimalValue == Decimal(string: "12.5"))
        #expect(Value.string("-3e2").decimalValue == -300)
        #expect(Value.string("1.234,56").decimalValue == nil)
        #expect(Value.string("").decimalValue == nil)
        #expect(Value.string("12 EUR").decimalValue == nil)
        #expect(Value.bool(true).decimalValue == nil)
    }

    @Test func kindNames() {
        #expect(Value.null.kindName == "null")
        #expect(invoice.kindName == "object")
        #expect(invoice["items"]?.kindName == "array")
    }
}
