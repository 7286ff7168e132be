import Foundation

/// The account's balance (GET /v1/users/me/balance, moonshot-api.md §5.3): in US dollars
/// on the international platform, in yuan on the mainland one.
public struct Balance: Sendable, Equatable {
    public enum Currency: String, Sendable, Equatable {
        case usd, cny

        /// `.cn` hosts bill in yuan; every other host in dollars.
        public init(baseURL: String) {
            let host = URL(string: baseURL)?.host ?? ""
            self = host.hasSuffix(".cn") ? .cny : .usd
        }

        var symbol: String { self == .cny ? "¥" : "$" }
    }

    /// What requests can spend: cash and vouchers.
    public var available: Double
    public var cash: Double?
    public var voucher: Double?
    public var currency: Currency

    public init(available: Double, cash: Double? = nil, voucher: Double? = nil, currency: Currency) {
        self.available = available
        self.cash = cash
        self.voucher = voucher
        self.currency = currency
    }

    /// `$12.34`, `-¥1.20`.
    public func amount(_ value: Double) -> String {
        (value < 0 ? "-" : "") + currency.symbol + String(format: "%.2f", abs(value))
    }

    /// `$12.34 (cash $10.00, voucher $2.34)`.
    public var summary: String {
        var parts: [String] = []
        if let cash { parts.append("cash " + amount(cash)) }
        if let voucher, voucher != 0 { parts.append("voucher " + amount(voucher)) }
        return amount(available) + (parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")")
    }

    /// The body of the balance endpoint: `{"data": {"available_balance", "voucher_balance",
    /// "cash_balance"}, …}`, read leniently (numbers or numeric strings, the data object
    /// or the fields at the top).
    public static func decode(_ body: String, currency: Currency) -> Balance? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] else { return nil }
        let data = object["data"] as? [String: Any] ?? object
        func number(_ key: String) -> Double? {
            if let value = data[key] as? NSNumber { return value.doubleValue }
            if let text = data[key] as? String { return Double(text) }
            return nil
        }
        guard let available = number("available_balance") else { return nil }
        return Balance(available: available, cash: number("cash_balance"), voucher: number("voucher_balance"),
                       currency: currency)
    }
}

/// What help shows of the balance.
public enum BalanceReading: Sendable, Equatable {
    case checking
    case known(Balance)
    /// Why it could not be had, in words.
    case unavailable(String)
}

/// The port that reads the balance.
public protocol BalanceChecking: Sendable {
    func balance() async -> BalanceReading
}
