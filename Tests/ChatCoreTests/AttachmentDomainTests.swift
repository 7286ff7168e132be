import ChatDomain
import Foundation
import Testing
@testable import ChatCore

/// The pure parts of attaching: hashes, image headers, how a file is classed, tool
/// calls put together from fragments, a search's arguments, and pasted paths.
@Suite("Attachments and tool calls: the pure parts")
struct AttachmentDomainTests {
    @Test("SHA-256 gives the published digests (FIPS 180-4 examples, and a two-block message)")
    func sha256() {
        #expect(SHA256.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex(of: Data(repeating: 0x61, count: 1000))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    static func png(width: Int, height: Int) -> Data {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        for value in [width, height] { bytes += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        return Data(bytes + [8, 6, 0, 0, 0, 0, 0, 0, 0])
    }

    static func jpeg(width: Int, height: Int) -> Data {
        // SOI, an APP0 segment to skip, then SOF0 with the size.
        Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x06, 0x4A, 0x46, 0x49, 0x46, 0xFF, 0xC0, 0x00, 0x11, 0x08,
              UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x03, 0, 0, 0, 0, 0, 0])
    }

    @Test("images are told by their bytes, with their size read from the header")
    func imageFormats() {
        #expect(ImageFormat.sniff(Self.png(width: 1024, height: 768)) == .png)
        #expect(ImageFormat.png.pixelSize(of: Self.png(width: 1024, height: 768)) == PixelSize(width: 1024, height: 768))
        #expect(ImageFormat.sniff(Self.jpeg(width: 640, height: 480)) == .jpeg)
        #expect(ImageFormat.jpeg.pixelSize(of: Self.jpeg(width: 640, height: 480)) == PixelSize(width: 640, height: 480))
        let gif = Data(Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00, 0, 0, 0])
        #expect(ImageFormat.sniff(gif) == .gif)
        #expect(ImageFormat.gif.pixelSize(of: gif) == PixelSize(width: 320, height: 240))
        var webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0]
        webp += [0x1F, 0x03, 0x00, 0x57, 0x02, 0x00] + [UInt8](repeating: 0, count: 4)
        #expect(ImageFormat.sniff(Data(webp)) == .webp)
        #expect(ImageFormat.webp.pixelSize(of: Data(webp)) == PixelSize(width: 800, height: 600))
        #expect(ImageFormat.sniff(Data("%PDF-1.7".utf8)) == nil)
        #expect(ImageFormat.png.pixelSize(of: Data([0x89, 0x50])) == nil, "a cut header has no size, and no crash")
    }

    @Test("a file is an image, inline text, an upload, or refused with a reason", arguments: [
        ("cat.png", png(width: 2, height: 2), "image"),
        ("notes.md", Data("# Notes\n你好".utf8), "inline"),
        ("big.txt", Data(String(repeating: "line of text\n", count: 6_000).utf8), "upload"),
        ("report.pdf", Data("%PDF-1.7\n\u{0}\u{1}binary".utf8), "upload"),
        ("photo.bmp", Data([0x42, 0x4D, 0, 0]), "unsupported: PNG, JPEG, WebP or GIF"),
        ("song.mp3", Data([0x49, 0x44, 0x33, 0, 0xFF]), "unsupported: does not read .mp3"),
        ("program", Data([0x7F, 0x45, 0x4C, 0x46, 0]), "unsupported: does not read this kind"),
    ] as [(String, Data, String)])
    func classification(name: String, bytes: Data, expected: String) {
        let found = FileClassification.classify(name: name, bytes: bytes)
        switch found {
        case .image: #expect(expected == "image")
        case let .inlineText(text):
            #expect(expected == "inline")
            #expect(text == String(decoding: bytes, as: UTF8.self))
        case .upload: #expect(expected == "upload")
        case let .unsupported(reason):
            #expect(expected.hasPrefix("unsupported"), "\(name): \(reason)")
            #expect(reason.contains(expected.dropFirst("unsupported: ".count)), "\(reason)")
        }
    }

    @Test("tool calls come together from fragments, each by its index, in index order")
    func toolCallAssembly() {
        var assembly = ToolCallAssembly()
        assembly.add(ToolCallFragment(index: 1, id: "call-b", name: "$web_search", arguments: ""))
        assembly.add(ToolCallFragment(index: 0, id: "call-a", name: "$web_search", arguments: "{\"q"))
        assembly.add(ToolCallFragment(index: 1, arguments: "{\"x\":1}"))
        assembly.add(ToolCallFragment(index: 0, arguments: "uery\":\"天气\"}"))
        #expect(assembly.calls == [
            ToolCall(id: "call-a", name: "$web_search", arguments: "{\"query\":\"天气\"}"),
            ToolCall(id: "call-b", name: "$web_search", arguments: "{\"x\":1}"),
        ])
    }

    @Test("a search's arguments give the size of its results and its query; anything else gives nothing")
    func searchArguments() {
        let arguments = "{\"search_result\":{\"search_id\":\"s1\"},\"usage\":{\"total_tokens\":3210},\"query\":\"kimi\"}"
        #expect(WebSearch.resultTokens(inArguments: arguments) == 3210)
        #expect(WebSearch.query(inArguments: arguments) == "kimi")
        #expect(WebSearch.resultTokens(inArguments: "not json") == nil)
        #expect(WebSearch.resultTokens(inArguments: "{\"usage\":{}}") == nil)
    }

    @Test("a search round stands for the assistant's call and one tool turn that repeats its arguments")
    func searchRoundTurns() {
        let call = ToolCall(id: "c1", name: "$web_search", arguments: "{\"usage\":{\"total_tokens\":5}}")
        let turns = SearchRound(calls: [call]).turns
        #expect(turns.map(\.role) == [.assistant, .tool])
        #expect(turns[0].toolCalls == [call])
        #expect(turns[1].content == call.arguments)
        #expect(turns[1].toolCallID == "c1")
        #expect(turns[1].name == "$web_search")
    }

    @Test("what terminals paste on drag-and-drop reads as a path; sentences and relative words do not", arguments: [
        ("/home/me/report.pdf", "/home/me/report.pdf"),
        ("  '/tmp/my file.png'\n", "/tmp/my file.png"),
        ("\"/tmp/quoted.txt\"", "/tmp/quoted.txt"),
        ("/tmp/my\\ file\\ (2).png", "/tmp/my file (2).png"),
        ("file:///tmp/%E6%8A%A5%E5%91%8A.pdf", "/tmp/报告.pdf"),
        ("~/notes.md", "~/notes.md"),
        ("report.pdf", nil),
        ("/etc/passwd\n/etc/hosts", nil),
        ("/ this is a sentence that starts with a slash and goes on", nil),
    ] as [(String, String?)])
    func pastedPaths(pasted: String, expected: String?) {
        #expect(PastedPath.candidate(pasted) == expected)
    }

    @Test("chips read as the issue shows them")
    func chipLabels() {
        let document = ChatDomain.Attachment(name: "report.pdf", byteCount: 2_202_010,
                                  content: .document(AttachedDocument(text: "x", source: .extracted)))
        #expect(document.label == "report.pdf · 2.1 MB")
        let inline = ChatDomain.Attachment(name: "notes.md", byteCount: 812, content: .document(AttachedDocument(text: "x", source: .inline)))
        #expect(inline.label == "notes.md · 812 B · inline")
        let image = ChatDomain.Attachment(name: "cat.png", byteCount: 10, content: .image(AttachedImage(
            mediaType: "image/png", pixelSize: PixelSize(width: 1024, height: 768), storage: .bytes(Data([1])))))
        #expect(image.label == "cat.png · 1024×768")
    }
}
