import Foundation
import Testing
import TestSupport

/// Job control as in any terminal program: Ctrl-Z gives the shell the terminal back and
/// the shell's `fg` brings the chat back, drawn whole; a SIGCONT redraws the screen.
@Suite("Job control: Ctrl-Z, fg and SIGCONT", .serialized)
struct JobControlTests {
    @Test("Ctrl-Z stops kimichat with the terminal restored; fg brings it back, draft and all; SIGCONT redraws",
          .timeLimit(.minutes(2)))
    func suspendAndResume() async throws {
        let home = try KimichatHome()
        let shell = try TmuxSession(command: "PS1='shell> ' bash --norc --noprofile -i",
                                    environment: home.environment())
        defer { shell.kill() }
        try await shell.waitFor("shell>")
        try shell.type("\(try Binaries.kimichat) --demo")
        try shell.press("Enter")
        try await shell.waitFor("ready")
        try shell.type("a draft to keep")
        try await shell.waitFor("a draft to keep")

        try shell.press("C-z")
        let stopped = try await shell.waitUntil("the shell back, the job stopped") {
            $0.contains("Stopped") && $0.components(separatedBy: "shell>").count >= 3
        }
        #expect(!stopped.contains("ready"), "the chat's screen is gone while it is stopped")
        #expect(try !shell.alternateScreenIsOn())
        // The pane runs sh, which runs bash, which runs kimichat.
        let bash = try await shell.programPID()
        let children = try await ProcessRunner.run("/usr/bin/env", ["pgrep", "-P", String(bash)]).stdout
        let program = try #require(children.split(separator: "\n").first.flatMap { Int32($0) })
        try shell.type("ps -o stat= -p \(program)")
        try shell.press("Enter")
        try await shell.waitUntil("ps saying the process is stopped") { $0.contains("\nT") || $0.contains("T\n") }

        try shell.type("fg")
        try shell.press("Enter")
        let back = try await shell.waitUntil("the chat drawn again") { $0.contains("a draft to keep") && $0.contains("ready") }
        #expect(!back.contains("shell>"), "drawn whole, over the shell's lines")
        #expect(try shell.alternateScreenIsOn())

        // Scribble on the terminal behind kimichat's back, then continue it: the whole
        // screen is drawn again.
        let tty = try shell.paneTTY()
        let scribble = try #require(FileHandle(forWritingAtPath: tty))
        try scribble.write(contentsOf: Data("\u{1B}[2J\u{1B}[HSCRIBBLED OVER".utf8))
        try scribble.close()
        try await shell.waitFor("SCRIBBLED OVER")
        kill(program, SIGCONT)
        try await shell.waitUntil("the screen redrawn after SIGCONT") {
            !$0.contains("SCRIBBLED OVER") && $0.contains("a draft to keep") && $0.contains("ready")
        }
        try shell.press("C-q")
        try await shell.waitFor("shell>")
    }
}
