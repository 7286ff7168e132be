import ChatDomain
import Foundation
import Testing
@testable import ChatService

/// Errors recognised by their types and values, never by the words of their descriptions.
@Suite("Error translation by type")
struct ErrorTranslationTests {
    private let question = ChatRequest(model: "moonshot-v1-8k", turns: [ChatTurn(role: .user, content: "hi")])

    @Test("a base URL whose scheme AsyncHTTPClient refuses: said in words, matched as the error's value",
          arguments: ["ftp", "ws"])
    func unsupportedScheme(scheme: String) async throws {
        var configuration = ChatServiceConfiguration(baseURL: "\(scheme)://127.0.0.1:9/v1", apiKey: "k")
        configuration.retry = .never
        let service = ChatService(configuration: configuration)
        let (_, failure) = await collect(service.streamReply(to: question))
        await service.shutdown()
        #expect(failure == .invalidRequest("the base URL is not a usable http(s) URL — check base_url, "
            + "MOONSHOT_BASE_URL or --base-url"))
    }

    @Test("BoringSSL's reason is the whole last field of an error-stack entry, as ERR_error_string_n writes it")
    func boringSSLReason() {
        let verify = "Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at "
            + "/src/ssl/handshake.cc:412"
        #expect(BoringSSLReason.reason(in: verify) == BoringSSLReason.certificateVerifyFailed)
        let plain = "Error: 268435703 error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER at /s/tls_record.cc:231"
        #expect(BoringSSLReason.reason(in: plain).map(BoringSSLReason.notTLS.contains) == true)
        #expect(BoringSSLReason.reason(in: "Error: 1 error:00000001:lib(9):OPENSSL_internal:reason(999) at x.cc:1")
            == "reason(999)")
        // Synthetic entries (NIOSSL's own) and anything else carry no reason.
        #expect(BoringSSLReason.reason(in: "Error:  EOF during handshake") == nil)
        #expect(BoringSSLReason.reason(in: "error:1:2") == nil)
        // A reason is compared whole, never searched for.
        #expect(BoringSSLReason.reason(in: verify.replacingOccurrences(of: "CERTIFICATE_VERIFY_FAILED",
                                                                        with: "NO_CERTIFICATE_VERIFY_FAILED_HERE"))
            != BoringSSLReason.certificateVerifyFailed)
    }
}
