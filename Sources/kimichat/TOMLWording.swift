import Foundation

/// What TOMLKit says about a file that does not parse, in the words of someone editing
/// it: "unterminated string", not the parser's rule about control characters.
enum TOMLWording {
    static func plain(_ description: String) -> String {
        let lowered = description.lowercased()
        if lowered.contains("parsing string") || lowered.contains("parsing literal string") {
            if lowered.contains("control characters") || lowered.contains("end-of-file") {
                return "unterminated string (a string ends on the line it starts; use \"\"\" for several lines)"
            }
        }
        if lowered.contains("parsing array"), lowered.contains("end-of-file") { return "unterminated array (a [ without its ])" }
        if lowered.contains("parsing inline table"), lowered.contains("end-of-file") {
            return "unterminated inline table (a { without its })"
        }
        if let range = description.range(of: "cannot redefine existing ") {
            let rest = description[range.upperBound...]
            if let open = rest.firstIndex(of: "'"), let close = rest[rest.index(after: open)...].firstIndex(of: "'") {
                return "“\(rest[rest.index(after: open)..<close])” is set twice"
            }
        }
        if lowered.contains("end-of-file") { return "the file ends before the value is complete" }
        // "Error while parsing key-value pair: expected …" → "key-value pair: expected …".
        if description.hasPrefix("Error while parsing ") { return String(description.dropFirst("Error while parsing ".count)) }
        return description
    }
}
