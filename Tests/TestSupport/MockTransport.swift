import Foundation
import MockMoonshot

/// How a test reaches the mock server: plain HTTP/1.1 as before, or the way real users
/// reach api.moonshot.ai — TLS with HTTP/2 chosen by ALPN (or HTTP/1.1 over TLS).
public enum MockTransport: String, Sendable, CaseIterable, CustomStringConvertible {
    case http1
    case tlsHTTP2
    case tlsHTTP1

    public var description: String {
        switch self {
        case .http1: "HTTP/1.1"
        case .tlsHTTP2: "TLS + HTTP/2"
        case .tlsHTTP1: "TLS + HTTP/1.1"
        }
    }

    /// The mock's TLS settings for this transport (nil: plain HTTP).
    public var tls: MockTLS? {
        switch self {
        case .http1: nil
        case .tlsHTTP2: TestCertificates.serverTLS(offersHTTP2: true)
        case .tlsHTTP1: TestCertificates.serverTLS(offersHTTP2: false)
        }
    }

    /// The CA files a client must trust to reach the mock over this transport.
    public var trustRootFiles: [String] { self == .http1 ? [] : [TestCertificates.caPath] }

    /// The HTTP version the mock should see.
    public var expectedHTTPVersion: Int { self == .tlsHTTP2 ? 2 : 1 }
}

/// The throwaway certificates in Tests/Fixtures/TLS (made by scripts/make-test-certificates):
/// a test CA and a server certificate for 127.0.0.1 and localhost, valid until 2076.
public enum TestCertificates {
    static let folder = Binaries.packageRoot.appendingPathComponent("Tests/Fixtures/TLS")
    public static var caPath: String { folder.appendingPathComponent("ca.pem").path }
    public static var serverCertificatePath: String { folder.appendingPathComponent("server.pem").path }
    public static var serverKeyPath: String { folder.appendingPathComponent("server.key").path }

    public static func serverTLS(offersHTTP2: Bool = true) -> MockTLS {
        MockTLS(certificateChainPath: serverCertificatePath, privateKeyPath: serverKeyPath, offersHTTP2: offersHTTP2)
    }
}
