import Foundation

/// What `ReplyLifecycle` needs of a response head: the status, the content type and the
/// server's `Retry-After`, already in seconds (an HTTP date needs "now", which the
/// lifecycle never reads itself).
struct ResponseHead: Sendable, Equatable {
    var status: Int
    var reason: String
    var contentType: String?
    /// Seconds the server asked for before another try, if it did.
    var retryAfter: Double?

    init(status: Int, reason: String = "", contentType: String? = nil, retryAfter: Double? = nil) {
        self.status = status
        self.reason = reason
        self.contentType = contentType
        self.retryAfter = retryAfter
    }

    /// A web page where the API should answer: a captive portal, or a base URL that is a website.
    var isWebPage: Bool {
        contentType?.lowercased().hasPrefix("text/html") ?? false
    }

    /// `Retry-After` is whole seconds or an HTTP date (RFC 9110 §10.2.3).
    static func retryAfterSeconds(_ header: String?, now: Date = Date()) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header), seconds.isFinite { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
