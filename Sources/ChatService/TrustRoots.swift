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
        // Read only up to the first certificate: the whole 220 KB bundle was 0.5 ms more.
        guard let file = FileHandle(forReadingAtPath: path) else {
            return "\(setting) names \(path), which kimichat could not read"
        }
        defer { try? file.close() }
        let header = Data("-----BEGIN CERTIFICATE-----".utf8)
        var unread = Data()
        do {
            while let chunk = try file.read(upToCount: 16_384), !chunk.isEmpty {
                unread.append(chunk)
                if unread.range(of: header) != nil { return nil }
                // A header may straddle two chunks.
                unread = unread.suffix(header.count - 1)
            }
        } catch {
            return "\(setting) names \(path), which kimichat could not read"
        }
        return "\(setting) (\(path)) could not be read as PEM certificates (-----BEGIN CERTIFICATE-----)"
    }

    /// The client's TLS settings: the system trust store, plus the given files.
    static func clientConfiguration(adding files: [String]) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = files.map { .file($0) }
        return configuration
    }
}
