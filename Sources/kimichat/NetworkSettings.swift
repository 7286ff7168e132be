import ChatDomain
import ChatService
import Foundation
import Persistence
import TOMLKit

/// The `[network]` table: timeouts and retries, with defaults that suit thinking models.
struct NetworkSettings: Equatable {
    /// The defaults live in one place, the chat service's own configuration.
    private static let defaults = ChatServiceConfiguration(apiKey: "")

    var connectTimeout = defaults.connectTimeout
    var responseTimeout = defaults.responseHeadTimeout
    var idleTimeout = defaults.idleTimeout
    var maxAttempts = defaults.retry.maxAttempts
    var retryDelay = defaults.retry.baseDelay
    /// A PEM file of certificate authorities to trust besides the system's (a private CA).
    var caFile: String?
    /// `http://host:port` (or `socks5://`); an empty string means no proxy whatever the
    /// environment says; nil leaves the choice to HTTPS_PROXY, ALL_PROXY and NO_PROXY.
    var proxy: String?

    static let knownKeys = ["connect_timeout", "response_timeout", "idle_timeout", "max_attempts", "retry_delay",
                            "ca_file", "proxy"]

    init() {}

    init(_ table: TOMLTable, path: String) throws {
        if let unknown = table.keys.first(where: { !Self.knownKeys.contains($0) }) {
            throw CommandFailure("\(path): unknown setting “network.\(unknown)” (known: "
                + Self.knownKeys.map { "network." + $0 }.joined(separator: ", ") + ").")
        }
        connectTimeout = try Self.seconds(table, "connect_timeout", path) ?? connectTimeout
        responseTimeout = try Self.seconds(table, "response_timeout", path) ?? responseTimeout
        idleTimeout = try Self.seconds(table, "idle_timeout", path) ?? idleTimeout
        if let attempts = table["max_attempts"] {
            guard let count = attempts.int, (1...20).contains(count) else {
                throw CommandFailure("\(path): network.max_attempts must be a whole number from 1 to 20.")
            }
            maxAttempts = count
        }
        if let delay = table["retry_delay"] {
            guard let seconds = delay.double ?? delay.int.map(Double.init), seconds >= 0, seconds <= 60 else {
                throw CommandFailure("\(path): network.retry_delay must be a number of seconds from 0 to 60.")
            }
            retryDelay = seconds
        }
        if let value = table["ca_file"] {
            guard let file = value.string, !file.isEmpty else {
                throw CommandFailure("\(path): network.ca_file must be the path of a PEM file, in quotes.")
            }
            caFile = Self.expand(file, relativeTo: (path as NSString).deletingLastPathComponent)
        }
        if let value = table["proxy"] {
            guard let url = value.string else {
                throw CommandFailure("\(path): network.proxy must be a URL in quotes, like \"http://proxy:3128\" "
                    + "(\"\" for none).")
            }
            proxy = url
        }
    }

    /// `~/ca.pem` from $HOME, a relative path from the config file's folder.
    private static func expand(_ file: String, relativeTo folder: String) -> String {
        if file == "~" || file.hasPrefix("~/") { return UserFolders().home + file.dropFirst() }
        return file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
    }

    private static func seconds(_ table: TOMLTable, _ key: String, _ path: String) throws -> Int64? {
        guard let value = table[key] else { return nil }
        guard let seconds = value.int, seconds >= 1, seconds <= 3600 else {
            throw CommandFailure("\(path): network.\(key) must be a whole number of seconds from 1 to 3600.")
        }
        return Int64(seconds)
    }

    func apply(to configuration: inout ChatServiceConfiguration) {
        configuration.connectTimeout = connectTimeout
        configuration.responseHeadTimeout = responseTimeout
        configuration.idleTimeout = idleTimeout
        configuration.retry = RetryPolicy(maxAttempts: maxAttempts, baseDelay: retryDelay)
    }

    /// Trust and proxy for a base URL: `ca_file` and `SSL_CERT_FILE` are trusted besides the
    /// system store; `proxy` beats the proxy variables. A file or URL that cannot be used
    /// stops the command with a message naming the setting.
    func applyTransport(to configuration: inout ChatServiceConfiguration, environment: [String: String]) throws {
        var files: [(path: String, setting: String)] = []
        if let caFile { files.append((caFile, "network.ca_file")) }
        if let certFile = environment["SSL_CERT_FILE"], !certFile.isEmpty { files.append((certFile, "SSL_CERT_FILE")) }
        for file in files {
            if let problem = TrustRoots.problem(withFile: file.path, setting: file.setting) {
                throw CommandFailure(problem + ".")
            }
        }
        configuration.trustRootFiles = files.map(\.path)
        do {
            configuration.proxy = try ProxyChoice.proxy(for: configuration.baseURL, configured: proxy,
                                                        environment: environment)
        } catch {
            throw CommandFailure(error.message + ".")
        }
    }
}
