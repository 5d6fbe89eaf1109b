import Foundation
import Testing
@testable import PressTemplate

@Suite struct FormattingTests {
    static let nbsp = "\u{00A0}"
    static let nnbsp = "\u{202F}"
    let de = TemplateLocale.named("de-DE")!
    let pl = TemplateLocale.named("pl-PL")!
    let es = TemplateLocale.named("es-ES")!
    let fr = TemplateLocale.named("fr-FR")!
    let gb = TemplateLocale.named("en-GB")!

    func d(_ s: String) -> Decimal { Decimal(string: s)! }

    @Test func numbersPerLocale() {
        #expect(de.formatNumber(d("1234.56"), decimals: 2) == "1.234,56")
        #expect(pl.formatNumber(d("1234.56"), decimals: 2) == "1\(Self.nbsp)234,56")
        #expect(es.formatNumber(d("1234.56"), decimals: 2) == "1.234,56")
        #expect(fr.formatNumber(d("1234.56"), decimals: 2) == "1\(Self.nnbsp)234,56")
        #expect(gb.formatNumber(d("1234.56"), decimals: 2) == "1,234.56")
        #expect(de.formatNumber(d("1000000000"), decimals: 2) == "1.000.000.000,00")
        #expect(de.formatNumber(d("999.5"), decimals: 0) == "1.000")
        #expect(de.formatNumber(d("-0.004"), decimals: 2) == "0,00")   // no "-0,00"
        #expect(de.formatNumber(d("12.5")) == "12,5")
        #expect(gb.formatNumber(d("-1234567.891"), decimals: 2) == "-1,234,567.89")
    }

    @Test func currencyPerLocale() {
        #expect(de.formatMoney(d("1234.56"), currency: "EUR") == "1.234,56\(Self.nbsp)€")
        #expect(pl.formatMoney(d("1234.56"), currency: "PLN") == "1\(Self.nbsp)234,56\(Self.nbsp)zł")
        #expect(es.formatMoney(d("1234.56"), currency: "EUR") == "1.234,56\(Self.nbsp)€")
        #expect(fr.formatMoney(d("1234.56"), currency: "EUR") == "1\(Self.nnbsp)234,56\(Self.nbsp)€")
        #expect(gb.formatMoney(d("1234.56"), currency: "GBP") == "£1,234.56")
        #expect(gb.formatMoney(d("-5"), currency: "GBP") == "-£5.00")
        #expect(gb.formatMoney(d("1234.56"), currency: "EUR") == "€1,234.56")
        #expect(gb.formatMoney(d("1234.56"), currency: "CHF") == "CHF\(Self.nbsp)1,234.56")
        #expect(gb.formatMoney(d("1234.56"), currency: "USD") == "US$1,234.56")
        #expect(de.formatMoney(d("1234.56"), currency: "CHF") == "1.234,56\(Self.nbsp)CHF")
        #expect(de.formatMoney(d("1234.56"), currency: "USD") == "1.234,56\(Self.nbsp)$")
        #expect(pl.formatMoney(d("10"), currency: "EUR") == "10,00\(Self.nbsp)€")
        #expect(de.formatMoney(d("-1234.565"), currency: "EUR") == "-1.234,57\(Self.nbsp)€")
    }

    @Test func yenHasNoMinorUnit() {
        #expect(de.formatMoney(d("1234.5"), currency: "JPY") == "1.235\(Self.nbsp)¥")
        #expect(gb.formatMoney(d("1234.49"), currency: "JPY") == "JP¥1,234")
        #expect(CurrencyInfo.named("JPY").minorDigits == 0)
    }

    @Test func roundingEdgeCases() {
        #expect(de.formatMoney(d("0.005"), currency: "EUR") == "0,01\(Self.nbsp)€")
        #expect(de.formatMoney(d("-0.005"), currency: "EUR") == "-0,01\(Self.nbsp)€")
        #expect(de.formatMoney(d("0.0049"), currency: "EUR") == "0,00\(Self.nbsp)€")
        #expect(de.formatMoney(d("1000000000"), currency: "EUR") == "1.000.000.000,00\(Self.nbsp)€")
        #expect(gb.formatMoney(d("999999999.995"), currency: "GBP") == "£1,000,000,000.00")
        #expect(de.formatMoney(d("12345678901234567890.125"), currency: "EUR") == "12.345.678.901.234.567.890,13\(Self.nbsp)€")
    }

    @Test func percentages() {
        #expect(de.formatPercent(19) == "19\(Self.nbsp)%")
        #expect(gb.formatPercent(19) == "19%")
        #expect(pl.formatPercent(d("7.5")) == "7,5%")
        #expect(fr.formatPercent(d("5.5")) == "5,5\(Self.nnbsp)%")
        #expect(es.formatPercent(21) == "21\(Self.nbsp)%")
        #expect(de.formatPercent(d("3.456"), decimals: 2) == "3,46\(Self.nbsp)%")
    }

