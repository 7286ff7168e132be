import ChatDomain
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
#if canImport(Glibc)
import Glibc
#endif

/// One step of reaching the endpoint, as `kimichat doctor` shows it.
public struct ProbeStep: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case passed, failed
        /// Not tried, because an earlier step failed or it does not apply.
        case skipped
    }

    public var name: String
    public var outcome: Outcome
    public var detail: String
    /// What to do about a failure.
    public var fix: String?

    public init(name: String, outcome: Outcome, detail: String, fix: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
        self.fix = fix
    }
}

/// Reaches the base URL's host one step at a time — the name, a TCP connection (through
/// the proxy when one is used), the proxy's tunnel, the TLS handshake — so that a failure
/// names the step that failed instead of "the connection failed".
public enum ConnectionProbe {
    public static func probe(baseURL: String, proxy: ProxyServer?, trustRootFiles: [String],
                             timeoutSeconds: Int = 5) async -> [ProbeStep] {
        guard let url = URLComponents(string: baseURL), let host = url.host, !host.isEmpty,
              let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http" else {
            return [ProbeStep(name: "DNS", outcome: .failed, detail: "the base URL \(baseURL) has no host to reach",
                              fix: "write it as https://host/v1, such as https://api.moonshot.ai/v1")]
        }
        let port = url.port ?? (scheme == "https" ? 443 : 80)
        let timeout = Int32(timeoutSeconds * 1000)
        var steps: [ProbeStep] = []
        let target: (host: String, port: Int) = proxy.map { ($0.host, $0.port) } ?? (host, port)
        let via = proxy.map { " (the proxy from \($0.source))" } ?? ""
        let remaining = (scheme == "https" ? ["TCP", "TLS"] : ["TCP"])

        let addresses: [PlainSocket.Address]
        switch PlainSocket.resolve(target.host, port: target.port, timeoutMilliseconds: timeout) {
        case let .success(found):
            addresses = found
            let shown = found.prefix(3).map(\.text).joined(separator: ", ") + (found.count > 3 ? ", …" : "")
            let detail = found.map(\.text) == [target.host] ? "\(target.host)\(via) is an address: nothing to look up"
                : "\(target.host)\(via) is \(shown)"
            steps.append(ProbeStep(name: "DNS", outcome: .passed, detail: detail))
        case let .failure(failure):
            steps.append(ProbeStep(name: "DNS", outcome: .failed,
                                   detail: "could not look up \(target.host)\(via): \(failure.reason)",
                                   fix: proxy == nil ? "check the host in the base URL, and that this machine is online"
                                       : "check the proxy's host name in \(proxy?.source ?? "the proxy setting")"))
            return steps + skipped(remaining, because: "\(target.host) could not be looked up")
        }

        let started = ContinuousClock.now
        let descriptor: Int32
        switch PlainSocket.connect(to: addresses, timeoutMilliseconds: timeout) {
        case let .success((socket, address)):
            descriptor = socket
            let elapsed = (ContinuousClock.now - started).components
            let milliseconds = elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000
            steps.append(ProbeStep(name: "TCP", outcome: .passed,
                                   detail: "connected to \(address.text) port \(target.port)\(via) in \(milliseconds) ms"))
        case let .failure(failure):
            steps.append(ProbeStep(name: "TCP", outcome: .failed,
                                   detail: "could not connect to \(target.host) port \(target.port)\(via): \(failure.reason)",
                                   fix: proxy == nil
                                       ? "check the base URL's host and port; behind a firewall, set HTTPS_PROXY or network.proxy"
                                       : "check that the proxy runs, and its host and port in \(proxy?.source ?? "the setting")"))
            return steps + skipped(Array(remaining.dropFirst()), because: "no connection")
        }
        defer { close(descriptor) }
        guard scheme == "https" else { return steps }

