import Foundation
import Testing
import TestSupport

/// Where kimichat keeps its files, who may read them, and what read-only use leaves
/// behind: the built binary on real files.
@Suite("Files and places: $HOME, private modes, the demo's own database, read-only use", .serialized)
struct FilesAndPlacesTests {
    private static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int ?? -1) & 0o777
    }

    private static func entries(_ directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }

    /// Only what a login shell would have: no XDG variables, nothing of the test
    /// process's own environment.
    private static func loginEnvironment(home: URL) -> [String: String] {
        ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "KIMICHAT_DEMO_PACE_MS": "0"]
    }

    @Test("HOME decides: with no XDG variables every file is under $HOME, private, and another HOME sees none of it")
    func homeDecides() async throws {
        let first = try Binaries.temporaryDirectory()
        let second = try Binaries.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        let kimichat = try Binaries.kimichat
        let asked = try await ProcessRunner.run(kimichat, ["ask", "--demo", "kept in the first home"],
                                                environment: Self.loginEnvironment(home: first))
        #expect(asked.status == 0, "stderr: \(asked.stderr)")
        let data = first.appendingPathComponent(".local/share/kimichat").path
        let state = first.appendingPathComponent(".local/state/kimichat").path
        #expect(Self.mode(data + "/demo.sqlite") == 0o600)
        #expect(Self.mode(data) == 0o700)
        #expect(Self.mode(state + "/kimichat.log") == 0o600)
        #expect(Self.mode(state) == 0o700)
        let listed = try await ProcessRunner.run(kimichat, ["list", "--demo"], environment: Self.loginEnvironment(home: first))
        #expect(listed.stdout.contains("kept in the first home"))

        for arguments in [["list"], ["list", "--demo"]] {
            let other = try await ProcessRunner.run(kimichat, arguments, environment: Self.loginEnvironment(home: second))
            #expect(other.status == 0, "stderr: \(other.stderr)")
            #expect(other.stdout.hasSuffix("No saved conversations.\n"), "\(arguments): \(other.stdout)")
        }
        let json = try await ProcessRunner.run(kimichat, ["list", "--json"], environment: Self.loginEnvironment(home: second))
        #expect(json.stdout == "[]\n")
        #expect(Self.entries(second).isEmpty, "list created \(Self.entries(second))")
    }

    @Test("list, show, export and rm create nothing: a mistyped --db is “no database at PATH”, exit 1")
    func readOnlyCommandsCreateNothing() async throws {
        let home = try KimichatHome()
        defer { try? FileManager.default.removeItem(at: home.directory) }
        let none = try await home.run(["list"])
        #expect(none.status == 0)
        #expect(none.stdout == "No saved conversations.\n")
        #expect(try await home.run(["list", "--json"]).stdout == "[]\n")
        let typo = home.directory.appendingPathComponent("typo/kimichat.sqlite").path
        for arguments in [["list"], ["show", "1"], ["export", "1"], ["rm", "1"]] {
            let result = try await home.run(arguments + ["--db", typo])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "kimichat: no database at \(typo)\n", "\(arguments)")
        }
        let removed = try await home.run(["rm", "1"])
        #expect(removed.status == 1)
        #expect(removed.stderr == "kimichat: no database at \(home.databasePath)\n")
        #expect(Self.entries(home.directory).isEmpty, "created \(Self.entries(home.directory))")
        #expect(try await home.run(["models"]).status == 0)
        #expect(!Self.entries(home.directory).contains { $0.contains(".sqlite") }, "models made a database")
    }

    @Test("a database others can read gets a one-line warning with the fix: on stderr, and in the chat's transcript",
          .timeLimit(.minutes(1)))
    func exposedDatabaseWarned() async throws {
        let home = try KimichatHome()
        defer { try? FileManager.default.removeItem(at: home.directory) }
        _ = try await home.run(["ask", "--demo", "hello"])
        #expect(Self.mode(home.demoDatabasePath) == 0o600)
        chmod(home.demoDatabasePath, 0o644)
        let listed = try await home.run(["list", "--demo"])
        #expect(listed.stderr == "kimichat: warning: The conversation database \(home.demoDatabasePath) can be read by "
            + "other users (mode 644). Run: chmod 600 \(home.demoDatabasePath)\n")
        #expect(listed.stdout.contains("hello"))
        let session = try home.launch("--demo", width: 200)
        let screen = try await session.waitFor("can be read by other users (mode 644). Run: chmod 600")
        #expect(screen.contains(home.demoDatabasePath))
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    @Test("the file handed to $EDITOR is 0600 in a 0700 folder while the editor has it, and gone after",
          .timeLimit(.minutes(1)))
    func editorFilePrivate() async throws {
        let home = try KimichatHome()
        defer { try? FileManager.default.removeItem(at: home.directory) }
        let temporary = home.directory.appendingPathComponent("tmp").path
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let seen = home.directory.appendingPathComponent("seen").path
        let script = home.directory.appendingPathComponent("editor.sh").path
        // The file's mode and its folder's: the editor's swap files land in that folder.
        try "#!/bin/sh\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > '\(seen)'\nprintf 'edited' > \"$1\"\n"
            .write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let session = try home.launch("--demo", environment: ["EDITOR": script, "VISUAL": "", "TMPDIR": temporary])
        try await session.waitFor("Demo mode")
        try session.type("secret draft")
        try session.press("C-x", "C-e")
        try await session.waitFor("› edited")
        #expect(try String(contentsOfFile: seen, encoding: .utf8) == "600\n700\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty)
        try session.press("C-q")
        try await session.waitFor("[exited 0]")
    }

    /// Prefix that runs a command as an ordinary user: root may write any file, so a
    /// read-only file means something only to someone else.
    private static var asOrdinaryUser: [String] {
        geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
    }

    /// Makes the demo database of `home` read-only for the ordinary user: the file
    /// itself, or its folder (where SQLite cannot then make the -wal and -shm).
    private static func makeReadOnly(_ home: KimichatHome, folder: Bool) throws {
        let directory = home.directory.appendingPathComponent("kimichat").path
        if geteuid() == 0 {
            // Hand the files to that user first, as if they were theirs.
            for name in [""] + (try FileManager.default.contentsOfDirectory(atPath: directory)) {
                chown(name.isEmpty ? directory : directory + "/" + name, 65534, 65534)
            }
        }
        if folder { chmod(directory, 0o555) } else { chmod(home.demoDatabasePath, 0o444) }
        // The request log stays writable, so that a request sent by mistake would show.
        chmod(home.requestLogPath, 0o666)
    }

    @Test("a database the user cannot write (file or folder): the chat browses it with sending off, list reads it",
          .timeLimit(.minutes(2)), arguments: [false, true])
    func readOnlyDatabase(folder: Bool) async throws {
        let home = try KimichatHome()
        defer {
            chmod(home.directory.appendingPathComponent("kimichat").path, 0o700)
            try? FileManager.default.removeItem(at: home.directory)
        }
        #expect(try await home.run(["ask", "--demo", "a saved question"]).status == 0)
        try Self.makeReadOnly(home, folder: folder)
        let before = try Data(contentsOf: URL(fileURLWithPath: home.demoDatabasePath))

        let command = Self.asOrdinaryUser + [try Binaries.kimichat]
        let listed = try await ProcessRunner.run(command[0], Array(command.dropFirst()) + ["list", "--demo"],
                                                 environment: home.environment())
        #expect(listed.status == 0, "stderr: \(listed.stderr)")
        #expect(listed.stdout.contains("a saved question"))

        let asked = try await ProcessRunner.run(command[0], Array(command.dropFirst()) + ["ask", "--demo", "more"],
                                                environment: home.environment())
        #expect(asked.status == 1)
        #expect(asked.stderr.contains(home.demoDatabasePath) && asked.stderr.contains("permission denied"), "\(asked.stderr)")
        #expect(!asked.stderr.contains("SQLite") && !asked.stderr.contains("Error"), "\(asked.stderr)")

        let variables = home.environment().filter { $0.key.hasPrefix("XDG_") || $0.key.hasPrefix("KIMICHAT_") }
        let chat = try TmuxSession(command: "env -u MOONSHOT_API_KEY " + (command + ["--demo"]).joined(separator: " "),
                                   width: 160, height: 30, environment: variables)
        let opened = try await chat.waitFor("Sending is off")
        #expect(opened.contains("a saved question"), "the last conversation is there to read")
        #expect(opened.contains("permission denied"))
        try chat.type("not sent")
        try chat.press("Enter")
        try await chat.waitUntil("the refusal to be repeated") {
            $0.components(separatedBy: "Sending is off").count == 3 && $0.contains("› not sent")
        }
        try chat.press("C-u", "C-o")
        try await chat.waitFor("1 found")
        try chat.press("Escape", "C-q")
        try await chat.waitFor("[exited 0]")
        #expect(try RequestLog.chatMessages(at: home.requestLogPath).count == 1, "only the first ask reached the server")
        #expect(try Data(contentsOf: URL(fileURLWithPath: home.demoDatabasePath)) == before)
    }
}
