import Foundation

/// Where the built executables are: next to the test bundle, in the package's
/// .build/debug, or wherever KIMICHAT_BIN_DIR says.
public enum Binaries {
    public static func path(of name: String) throws -> String {
        var candidates: [String] = []
        if let directory = ProcessInfo.processInfo.environment["KIMICHAT_BIN_DIR"] {
            candidates.append(directory + "/" + name)
        }
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(testBinary.deletingLastPathComponent().appendingPathComponent(name).path)
        candidates.append(packageRoot.appendingPathComponent(".build/debug/\(name)").path)
        if let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            return found
        }
        throw TestSupportError.missingBinary(
            "\(name) is not built (looked in \(candidates)). Run `swift build` before `swift test`, "
                + "as scripts/test does.")
    }

    public static var kimichat: String { get throws { try path(of: "kimichat") } }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kimichat-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
