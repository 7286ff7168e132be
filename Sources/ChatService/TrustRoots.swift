import Foundation
import NIOSSL

/// Extra certificate authorities (a private or corporate CA) on top of the system's.
public enum TrustRoots {
    /// Why a CA file cannot be used, in words, or nil when it can.
    public static func problem(withFile path: String, setting: String) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return "\(setting) names \(path), which does not exist" }
        if !FileManager.default.isReadableFile(atPath: path) {
            return "\(setting) names \(path), which kimichat may not read (permission denied)"
        }
        // Looked over, not parsed: parsing a system bundle of 140 certificates cost 5 ms
        // of every start (SSL_CERT_FILE often names it). TLS reads it on the first request.
        guard let data = FileManager.default.contents(atPath: path) else {
            return "\(setting) names \(path), which kimichat could not read"
        }
        guard data.range(of: Data("-----BEGIN CERTIFICATE-----".utf8)) != nil else {
            return "\(setting) (\(path)) could not be read as PEM certificates (-----BEGIN CERTIFICATE-----)"
        }
        return nil
    }

    /// The client's TLS settings: the system trust store, plus the given files.
    static func clientConfiguration(adding files: [String]) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = files.map { .file($0) }
        return configuration
    }
}
