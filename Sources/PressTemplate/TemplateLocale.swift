import Foundation

/// Number, currency, percent and date formats of one locale, from hand-written tables (no Foundation
/// formatters: they are slow and their output changes with the platform's ICU/CLDR version).
///
/// Supported: de-DE, de-AT, de-CH, pl-PL, es-ES, fr-FR, en-GB, en-US (others fall back by language,
/// then to de-DE). Separators follow CLDR, except that grouping is always applied from 1 000 on
/// (CLDR's pl/es "minimum grouping digits 2" rule is not used: invoices group thousands uniformly).
public struct TemplateLocale: Sendable, Hashable {
    /// BCP 47 tag, e.g. `de-DE`.
    public let identifier: String
    /// Language subtag, e.g. `de`.
    public let language: String
    let decimalSeparator: String
    let groupSeparator: String
    /// Percent sign with its spacing, appended to the number: "\u{00A0}%" (de), "%" (en).
    let percentSuffix: String
    /// Currency placed after the number ("1.234,56 €") or before it ("£1,234.56").
    let currencyAfter: Bool
    /// Space between number and currency symbol (suffix) or between code and number (prefix, codes only).
    let currencySpace: String
    let shortDate: DatePattern
    let monthNames: [String]
    /// Long date: `22. November 2026` (de), `22 listopada 2026` (pl), `22 de noviembre de 2026` (es).
    let longDate: LongDatePattern

    enum DatePattern: Sendable, Hashable { case dotted, slashed, iso, usSlashed }
    enum LongDatePattern: Sendable, Hashable { case dayDotMonthYear, dayMonthYear, dayDeMonthDeYear, monthDayCommaYear }

    static let nbsp = "\u{00A0}"
    static let narrowNbsp = "\u{202F}"

