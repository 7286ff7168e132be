import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Plain sockets on 127.0.0.1 for tests: a port that refuses connections, and a bare
/// HTTP/1.1 request to read a status code (no curl, no HTTP client in the test).
public enum Loopback {
    /// A port nothing listens on and nothing can take: bound by this process and kept
    /// bound without listening, so a connection is refused (port 1 is not that: a sandbox
    /// or a firewall may drop it, a timeout, instead of refusing). Closing it would let
    /// another test's server take the port in between (seen: a mock answering there).
    public static func refusedPort() throws -> Int {
        try bindLoopbackPort(keep: true)
    }

    /// A port for a server the test starts (nginx, tinyproxy): free a moment ago.
    public static func freePort() throws -> Int { try bindLoopbackPort(keep: false) }

    private static func bindLoopbackPort(keep: Bool) throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSupportError.timedOut("socket() failed") }
        var address = loopbackAddress(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        // Held for the rest of the test process when `keep`: a few descriptors at most.
        if !keep || !bound { close(socket) }
        guard bound else { throw TestSupportError.timedOut("could not bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on 127.0.0.1:port.
    static func accepts(_ port: Int) -> Bool {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { return false }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Sends `METHOD PATH` to 127.0.0.1:`port` and returns the response's status code.
    public static func status(_ method: String, _ path: String, port: Int, body: String = "") async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                do { continuation.resume(returning: try requestStatus(method, path, port: port, body: body)) }
                catch { continuation.resume(throwing: error) }
            }.start()
        }
    }

    private static func requestStatus(_ method: String, _ path: String, port: Int, body: String) throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw TestSupportError.timedOut("socket() failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = loopbackAddress(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else { throw TestSupportError.timedOut("could not connect to 127.0.0.1:\(port)") }
        let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw TestSupportError.timedOut("could not send to 127.0.0.1:\(port)")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !response.contains(UInt8(ascii: "\n")) {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            response += buffer[0..<count]
        }
        // "HTTP/1.1 404 Not Found"
        let statusLine = String(decoding: response.prefix { $0 != UInt8(ascii: "\r") }, as: UTF8.self)
        guard let code = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
            throw TestSupportError.timedOut("no HTTP status line from 127.0.0.1:\(port): \(statusLine)")
        }
        return code
    }

    private static func loopbackAddress(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
