import Foundation
import NIOSSL

/// Why BoringSSL failed a handshake, as far as NIOSSL lets kimichat see it.
///
/// Typed as far as the types go: `NIOSSLError.handshakeFailed` carries a `BoringSSLError`
/// whose cases hold BoringSSL's error stack. But each entry of that stack
/// (`BoringSSLInternalError`) keeps its packed error code private, and its `==` compares the
/// source file and line too, which kimichat cannot know: no typed field tells a certificate
/// that does not verify from a server that does not speak TLS. So the reason is read from
/// the one place it is public, each entry's description, which BoringSSL's
/// `ERR_error_string_n` writes as `error:HEX:LIBRARY:OPENSSL_internal:REASON` (NIOSSL adds
/// the code before it and " at FILE:LINE" after), and compared whole with BoringSSL's
/// reason names (`SSL_R_…` in its `ssl.h`) — never searched for words.
enum BoringSSLReason {
    static let certificateVerifyFailed = "CERTIFICATE_VERIFY_FAILED"
    /// What a TLS client reads when the server answers in plain HTTP.
    static let notTLS: Set<String> = ["WRONG_VERSION_NUMBER", "HTTP_REQUEST"]

    /// The reason names in the error's stack, outermost first; empty when it has none.
    static func reasons(of error: BoringSSLError) -> [String] {
        switch error {
        case let .sslError(stack), let .unknownError(stack), let .invalidSNIName(stack), let .failedToSetALPN(stack):
            return stack.compactMap { reason(in: String(describing: $0)) }
        case .noError, .zeroReturn, .wantRead, .wantWrite, .wantConnect, .wantAccept, .wantX509Lookup,
             .wantCertificateVerify, .syscallError:
            return []
        }
    }

    /// The REASON field of one entry's description.
    static func reason(in description: String) -> String? {
        guard let start = description.range(of: "error:") else { return nil }
        let fields = description[start.lowerBound...].split(separator: ":", maxSplits: 4, omittingEmptySubsequences: false)
        guard fields.count == 5, fields[3] == "OPENSSL_internal" else { return nil }
        let reason = fields[4].prefix { $0 != " " }
        return reason.isEmpty ? nil : String(reason)
    }
}
