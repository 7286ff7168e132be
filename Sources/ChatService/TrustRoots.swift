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
        do {
            let certificates = try NIOSSLCertificate.fromPEMFile(path)
            return certificates.isEmpty ? "\(setting) (\(path)) holds no PEM certificate" : nil
        } catch {
            return "\(setting) (\(path)) could not be read as PEM certificates (-----BEGIN CERTIFICATE-----)"
        }
    }

    /// The client's TLS settings: the system trust store, plus the given files.
    static func clientConfiguration(adding files: [String]) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = files.map { .file($0) }
        return configuration
    }
}
