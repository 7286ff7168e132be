import Foundation

/// What every child process of a test starts from: an allow-list, not the test
/// process's own environment, so a developer's KIMICHAT_LOG, EDITOR, HTTPS_PROXY,
/// locale or key never changes a result. Tests add what they mean to set.
public enum TestEnvironment {
    public static let base: [String: String] = {
        var variables = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"]
        variables["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return variables
    }()
}
