import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The steps under an HTTP request, done one at a time so that `kimichat doctor` can say
/// which one failed: a name looked up, a TCP connection made, bytes written and read.
/// Blocking with timeouts, for a command that does one thing at a time.
enum PlainSocket {
    struct Address {
        var storage: sockaddr_storage
        var length: socklen_t
        var family: Int32
        /// `93.184.216.34`, `::1`.
        var text: String
    }

    /// `resolve`, given up after `timeoutMilliseconds`: getaddrinfo has no timeout of its
    /// own, and an unreachable resolver keeps it for half a minute.
    static func resolve(_ host: String, port: Int, timeoutMilliseconds: Int32) -> Result<[Address], ProbeFailure> {
        final class Answer: @unchecked Sendable {
            // Written once by the lookup thread before `done` is signalled, read after.
            var value: Result<[Address], ProbeFailure>?
        }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        // A thread of its own: a lookup left behind after the deadline blocks nothing else.
        let lookup = Thread {
            answer.value = resolve(host, port: port)
            done.signal()
        }
        lookup.start()
        guard done.wait(timeout: .now() + .milliseconds(Int(timeoutMilliseconds))) == .success else {
            return .failure(ProbeFailure("no answer from the name server within \(timeoutMilliseconds / 1000) s"))
        }
        return answer.value ?? .failure(ProbeFailure("no answer from the name server"))
    }

    /// The addresses `host` has, or why it has none, in words.
    static func resolve(_ host: String, port: Int) -> Result<[Address], ProbeFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = status == EAI_NONAME ? "no such host" : String(cString: gai_strerror(status)).lowercased()
            return .failure(ProbeFailure(reason))
        }
        defer { freeaddrinfo(list) }
        var addresses: [Address] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            var storage = sockaddr_storage()
            let length = current.pointee.ai_addrlen
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: current.pointee.ai_addr, count: Int(length)))
            }
            var name = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            getnameinfo(current.pointee.ai_addr, length, &name, socklen_t(name.count), nil, 0, NI_NUMERICHOST)
            let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !addresses.contains(where: { $0.text == text }) {
                addresses.append(Address(storage: storage, length: length, family: current.pointee.ai_family, text: text))
            }
            entry = current.pointee.ai_next
        }
        return addresses.isEmpty ? .failure(ProbeFailure("no addresses")) : .success(addresses)
    }

    /// A connected socket to the first address that answers, or why none did.
    static func connect(to addresses: [Address], timeoutMilliseconds: Int32) -> Result<(Int32, Address), ProbeFailure> {
        var reasons: [String] = []
        for address in addresses {
            switch connect(to: address, timeoutMilliseconds: timeoutMilliseconds) {
            case let .success(descriptor): return .success((descriptor, address))
            case let .failure(failure): reasons.append("\(address.text): \(failure.reason)")
            }
        }
        return .failure(ProbeFailure(reasons.joined(separator: "; ")))
    }

    private static func connect(to address: Address, timeoutMilliseconds: Int32) -> Result<Int32, ProbeFailure> {
        let descriptor = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failure(ProbeFailure(words(errno))) }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        var storage = address.storage
        let started = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, address.length) }
        }
        if started != 0 && errno != EINPROGRESS {
            let code = errno
            close(descriptor)
            return .failure(ProbeFailure(words(code)))
        }
        var watch = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        guard poll(&watch, 1, timeoutMilliseconds) == 1 else {
            close(descriptor)
            return .failure(ProbeFailure("no answer within \(timeoutMilliseconds / 1000) s"))
        }
        var code: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &code, &size)
        guard code == 0 else {
            close(descriptor)
            return .failure(ProbeFailure(words(code)))
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        return .success(descriptor)
    }

    /// Writes all of `text`.
    static func write(_ text: String, to descriptor: Int32) -> Bool {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a proxy that resets the connection must not end the process
            // with SIGPIPE (nothing has ignored it yet when doctor gets here).
            let written = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    /// Reads until a blank line ends an HTTP head, the peer closes, or the time is up
    /// (one deadline for the whole head); what arrived by then is returned.
    static func readHead(from descriptor: Int32, timeoutMilliseconds: Int32) -> String? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1)
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMilliseconds))
        // One byte at a time: nothing after the head may be taken from the socket, since
        // TLS starts right after it.
        while received.count < 16_384 {
            let left = (deadline - ContinuousClock.now).components
            let milliseconds = Int32(clamping: left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000)
            guard milliseconds > 0 else { break }
            var watch = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&watch, 1, milliseconds) == 1 else { break }
            guard read(descriptor, &chunk, 1) == 1 else { break }
            received.append(chunk[0])
            if received.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) { break }
        }
        return received.isEmpty ? nil : String(decoding: received, as: UTF8.self)
    }

    static func words(_ code: Int32) -> String {
        ErrorTranslation.words(forErrno: code)
    }
}

/// Why a step failed, in words.
struct ProbeFailure: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