        if let proxy {
            guard proxy.kind == .http else {
                return steps + [ProbeStep(name: "TLS", outcome: .skipped,
                                          detail: "not checked through a SOCKS proxy; the models check below goes through it")]
            }
            if let failure = openTunnel(descriptor, to: host, port: port, proxy: proxy, timeout: timeout) {
                return steps + [failure]
            }
        }
        steps.append(await handshake(descriptor, host: host, trustRootFiles: trustRootFiles, proxy: proxy,
                                     timeoutSeconds: timeoutSeconds))
        return steps
    }

    private static func skipped(_ names: [String], because reason: String) -> [ProbeStep] {
        names.map { ProbeStep(name: $0, outcome: .skipped, detail: "not checked: \(reason)") }
    }

    /// CONNECT through an HTTP proxy; nil when the tunnel is open.
    private static func openTunnel(_ descriptor: Int32, to host: String, port: Int, proxy: ProxyServer,
                                   timeout: Int32) -> ProbeStep? {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        var request = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let user = proxy.username {
            let login = Data("\(user):\(proxy.password ?? "")".utf8).base64EncodedString()
            request += "Proxy-Authorization: Basic \(login)\r\n"
        }
        request += "\r\n"
        guard PlainSocket.write(request, to: descriptor), let head = PlainSocket.readHead(from: descriptor, timeoutMilliseconds: timeout) else {
            return ProbeStep(name: "TLS", outcome: .failed, detail: "the proxy \(proxy.address) did not answer a CONNECT to \(authority)",
                             fix: "check that \(proxy.source) names an HTTP proxy")
        }
        let statusLine = head.split(separator: "\r\n").first.map(String.init) ?? head
        let code = statusLine.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        guard code == 200 else {
            let fix = code == 407 ? "the proxy wants a login: write it into the proxy URL (http://user:password@host:port)"
                : "ask whoever runs the proxy to allow CONNECT to \(authority)"
            return ProbeStep(name: "TLS", outcome: .failed,
                             detail: "the proxy \(proxy.address) refused the tunnel to \(authority): \(statusLine)", fix: fix)
        }
        return nil
    }

    private static func handshake(_ descriptor: Int32, host: String, trustRootFiles: [String], proxy: ProxyServer?,
                                  timeoutSeconds: Int) async -> ProbeStep {
        let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
        let group = MultiThreadedEventLoopGroup.singleton
        let done = group.next().makePromise(of: Void.self)
        do {
            let context = try NIOSSLContext(configuration: TrustRoots.clientConfiguration(adding: trustRootFiles))
            // NIO closes the socket it adopts: it gets a copy, and the caller closes its own.
            let adopted = fcntl(descriptor, F_DUPFD_CLOEXEC, 0)
            guard adopted >= 0 else { throw ChannelError.ioOnClosedChannel }
            let channel = try await ClientBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let tls = try NIOSSLClientHandler(context: context, serverHostname: isAddress ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(tls)
                        try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(done: done))
                    }
                }
                .withConnectedSocket(adopted).get()
            let deadline = channel.eventLoop.scheduleTask(in: .seconds(Int64(timeoutSeconds))) {
                done.fail(ChannelError.connectTimeout(.seconds(Int64(timeoutSeconds))))
            }
            defer { deadline.cancel() }
            do {
                try await done.futureResult.get()
            } catch {
                try? await channel.close()
                throw error
            }
            let certificate = try? await channel.nioSSL_peerCertificate().get()
            try? await channel.close()
            let issuer = certificate.flatMap { try? CertificateIssuer.name(der: $0.toDERBytes()) } ?? "an issuer kimichat could not read"
            return ProbeStep(name: "TLS", outcome: .passed, detail: "the certificate for \(host) verifies; issued by \(issuer)")
        } catch {
            // Never left pending: NIO traps on a promise dropped uncompleted.
            done.fail(error)
            let words = ErrorTranslation(host: host, proxy: proxy, scheme: "https").beforeResponse(error, timeout: Int64(timeoutSeconds))
            return ProbeStep(name: "TLS", outcome: .failed, detail: words.userMessage,
                             fix: "a company proxy or private CA: trust its certificate with network.ca_file or SSL_CERT_FILE")
        }
    }
}

/// Completes `done` when the TLS handshake finishes, or fails it with the reason.
private final class HandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = Any
    private let done: EventLoopPromise<Void>

    init(done: EventLoopPromise<Void>) { self.done = done }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent { done.succeed() }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        done.fail(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}
