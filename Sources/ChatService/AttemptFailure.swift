import ChatDomain
import Foundation

/// How one try of a request failed: the error, the server's `Retry-After`, and
/// whether a token had already arrived (then it is never tried again: the text
/// would come twice).
struct AttemptFailure: Error {
    var error: ChatError
    var retryAfter: Double? = nil
    var afterFirstToken = false

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
