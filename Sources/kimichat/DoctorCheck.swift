import ChatService
import Foundation

/// One line of `kimichat doctor`: what was checked, how it went, and the fix.
struct DoctorCheck: Equatable {
    typealias Outcome = ProbeStep.Outcome

    var name: String
    var outcome: Outcome
    var detail: String
    var fix: String?

    static func passed(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, outcome: .passed, detail: detail)
    }

    static func failed(_ name: String, _ detail: String, fix: String?) -> DoctorCheck {
        DoctorCheck(name: name, outcome: .failed, detail: detail, fix: fix)
    }

    static func skipped(_ name: String, _ detail: String) -> DoctorCheck {
        DoctorCheck(name: name, outcome: .skipped, detail: detail)
    }

    init(name: String, outcome: Outcome, detail: String, fix: String? = nil) {
        self.name = name
        self.outcome = outcome
        self.detail = detail
        self.fix = fix
    }

    init(_ step: ProbeStep) {
        self.init(name: step.name, outcome: step.outcome, detail: step.detail, fix: step.fix)
    }
}

/// How `kimichat doctor` prints its checks: for a person, a line each; for scripts, JSON.
enum DoctorReport {
    static func text(_ checks: [DoctorCheck]) -> String {
        let width = (checks.map(\.name.count).max() ?? 0) + 2
        var out = ""
        for check in checks {
            let mark = switch check.outcome {
            case .passed: "✓"
            case .failed: "✗"
            case .skipped: "–"
            }
            let name = check.name + String(repeating: " ", count: max(1, width - check.name.count))
            out += "\(mark) \(name)\(check.detail.replacingOccurrences(of: "\n", with: " "))"
            if let fix = check.fix, check.outcome == .failed { out += " → \(fix)" }
            out += "\n"
        }
        let failed = checks.filter { $0.outcome == .failed }.count
        out += failed == 0 ? "\nEverything kimichat needs is in order.\n"
            : "\n\(failed) of \(checks.count) checks failed: " + (failed == 1 ? "its fix follows the →.\n" : "each fix follows its →.\n")
        return out
    }

    static func json(_ checks: [DoctorCheck]) throws -> String {
        struct Entry: Encodable {
            var name: String
            var status: String
            var detail: String
            var fix: String?

            enum CodingKeys: String, CodingKey { case name, status, detail, fix }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(name, forKey: .name)
                try container.encode(status, forKey: .status)
                try container.encode(detail, forKey: .detail)
                // null, not left out: every entry has the same fields.
                try container.encode(fix, forKey: .fix)
            }
        }
        struct Document: Encodable {
            var ok: Bool
            var checks: [Entry]
        }
        let entries = checks.map { Entry(name: $0.name, status: $0.outcome.rawValue, detail: $0.detail, fix: $0.fix) }
        return try JSONOutput.text(Document(ok: !checks.contains { $0.outcome == .failed }, checks: entries))
    }
}
