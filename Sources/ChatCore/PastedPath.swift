import Foundation

/// What terminals paste when a file is dropped on them: an absolute path, maybe quoted
/// (`'/tmp/my file.png'`), with backslash-escaped spaces (`/tmp/my\ file.png`), or a
/// `file://` URL. A paste that reads as one of these is checked for a file.
public enum PastedPath {
    public static func candidate(_ pasted: String) -> String? {
        // A long paste is text, and trimming it would cost more than it is worth.
        guard pasted.utf8.count <= 4096 else { return nil }
        var text = pasted.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, !text.contains("\n") else { return nil }
        if text.count >= 2, let first = text.first, first == "'" || first == "\"", text.last == first {
            text = String(text.dropFirst().dropLast())
        } else if text.contains("\\") {
            text = unescaped(text)
        }
        if text.hasPrefix("file://") {
            guard let url = URL(string: text), url.isFileURL else { return nil }
            text = url.path
        }
        guard text.hasPrefix("/") || text.hasPrefix("~/") else { return nil }
        // A path with bare spaces is more likely a sentence that starts with a slash.
        if pasted.trimmingCharacters(in: .whitespaces).first != "'", pasted.trimmingCharacters(in: .whitespaces).first != "\"",
           !pasted.contains("\\ "), text.contains(" ") {
            return text.split(separator: " ").count <= 3 ? text : nil
        }
        return text
    }

    private static func unescaped(_ text: String) -> String {
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
