import ChatService
import Foundation

/// The settings of one run, from options, then the environment, then defaults.
struct ResolvedSettings {
    var baseURL: String
    var apiKey: String?
    var model: String
    var systemPrompt: String?
    var isDemo: Bool

    init(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) {
        baseURL = options.baseURL ?? environment["MOONSHOT_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Defaults.baseURL
        // A key read from a file often carries a newline or CR; either would make the
        // Authorization header invalid.
        apiKey = environment["MOONSHOT_API_KEY"]
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
        model = options.model ?? Defaults.model
        systemPrompt = options.system
        isDemo = options.demo
    }
}
