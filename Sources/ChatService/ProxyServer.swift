import Foundation

/// The proxy requests go through, and where that choice came from (for messages).
public struct ProxyServer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// An HTTP proxy: HTTPS goes through a CONNECT tunnel, so the proxy never sees the key.
        case http
        case socks5
    }

    public var kind: Kind
    public var host: String
    public var port: Int
    public var username: String?
    public var password: String?
    /// The setting it came from: `HTTPS_PROXY`, `network.proxy`, …
    public var source: String

    /// `host:port`, for messages; never the credentials.
    public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Reads a proxy URL as curl does: `http://[user:pass@]host[:port]` (port 1080 when
    /// absent), no scheme meaning http, `socks5://` and `socks5h://`.
    public static func parse(_ text: String, source: String) throws(ProxySettingError) -> ProxyServer {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed
        guard let components = URLComponents(string: withScheme), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty else {
            throw ProxySettingError("\(source) (\(withoutCredentials(trimmed))) is not a proxy URL: write it as "
                + "http://host:port")
        }
        let kind: Kind
        switch scheme {
        case "http": kind = .http
        case "socks5", "socks5h":
            // The HTTP client speaks SOCKS without authentication: a password would be dropped unsaid.
            guard components.user == nil else {
                throw ProxySettingError("\(source) gives a user name for a SOCKS proxy, which kimichat cannot "
                    + "log in to: use a SOCKS proxy without a password, or an http:// proxy")
            }
            kind = .socks5
        case "https":
            throw ProxySettingError("\(source) names an https:// proxy, which kimichat cannot use; an http:// "
                + "proxy still carries the API's traffic encrypted (through a CONNECT tunnel)")
        default:
            throw ProxySettingError("\(source) uses \(scheme)://, which kimichat does not support: use http:// "
                + "or socks5://")
        }
        let port = components.port ?? 1080
        guard (1...65535).contains(port) else { throw ProxySettingError("\(source) has no usable port (\(port))") }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ProxyServer(kind: kind, host: bareHost, port: port,
                           username: components.user.flatMap { $0.removingPercentEncoding ?? $0 },
                           password: components.password.flatMap { $0.removingPercentEncoding ?? $0 },
                           source: source)
    }
}

/// `http://host:port` from `http://user:password@host:port`: a message never quotes a password.
private func withoutCredentials(_ url: String) -> String {
    guard let at = url.lastIndex(of: "@") else { return url }
    let start = url.range(of: "://")?.upperBound ?? url.startIndex
    return String(url[..<start]) + String(url[url.index(after: at)...])
}

/// A proxy setting that cannot be used, in words.
public struct ProxySettingError: Error, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Which proxy, if any, carries requests to a base URL: `[network] proxy` first, then the
/// environment as curl reads it, then `NO_PROXY` decides whether the host skips it.
public enum ProxyChoice {
    /// - Parameters:
    ///   - configured: `network.proxy` from config.toml; an empty string means "no proxy",
    ///     whatever the environment says.
    public static func proxy(for baseURL: String, configured: String?,
                             environment: [String: String]) throws(ProxySettingError) -> ProxyServer? {
        guard let url = URLComponents(string: baseURL), let host = url.host?.lowercased() else { return nil }
        let secure = url.scheme?.lowercased() == "https"
        let setting: (value: String, name: String)?
        if let configured {
            setting = configured.trimmingCharacters(in: .whitespaces).isEmpty ? nil : (configured, "network.proxy")
        } else {
            // curl reads only the lowercase http_proxy (HTTP_PROXY can be set by a web
            // server's CGI environment); both spellings of the others.
            let names = secure ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"]
                : ["http_proxy", "all_proxy", "ALL_PROXY"]
            setting = names.lazy.compactMap { name in
                environment[name].flatMap { $0.isEmpty ? nil : ($0, name) }
            }.first
        }
        guard let setting else { return nil }
        let exceptions = environment["no_proxy"].flatMap { $0.isEmpty ? nil : $0 } ?? environment["NO_PROXY"] ?? ""
        if bypasses(host: host, noProxy: exceptions) { return nil }
        return try ProxyServer.parse(setting.value, source: setting.name)
    }

    /// `NO_PROXY` as curl reads it: comma-separated names, each matching itself and its
    /// subdomains (a leading dot is ignored), IP addresses exactly, `*` everything.
    static func bypasses(host: String, noProxy: String) -> Bool {
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        for rawEntry in noProxy.split(separator: ",") {
            var entry = rawEntry.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix("[") , let end = entry.firstIndex(of: "]") {
                entry = String(entry[entry.index(after: entry.startIndex)..<end])
            } else if entry.filter({ $0 == ":" }).count == 1, let colon = entry.firstIndex(of: ":") {
                entry = String(entry[..<colon])  // host:port — the port is not compared
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            guard !entry.isEmpty else { continue }
            if bareHost == entry { return true }
            // Addresses match only exactly: "0.0.1" is no suffix of 10.0.0.1 in curl either.
            if !isAddress(bareHost), bareHost.hasSuffix("." + entry) { return true }
        }
        return false
    }

    private static func isAddress(_ host: String) -> Bool {
        host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
    }
}