    @Test func dates() {
        let date = CivilDate(year: 2026, month: 11, day: 2)!
        #expect(de.formatShortDate(date) == "02.11.2026")
        #expect(pl.formatShortDate(date) == "02.11.2026")
        #expect(es.formatShortDate(date) == "02/11/2026")
        #expect(fr.formatShortDate(date) == "02/11/2026")
        #expect(gb.formatShortDate(date) == "02/11/2026")
        #expect(de.formatLongDate(date) == "2. November 2026")
        #expect(pl.formatLongDate(date) == "2 listopada 2026")
        #expect(es.formatLongDate(date) == "2 de noviembre de 2026")
        #expect(fr.formatLongDate(date) == "2 novembre 2026")
        #expect(gb.formatLongDate(date) == "2 November 2026")
        #expect(pl.formatLongDate(CivilDate(year: 2026, month: 9, day: 30)!) == "30 września 2026")
    }

    @Test func civilDateArithmetic() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.days == 0)
        #expect(CivilDate(year: 2000, month: 3, day: 1)!.days - CivilDate(year: 2000, month: 2, day: 28)!.days == 2)
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate(parsing: "2026-11-22T10:15:00Z")?.description == "2026-11-22")
        #expect(CivilDate(parsing: "22.11.2026")?.description == "2026-11-22")
        #expect(CivilDate(parsing: "2026-13-01") == nil)
        #expect(CivilDate(year: 2026, month: 1, day: 31)!.adding(months: 13).description == "2027-02-28")
        #expect(CivilDate(year: 2026, month: 3, day: 31)!.adding(months: -1).description == "2026-02-28")
    }

    @Test func localeInTemplates() throws {
        let data: [String: String] = ["a": "1234.5"]
        let value = PressDataValue.from(data)
        #expect(try TestSupport.evaluate("money(a, \"EUR\")", data: value, language: "fr") == "1\(Self.nnbsp)234,50\(Self.nbsp)€")
        #expect(try TestSupport.evaluate("money(a, \"PLN\")", data: value, language: "pl") == "1\(Self.nbsp)234,50\(Self.nbsp)zł")
        #expect(try TestSupport.evaluate("money(a, \"GBP\")", data: value, language: "en") == "£1,234.50")
        #expect(try TestSupport.evaluate("num(a, 2)", data: value, language: "es") == "1.234,50")
        #expect(try TestSupport.evaluate("longdate(\"2026-01-06\")", language: "es") == "6 de enero de 2026")
        #expect(try TestSupport.evaluate("money(a, \"CHF\")", data: value, language: "de", locale: "de-CH") == "1’234.50\(Self.nbsp)CHF")
    }
}

import PressData
enum PressDataValue {
    static func from(_ d: [String: String]) -> Value {
        .object(ValueObject(d.sorted { $0.key < $1.key }.map { ($0.key, Value.string($0.value)) }))
    }
}

@Suite struct DecimalArithmeticTests {
    func d(_ s: String) -> Decimal { Decimal(string: s)! }

    @Test func layoutIsVerified() {
        #expect(DecimalDigits.layoutVerified)
        #expect(DecimalDigits.constructionVerified)
    }

    @Test func divisionMatchesFoundation() {
        let cases: [(String, String)] = [("10", "4"), ("1", "3"), ("2", "3"), ("-7", "2"), ("1234.56", "0.19"), ("100", "1200"),
                                         ("0.0725", "12"), ("39812.13", "100"), ("1", "1.0058333333333333333333"), ("5", "-8")]
        for (a, b) in cases {
            let fast = DecimalDigits.divide(d(a), d(b))
            #expect(fast != nil, "\(a) / \(b) took the slow path")
            let slow = d(a) / d(b)
            // Same value to 30 significant digits (Foundation truncates differently in the last digits).
            #expect(DecimalDigits.round(fast! - slow, scale: 30).isZero, "\(a) / \(b): \(fast!) vs \(slow)")
        }
        #expect(DecimalDigits.divide(d("10"), d("4")) == d("2.5"))
        #expect(DecimalDigits.divide(d("1"), d("8")) == d("0.125"))
        #expect(DecimalDigits.divide(d("1"), d("3"))!.description == "0.33333333333333333333333333333333333333")
        #expect(DecimalDigits.divide(d("2"), d("3"))!.description == "0.66666666666666666666666666666666666667")
    }

    @Test func remainderFloorCeil() {
        #expect(DecimalDigits.remainder(d("7"), d("3")) == d("1"))
        #expect(DecimalDigits.remainder(d("-7"), d("3")) == d("-1"))
        #expect(DecimalDigits.remainder(d("7.5"), d("2")) == d("1.5"))
        #expect(DecimalDigits.integral(d("2.5"), up: false) == d("2"))
        #expect(DecimalDigits.integral(d("-2.5"), up: false) == d("-3"))
        #expect(DecimalDigits.integral(d("-2.5"), up: true) == d("-2"))
        #expect(DecimalDigits.integral(d("2.01"), up: true) == d("3"))
        #expect(DecimalDigits.make(DecimalDigits.Parts(negative: false, exponent: -2, mantissa: 1500)) == d("15"))
    }
}