    private static let germanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                                       "September", "Oktober", "November", "Dezember"]
    /// Polish months in the genitive, as used in dates ("22 listopada 2026").
    private static let polishMonths = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                                       "sierpnia", "września", "października", "listopada", "grudnia"]
    private static let spanishMonths = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                                        "septiembre", "octubre", "noviembre", "diciembre"]
    private static let frenchMonths = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                                       "septembre", "octobre", "novembre", "décembre"]
    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August",
                                        "September", "October", "November", "December"]

    static let germany = TemplateLocale(identifier: "de-DE", language: "de", decimalSeparator: ",", groupSeparator: ".",
        percentSuffix: nbsp + "%", currencyAfter: true, currencySpace: nbsp, shortDate: .dotted,
        monthNames: germanMonths, longDate: .dayDotMonthYear)
    static let austria = TemplateLocale(identifier: "de-AT", language: "de", decimalSeparator: ",", groupSeparator: nbsp,
        percentSuffix: nbsp + "%", currencyAfter: true, currencySpace: nbsp, shortDate: .dotted,
        monthNames: germanMonths, longDate: .dayDotMonthYear)
    static let switzerland = TemplateLocale(identifier: "de-CH", language: "de", decimalSeparator: ".", groupSeparator: "’",
        percentSuffix: "%", currencyAfter: true, currencySpace: nbsp, shortDate: .dotted,
        monthNames: germanMonths, longDate: .dayDotMonthYear)
    static let poland = TemplateLocale(identifier: "pl-PL", language: "pl", decimalSeparator: ",", groupSeparator: nbsp,
        percentSuffix: "%", currencyAfter: true, currencySpace: nbsp, shortDate: .dotted,
        monthNames: polishMonths, longDate: .dayMonthYear)
    static let spain = TemplateLocale(identifier: "es-ES", language: "es", decimalSeparator: ",", groupSeparator: ".",
        percentSuffix: nbsp + "%", currencyAfter: true, currencySpace: nbsp, shortDate: .slashed,
        monthNames: spanishMonths, longDate: .dayDeMonthDeYear)
    static let france = TemplateLocale(identifier: "fr-FR", language: "fr", decimalSeparator: ",", groupSeparator: narrowNbsp,
        percentSuffix: narrowNbsp + "%", currencyAfter: true, currencySpace: nbsp, shortDate: .slashed,
        monthNames: frenchMonths, longDate: .dayMonthYear)
    static let britain = TemplateLocale(identifier: "en-GB", language: "en", decimalSeparator: ".", groupSeparator: ",",
        percentSuffix: "%", currencyAfter: false, currencySpace: nbsp, shortDate: .slashed,
        monthNames: englishMonths, longDate: .dayMonthYear)
    static let unitedStates = TemplateLocale(identifier: "en-US", language: "en", decimalSeparator: ".", groupSeparator: ",",
        percentSuffix: "%", currencyAfter: false, currencySpace: nbsp, shortDate: .usSlashed,
        monthNames: englishMonths, longDate: .monthDayCommaYear)

    /// All built-in locales.
    public static let all: [TemplateLocale] = [germany, austria, switzerland, poland, spain, france, britain, unitedStates]

    /// The locale for a tag (`de`, `de-DE`, `pl_PL`, `EN-gb`); unknown regions fall back to the language's
    /// main locale, unknown languages return nil.
    public static func named(_ tag: String) -> TemplateLocale? {
        let normalized = tag.replacingOccurrences(of: "_", with: "-")
        let parts = normalized.split(separator: "-")
        guard let first = parts.first else { return nil }
        let language = first.lowercased()
        let region = parts.count > 1 ? parts[1].uppercased() : ""
        if let exact = all.first(where: { $0.language == language && $0.identifier.hasSuffix("-" + region) }) { return exact }
        switch language {
        case "de": return germany
        case "pl": return poland
        case "es": return spain
        case "fr": return france
        case "en": return britain
        default: return nil
        }
    }

    // MARK: Numbers

    private func appendGrouped(_ integer: [UInt8], to out: inout [UInt8]) {
        let group = Array(groupSeparator.utf8)
        let count = integer.count
        for (i, digit) in integer.enumerated() {
            if i > 0, (count - i) % 3 == 0 { out.append(contentsOf: group) }
            out.append(digit)
        }
    }

    /// `1.234,56` (de-DE) with `decimals` fraction digits (half-up); nil decimals: as many as the value has
    /// (at most 10). Grouping from 1 000 on.
    public func formatNumber(_ value: Decimal, decimals: Int? = nil, grouping: Bool = true) -> String {
        formatNumber(value, minFraction: decimals ?? 0, maxFraction: decimals ?? 10, grouping: grouping)
    }

    func formatNumber(_ value: Decimal, minFraction: Int, maxFraction: Int, grouping: Bool) -> String {
        // One pass over the rounded mantissa's digits, written straight into the output bytes.
        let p = DecimalDigits.rounded(DecimalDigits.decompose(value), scale: maxFraction)
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)   // 40 digit bytes
        return withUnsafeMutableBytes(of: &scratch) { d -> String in
            // d[j] is the digit of 10^(e + j), least significant first.
            var count = 0
            var m = p.mantissa
            repeat {
                d[count] = UInt8(truncatingIfNeeded: m % 10) + 48
                m /= 10
                count += 1
            } while m > 0 && count < 40
            let e = p.exponent
            // Drop zero digits below the minimum fraction (keep at least one digit).
            var low = 0
            while low < count - 1, e + low < -minFraction, d[low] == 48 { low += 1 }
            let top = e + count - 1
            let integerDigits = top < 0 ? 1 : top + 1
            let lowest = e + low
            let fractionDigits = lowest < 0 ? -lowest : 0
            let shownFraction = max(fractionDigits, minFraction)
            func digit(_ power: Int) -> UInt8 {
                let j = power - e
                return j >= low && j < count ? d[j] : 48
            }
            var out: [UInt8] = []
            out.reserveCapacity(integerDigits * 4 + shownFraction + 8)
            if p.negative { out.append(UInt8(ascii: "-")) }
            for i in 0..<integerDigits {
                if grouping, i > 0, (integerDigits - i) % 3 == 0 { out.append(contentsOf: groupSeparator.utf8) }
                out.append(digit(integerDigits - 1 - i))
            }
            if shownFraction > 0 {
                out.append(contentsOf: decimalSeparator.utf8)
                for k in 1...shownFraction { out.append(digit(-k)) }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `19 %` (de-DE), `19%` (en-GB, pl-PL), `19 %` with a narrow no-break space (fr-FR).
    /// `value` is in percent points (19 means 19 %); `decimals` nil: as many as needed (at most 2).
    public func formatPercent(_ value: Decimal, decimals: Int? = nil) -> String {
        formatNumber(value, minFraction: decimals ?? 0, maxFraction: decimals ?? 2, grouping: true) + percentSuffix
    }

    /// Money: `1.234,56 €` (de-DE), `1 234,56 zł` (pl-PL), `£1,234.56` (en-GB), `-€5.00`; rounded half-up
    /// to the currency's minor unit (JPY: none).
    public func formatMoney(_ value: Decimal, currency: String) -> String {
        let info = CurrencyInfo.named(currency)
        let number = formatNumber(value, decimals: info.minorDigits)
        let symbol = info.symbol(for: self)
        let negative = number.hasPrefix("-")
        let magnitude = negative ? String(number.dropFirst()) : number
        if currencyAfter {
            return number + currencySpace + symbol
        }
        // Prefix: symbols stick to the number, letter codes are separated ("CHF 1,234.56").
        let separator = symbol.last.map { $0.isLetter } == true ? TemplateLocale.nbsp : ""
        return (negative ? "-" : "") + symbol + separator + magnitude
    }

    // MARK: Dates

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// `22.11.2026` (de, pl), `22/11/2026` (es, fr, en-GB), `11/22/2026` (en-US).
    public func formatShortDate(_ date: CivilDate) -> String {
        let c = date.components
        switch shortDate {
        case .dotted: return "\(Self.two(c.day)).\(Self.two(c.month)).\(c.year)"
        case .slashed: return "\(Self.two(c.day))/\(Self.two(c.month))/\(c.year)"
        case .usSlashed: return "\(Self.two(c.month))/\(Self.two(c.day))/\(c.year)"
        case .iso: return date.description
        }
    }

    /// `22. November 2026` (de), `22 listopada 2026` (pl), `22 de noviembre de 2026` (es),
    /// `22 novembre 2026` (fr), `22 November 2026` (en-GB), `November 22, 2026` (en-US).
    public func formatLongDate(_ date: CivilDate) -> String {
        let c = date.components
        let month = monthNames[c.month - 1]
        switch longDate {
        case .dayDotMonthYear: return "\(c.day). \(month) \(c.year)"
        case .dayMonthYear: return "\(c.day) \(month) \(c.year)"
        case .dayDeMonthDeYear: return "\(c.day) de \(month) de \(c.year)"
        case .monthDayCommaYear: return "\(month) \(c.day), \(c.year)"
        }
    }
}

/// A currency: ISO 4217 code, minor unit digits, and its symbol per locale.
public struct CurrencyInfo: Sendable, Hashable {
    public let code: String
    /// Digits of the minor unit: 2 for EUR, 0 for JPY.
    public let minorDigits: Int
    let symbols: [String: String]   // locale language or identifier -> symbol
    let defaultSymbol: String

    func symbol(for locale: TemplateLocale) -> String {
        symbols[locale.identifier] ?? symbols[locale.language] ?? defaultSymbol
    }

    static let table: [String: CurrencyInfo] = [
        "EUR": CurrencyInfo(code: "EUR", minorDigits: 2, symbols: [:], defaultSymbol: "€"),
        "PLN": CurrencyInfo(code: "PLN", minorDigits: 2, symbols: ["pl": "zł"], defaultSymbol: "PLN"),
        "CHF": CurrencyInfo(code: "CHF", minorDigits: 2, symbols: [:], defaultSymbol: "CHF"),
        "GBP": CurrencyInfo(code: "GBP", minorDigits: 2, symbols: ["de": "£", "en": "£", "fr": "£GB", "es": "GBP", "pl": "GBP"], defaultSymbol: "£"),
        "USD": CurrencyInfo(code: "USD", minorDigits: 2, symbols: ["de": "$", "en": "US$", "en-US": "$", "fr": "$US", "es": "US$", "pl": "USD"], defaultSymbol: "$"),
        "JPY": CurrencyInfo(code: "JPY", minorDigits: 0, symbols: ["de": "¥", "en": "JP¥", "fr": "JPY", "es": "JPY", "pl": "JPY"], defaultSymbol: "¥"),
        "CZK": CurrencyInfo(code: "CZK", minorDigits: 2, symbols: [:], defaultSymbol: "Kč"),
        "SEK": CurrencyInfo(code: "SEK", minorDigits: 2, symbols: [:], defaultSymbol: "kr"),
    ]

    /// Known currencies.
    public static var codes: [String] { table.keys.sorted() }

    /// The info for `code` (case-insensitive); unknown codes get 2 minor digits and the code as symbol.
    public static func named(_ code: String) -> CurrencyInfo {
        if let info = table[code] { return info }
        let upper = code.uppercased()
        return table[upper] ?? CurrencyInfo(code: upper, minorDigits: 2, symbols: [:], defaultSymbol: upper)
    }

    /// Whether `code` is in the table.
    public static func isKnown(_ code: String) -> Bool { table[code.uppercased()] != nil }
}
