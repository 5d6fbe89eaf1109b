import Foundation
import Testing
@testable import PressData

@Suite struct JSONParserTests {
    func parse(_ text: String) throws(DataError) -> Value { try JSONParser.parse(text) }

    func failure(_ text: String) -> DataError? {
        do {
            _ = try JSONParser.parse(text)
            return nil
        } catch {
            return error
        }
    }

    func failure(bytes: [UInt8]) -> DataError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Values

    @Test func parsesAllKindsInOrder() throws {
        let value = try parse(#" { "z": [1, -2.5, true, false, null], "a": {"x": "y"}, "e": {}, "f": [] } "#)
        #expect(value.objectValue?.keys == ["z", "a", "e", "f"])
        #expect(value["z"] == [1, .number(Decimal(string: "-2.5")!), true, false, nil])
        #expect(value["a"]?["x"] == "y")
        #expect(value["e"] == .object(ValueObject()))
        #expect(value["f"] == .array([]))
    }

    @Test(arguments: [
        ("0.1", "0.1"), ("0.005", "0.005"), ("-0.00", "0"), ("1e9", "1000000000"),
        ("123456789012345678.90", "123456789012345678.9"), ("1E+2", "100"), ("25e-1", "2.5"),
        ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("100000000000000000000000000000000000000000000", "100000000000000000000000000000000000000000000"),
        ("-9223372036854775808", "-9223372036854775808"), ("18446744073709551615", "18446744073709551615"),
    ])
    func exactDecimals(literal: String, expected: String) throws {
        let value = try parse(literal)
        let expectedDecimal = try #require(Decimal(string: expected))
        #expect(value == .number(expectedDecimal))
        #expect(value.decimalValue?.description == expectedDecimal.description)
    }

    @Test func pointOneIsExactlyOneTenth() throws {
        let value = try #require(try parse("0.1").decimalValue)
        #expect(value * 10 == 1)
        let sum = try (0..<10).reduce(Decimal.zero) { acc, _ in acc + (try parse("0.1").decimalValue ?? 0) }
        #expect(sum == 1)
        #expect(try parse("-0.00").decimalValue?.isZero == true)
    }

    @Test func stringsEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{08}\u{0C}\n\r\t"))
        #expect(try parse(#""\u00e4\u00DF\u0142""#) == "äßł")
        #expect(try parse(#""\ud83d\ude00 ok""#) == "😀 ok")
        #expect(try parse(#""\uD834\uDD1E""#) == "𝄞")
        #expect(try parse("\"Zürich 😀 日本\"") == "Zürich 😀 日本")
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
        // Long strings exercise the 8-byte fast path, including a quote right at a word boundary.
        let long = String(repeating: "abcdefgh", count: 20)
        #expect(try parse("\"\(long)\"") == .string(long))
        #expect(try parse("\"\(long)ä\(long)\"") == .string(long + "ä" + long))
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == [1])
    }

    // MARK: Errors: location and text

    @Test func missingCommaInObject() throws {
        let text = "{\n  \"a\": 1,\n  \"items\": [1, 2] \"b\": 3\n}"
        let error = try #require(failure(text))
        #expect(error.code == .jsonSyntax)
        #expect(error.location == SourceLocation(line: 3, column: 19))
        #expect(error.message == "expected ',' or '}' after object member, found '\"'")
        #expect(error.description == "line 3, column 19: expected ',' or '}' after object member, found '\"'")
    }

    @Test func errorCarriesJSONPointerPath() throws {
        let error = try #require(failure(#"{"items": [{"amount": 1}, {"amount": 1.}]}"#))
        #expect(error.message == "expected a digit after '.', found '}'")
        #expect(error.path?.jsonPointer == "/items/1/amount")
        #expect(error.location == SourceLocation(line: 1, column: 40))
        #expect(error.description == "line 1, column 40: expected a digit after '.', found '}' (at /items/1/amount)")
    }

    @Test(arguments: [
        ("[1, 2,]", 1, 7, "expected a JSON value after ',' (trailing commas are not allowed), found ']'"),
        ("{\"a\": 1,}", 1, 9, "expected a string key after ',' (trailing commas are not allowed), found '}'"),
        ("{\"a\" 1}", 1, 6, "expected ':' after object key, found '1'"),
        ("{a: 1}", 1, 2, "expected a string key or '}', found 'a'"),
        ("[1 2]", 1, 4, "expected ',' or ']' after array element, found '2'"),
        ("", 1, 1, "expected a JSON value, found end of input"),
        ("  \n ", 2, 2, "expected a JSON value, found end of input"),
        ("[1, 2", 1, 6, "expected ',' or ']' after array element, found end of input"),
        ("{\"a\": tru}", 1, 10, "expected 'true', found '}'"),
        ("nul", 1, 4, "expected 'null', found end of input"),
        ("01", 1, 2, "leading zeros are not allowed in numbers, found '1'"),
        ("-x", 1, 2, "expected a digit after '-', found 'x'"),
        ("1e+", 1, 4, "expected a digit in the exponent, found end of input"),
        ("NaN", 1, 1, "expected a JSON value (object, array, string, number, true, false or null), found 'N'"),
        ("[1] x", 1, 5, "unexpected content after the JSON value, found 'x'"),
        ("// c\n1", 1, 1, "expected a JSON value (object, array, string, number, true, false or null), found '/'"),
        ("\"abc", 1, 1, "unterminated string"),
        ("\"a\tb\"", 1, 3, "unescaped control character U+0009 in string (write it as an escape such as \\n)"),
        ("\"a\\x\"", 1, 3, "invalid escape '\\x' in string (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
        ("\"\\u12G4\"", 1, 6, "expected 4 hex digits after \\u, found 'G'"),
        ("\"\\uD83D x\"", 1, 2, "unpaired surrogate \\uD83D: a high surrogate must be followed by a \\uDC00-\\uDFFF escape"),
        ("\"\\uD83D\\u0041\"", 1, 8, "unpaired surrogate \\uD83D: expected a low surrogate \\uDC00-\\uDFFF, found \\u0041"),
        ("\"\\uDE00\"", 1, 2, "unpaired surrogate \\uDE00: a low surrogate must follow a high surrogate"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\" in object"),
        ("1234567890123456789012345678901234567890", 1, 1, "number has more than 38 significant digits and cannot be held exactly"),
        ("1e200", 1, 1, "number is out of range"),
        ("ä [", 1, 1, "expected a JSON value (object, array, string, number, true, false or null), found byte 0xC3"),
        ("{\"é\": [1,\n  2,,]}", 2, 5, "expected a JSON value (object, array, string, number, true, false or null), found ','"),
    ])
    func errorMessages(text: String, line: Int, column: Int, message: String) throws {
        let error = try #require(failure(text))
        #expect(error.message == message)
        #expect(error.location == SourceLocation(line: line, column: column))
    }

    @Test func columnsCountUnicodeScalars() throws {
        let error = try #require(failure("{\"straße\": \"Größe\" ]"))
        #expect(error.location == SourceLocation(line: 1, column: 20))
    }

    @Test func invalidUTF8IsRejected() throws {
        for bytes: [UInt8] in [
            [0x22, 0xC3, 0x22],              // truncated 2-byte sequence
            [0x22, 0xC0, 0xAF, 0x22],        // overlong '/'
            [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate U+D800
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // > U+10FFFF
            [0x22, 0x61, 0xFF, 0x22],        // never valid
        ] {
            let error = try #require(failure(bytes: bytes))
            #expect(error.code == .invalidUTF8)
            #expect(error.message == "invalid UTF-8 byte sequence")
        }
        let error = try #require(failure(bytes: [0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D]))
        #expect(error.location == SourceLocation(line: 1, column: 4))
        #expect(error.path?.jsonPointer == "/0")
    }

    @Test func duplicateKeysInLargeObjects() throws {
        let members = (0..<100).map { "\"k\($0)\": \($0)" }.joined(separator: ", ")
        #expect(try parse("{\(members)}")["k99"] == 99)
        let error = try #require(failure("{\(members), \"k5\": 0}"))
        #expect(error.code == .duplicateKey)
        #expect(error.message == "duplicate key \"k5\" in object")
    }

    @Test func nestingLimit() throws {
        var parser = JSONParser(maxDepth: 10)
        #expect(try parser.parse(Array((String(repeating: "[", count: 10) + String(repeating: "]", count: 10)).utf8)) != .null)
        do {
            _ = try parser.parse(Array((String(repeating: "[", count: 11) + String(repeating: "]", count: 11)).utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .tooDeep)
            #expect(error.message == "nesting deeper than 10 levels")
            #expect(error.location == SourceLocation(line: 1, column: 11))
        }
    }

    @Test func locationOffsetForEmbeddedBuffers() throws {
        var parser = JSONParser()
        let bytes = Array("{\"a\":\n x}".utf8)
        do {
            _ = try bytes.withUnsafeBufferPointer { buffer throws(DataError) in try parser.parse(buffer, line: 10, column: 5) }
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(line: 11, column: 2))
        }
        let oneLine = Array("[1,,]".utf8)
        do {
            _ = try oneLine.withUnsafeBufferPointer { buffer throws(DataError) in try parser.parse(buffer, line: 10, column: 5) }
            Issue.record("expected an error")
        } catch {
            #expect(error.location == SourceLocation(line: 10, column: 8))
        }
    }

    @Test func parserIsReusableAfterErrors() throws {
        var parser = JSONParser()
        #expect(throws: DataError.self) { try parser.parse(Array("{\"a\": [1, {\"b\": x".utf8)) }
        #expect(try parser.parse(Array("{\"c\": [1, {\"d\": 2}]}".utf8)) == ["c": [1, ["d": 2]]])
    }
}
