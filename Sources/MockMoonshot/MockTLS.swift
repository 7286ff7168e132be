import NIOCore
import NIOHTTP1
import NIOHTTP2
import NIOSSL

/// TLS for the mock server, so that tests take the path real users take: HTTPS, with
/// HTTP/2 negotiated by ALPN (as api.moonshot.ai offers it) or HTTP/1.1.
public struct MockTLS: Sendable {
    /// PEM files: the server's certificate (and any intermediates), and its private key.
    public var certificateChainPath: String
    public var privateKeyPath: String
    /// Offer `h2` before `http/1.1`; off, clients get HTTP/1.1 over TLS.
    public var offersHTTP2 = true

    public init(certificateChainPath: String, privateKeyPath: String, offersHTTP2: Bool = true) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
        self.offersHTTP2 = offersHTTP2
    }

    func makeContext() throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateChainPath).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: privateKeyPath, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.applicationProtocols = offersHTTP2 ? ["h2", "http/1.1"] : ["http/1.1"]
        return try NIOSSLContext(configuration: configuration)
    }
}

extension Channel {
    /// TLS, then HTTP/2 or HTTP/1.1 by ALPN. Each HTTP/2 stream gets its own handler
    /// that sees HTTP/1-style parts, so the mock answers the same on both protocols;
    /// closing a stream's channel resets that stream (what a cut reply looks like on h2).
    func configureMockTLSPipeline(context: NIOSSLContext, state: MockServerState) -> EventLoopFuture<Void> {
        do {
            try pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
        return configureHTTP2SecureUpgrade(
            h2ChannelConfigurator: { channel in
                channel.eventLoop.makeCompletedFuture {
                    _ = try channel.pipeline.syncOperations.configureHTTP2Pipeline(
                        mode: .server,
                        connectionConfiguration: .init(),
                        streamConfiguration: .init()
                    ) { stream in
                        stream.eventLoop.makeCompletedFuture {
                            try stream.pipeline.syncOperations.addHandler(HTTP2FramePayloadToHTTP1ServerCodec())
                            try stream.pipeline.syncOperations.addHandler(MockRequestHandler(state: state))
                        }
                    }
                }
            },
            http1ChannelConfigurator: { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(MockRequestHandler(state: state))
                }
            }
        )
    }
}
