/// Who issued a certificate, read from its DER bytes: the issuer's common name and
/// organisation, which is what a person compares with what they expect (their company's
/// proxy CA, or a public authority). Only the few DER shapes a certificate's header
/// uses are read; anything else gives nil rather than a guess.
enum CertificateIssuer {
    static func name(der bytes: [UInt8]) -> String? {
        var reader = DERReader(bytes[...])
        // Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version?, serial, signature, issuer, … } … }
        guard var certificate = reader.enter(tag: 0x30), var tbs = certificate.enter(tag: 0x30) else { return nil }
        if tbs.peekTag == 0xA0 { _ = tbs.skip() }
        guard tbs.skip() != nil, tbs.skip() != nil, var issuer = tbs.enter(tag: 0x30) else { return nil }
        var commonName: String?
        var organisation: String?
        while var set = issuer.enter(tag: 0x31) {
            while var attribute = set.enter(tag: 0x30) {
                guard let oid = attribute.read(tag: 0x06), let value = attribute.readString() else { continue }
                if oid.elementsEqual([0x55, 0x04, 0x03]) { commonName = value }
                if oid.elementsEqual([0x55, 0x04, 0x0A]) { organisation = value }
            }
        }
        switch (commonName, organisation) {
        case let (name?, organisation?) where !name.contains(organisation): return "\(name) (\(organisation))"
        case let (name?, _): return name
        case let (nil, organisation?): return organisation
        default: return nil
        }
    }
}

/// Reads DER's tag-length-value elements from a slice.
private struct DERReader {
    private var rest: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { rest = bytes }

    var peekTag: UInt8? { rest.first }

    /// The next element's content, when its tag is `tag`; the reader moves past it.
    mutating func read(tag: UInt8) -> ArraySlice<UInt8>? {
        guard rest.first == tag, let content = skip() else { return nil }
        return content
    }

    /// The next element's content as a reader.
    mutating func enter(tag: UInt8) -> DERReader? {
        read(tag: tag).map(DERReader.init)
    }

    /// A string element (UTF8String, PrintableString, IA5String, T61String).
    mutating func readString() -> String? {
        guard let tag = rest.first, [0x0C, 0x13, 0x16, 0x14].contains(tag), let content = skip() else { return nil }
        return String(decoding: content, as: UTF8.self)
    }

    /// Moves past the next element and returns its content.
    mutating func skip() -> ArraySlice<UInt8>? {
        var index = rest.startIndex
        guard index < rest.endIndex else { return nil }
        index += 1
        guard index < rest.endIndex else { return nil }
        var length = Int(rest[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7F
            guard count >= 1, count <= 4, index + count <= rest.endIndex else { return nil }
            length = rest[index..<index + count].reduce(0) { $0 << 8 | Int($1) }
            index += count
        }
        guard length >= 0, index + length <= rest.endIndex else { return nil }
        let content = rest[index..<index + length]
        rest = rest[(index + length)...]
        return content
    }
}
