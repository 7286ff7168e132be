import ChatDomain
import Foundation
import MockMoonshot
import Persistence

/// The issue 6 scenarios that need the real program on a terminal: streaming
/// throughput against the `kimichat ask` floor, cost per delta in long transcripts,
/// frame coalescing, start-up, typing while streaming, idle CPU and memory.
struct TerminalBenchmarks {
    let driver: TerminalDriver
    let quick: Bool
    /// Scenario names to run; empty runs them all.
    let only: Set<String>
    var runs: Int { quick ? 1 : 3 }
    private let report = Report()

    init(driver: TerminalDriver, quick: Bool, only: Set<String> = []) {
        self.driver = driver
        self.quick = quick
        self.only = only
    }

    func runAll() throws {
        var floor = (cpuPerToken: 0.0, bytesPerToken: 0.0)
        if wanted("streaming") { floor = try streaming() }
        if wanted("flat") { try flatCost(floor: floor) }
        if wanted("paced") { try paced() }
        if wanted("coalescing") { try coalescing() }
        if wanted("startup") { try startup() }
        if wanted("typing") { try typing() }
        if wanted("idle") { try idleAndMemory() }
    }

    private func wanted(_ scenario: String) -> Bool { only.isEmpty || only.contains(scenario) }

    // MARK: - 10: at Kimi's own pace (issue 14)

    /// 50 tokens a second, as real replies come: each delta is a frame of its own, so
    /// what one frame costs is what this measures. Against `ask` printing the same
    /// stream at the same pace (the floor), per token, start-up and quitting subtracted
    /// by a 1-token run of each.
    private func paced() throws {
        let count = quick ? 100 : 1_000
        let pace = 50
        let askOne = try median { try driver.askRun(MockScenario(tokenCount: 1)) }
        let askMany = try median { try driver.askRun(MockScenario(tokenCount: count, tokensPerSecond: pace)) }
        let askCPU = perToken(askMany.cpu, askOne.cpu, count)
        let askBytes = Double(askMany.bytes - askOne.bytes) / Double(count - 1)
        let tuiOne = try median { try driver.streamRun(MockScenario(tokenCount: 1)) }
        let tuiMany = try median { try driver.streamRun(MockScenario(tokenCount: count, tokensPerSecond: pace)) }
        let tuiCPU = perToken(tuiMany.cpu, tuiOne.cpu, count)
        let tuiBytes = Double(tuiMany.bytes) / Double(count)
        report.row("10. floor: `ask` prints \(count) tokens at 50/s", "—",
                   String(format: "%.4f ms CPU, %.1f bytes per token (%.2f s CPU in all)", askCPU, askBytes,
                          PseudoTerminal.seconds(askMany.cpu)))
        report.row("10. TUI streams \(count) tokens at 50/s (120x40)", "≤ 2x floor CPU, ≤ 15 bytes per token",
                   String(format: "%.4f ms CPU (%.1fx floor), %.1f bytes per token; %d frames (%.2f s CPU in all)",
                          tuiCPU, tuiCPU / askCPU, tuiBytes, tuiMany.frames.frames, PseudoTerminal.seconds(tuiMany.cpu)))
    }

    // MARK: - 1 and 9: throughput against the plain-print floor

    /// CPU per token is the difference between an N-token and a 1-token reply, over N:
    /// what start-up, the request and quitting cost is the same in both and drops out.
    private func streaming() throws -> (cpuPerToken: Double, bytesPerToken: Double) {
        let counts = quick ? [200] : [2_000, 20_000]
        var floor = (cpuPerToken: 0.0, bytesPerToken: 0.0)
        for count in counts {
            let askOne = try median { try driver.askRun(MockScenario(tokenCount: 1)) }
            let askMany = try median { try driver.askRun(MockScenario(tokenCount: count)) }
            let askCPU = perToken(askMany.cpu, askOne.cpu, count)
            let askBytes = Double(askMany.bytes - askOne.bytes) / Double(count - 1)
            if count == counts[0] { floor = (askCPU, askBytes) }
            let tuiOne = try median { try driver.streamRun(MockScenario(tokenCount: 1)) }
            let tuiMany = try median { try driver.streamRun(MockScenario(tokenCount: count)) }
            let tuiCPU = perToken(tuiMany.cpu, tuiOne.cpu, count)
            let tuiBytes = Double(tuiMany.bytes) / Double(count)
            report.row("9. floor: `ask` prints \(count) tokens", "—",
                       String(format: "%.4f ms CPU, %.1f bytes per token", askCPU, askBytes))
            report.row("1. TUI streams \(count) tokens (120x40)", "≤ 3x floor CPU and bytes",
                       String(format: "%.4f ms CPU (%.1fx floor), %.1f bytes (%.1fx) per token; %d frames",
                              tuiCPU, tuiCPU / floor.cpuPerToken, tuiBytes, tuiBytes / floor.bytesPerToken,
                              tuiMany.frames.frames))
        }
        return floor
    }

    // MARK: - 2: cost per delta does not grow with the transcript

    private func flatCost(floor: (cpuPerToken: Double, bytesPerToken: Double)) throws {
        // Long enough that start-up's noise, which the 1-token run subtracts, stays small.
        let count = quick ? 200 : 10_000
        var first: Double?
        for lines in quick ? [100, 2_000] : [100, 10_000, 100_000] {
            let database = try TranscriptSeed.database(lines: lines, in: driver.home("lines-\(lines)"))
            let one = try median { try driver.streamRun(MockScenario(tokenCount: 1), database: database) }
            let many = try median { try driver.streamRun(MockScenario(tokenCount: count), database: database) }
            let cpu = perToken(many.cpu, one.cpu, count)
            if first == nil { first = cpu }
            report.row("2. \(count) tokens after \(lines) rendered lines", "≤ 1.5x the 100-line cost",
                       String(format: "%.4f ms CPU per delta (%.2fx)", cpu, cpu / (first ?? cpu)))
        }
    }

    // MARK: - 3: frames at 2,000 deltas a second

    private func coalescing() throws {
        let count = quick ? 1_000 : 6_000
        let run = try driver.streamRun(MockScenario(tokenCount: count, tokensPerSecond: 2_000))
        let frames = run.frames
        let rate = frames.seconds > 0 ? Double(frames.frames) / frames.seconds : 0
        report.row("3. \(count) deltas at 2,000/s", "≤ ~60 frames/s; last delta drawn within a frame",
                   String(format: "%.0f frames/s (%d frames, %.2f s); last delta drawn after %.1f ms, longest wait %.1f ms",
                          rate, frames.frames, frames.seconds, frames.lastWaitMilliseconds, frames.longestWaitMilliseconds))
    }

    // MARK: - 4: start-up with a big database

    private func startup() throws {
        let home = try driver.home("startup")
        let database = home.appendingPathComponent("big.sqlite").path
        let shape = quick ? (conversations: 20, per: 10, long: 200) : (conversations: 999, per: 90, long: 10_000)
        try TranscriptSeed.library(at: database, conversations: shape.conversations, messagesEach: shape.per, long: shape.long)
        var times: [Double] = []
        for _ in 0..<(quick ? 1 : 7) {
            let (terminal, firstFrame) = try driver.launch(home: home, database: database)
            times.append(PseudoTerminal.seconds(firstFrame) * 1000)
            terminal.type("\u{11}")
            _ = terminal.waitForExit()
        }
        let messages = shape.conversations * shape.per + shape.long
        report.row("4. start-up to the first frame (\(shape.conversations + 1) conversations, \(messages) messages, "
            + "reopening \(shape.long))", "< 50 ms",
                   String(format: "median %.1f ms, max %.1f ms over %d starts", percentile(times, 0.5), times.max() ?? 0, times.count))
    }

    // MARK: - 6: typing while a reply streams

    private func typing() throws {
        let keys = quick ? 10 : 150
        var latencies: [Double] = []
        _ = try driver.streamRun(MockScenario(tokenCount: quick ? 2_000 : 24_000, tokensPerSecond: 2_000)) { terminal in
            try terminal.waitFor("streaming", after: terminal.byteCount)
            for index in 0..<keys {
                // A character the English stream never holds, different for every key.
                let character = String(UnicodeScalar(0x4E00 + 37 * index)!)
                let offset = terminal.byteCount
                let sent = ContinuousClock.now
                terminal.type(character)
                let (_, echoed) = try terminal.waitFor(character, after: offset, timeout: .seconds(5))
                latencies.append(PseudoTerminal.seconds(echoed - sent) * 1000)
                if index % 40 == 39 { terminal.type("\u{15}") }
                Thread.sleep(forTimeInterval: 0.03 + Double(index % 7) * 0.004)
            }
        }
        report.row("6. keystroke to echo while streaming 2,000 tokens/s", "p99 < 16 ms",
                   String(format: "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d keys", percentile(latencies, 0.5),
                          percentile(latencies, 0.99), latencies.max() ?? 0, latencies.count))
    }

    // MARK: - 7 and 8: idle CPU and memory

    private func idleAndMemory() throws {
        let (terminal, _) = try driver.launch(home: driver.home("idle"))
        try terminal.waitForQuiet(.milliseconds(500))
        let idleRSS = ProcessProbe.residentBytes(terminal.pid)
        let seconds = quick ? 1.0 : 10.0
        let before = ProcessProbe.cpu(terminal.pid)
        Thread.sleep(forTimeInterval: seconds)
        let idleCPU = ProcessProbe.cpu(terminal.pid) - before
        terminal.type("\u{11}")
        _ = terminal.waitForExit()
        report.row("7. idle CPU over \(Int(seconds)) s", "effectively zero",
                   String(format: "%.0f ms (the kernel counts in 10 ms ticks)", PseudoTerminal.seconds(idleCPU) * 1000))

        let megabytes = quick ? 1 : 10
        let home = try driver.home("memory")
        let database = try TranscriptSeed.database(bytes: megabytes << 20, in: home)
        let (big, _) = try driver.launch(home: home, database: database)
        // Walk the whole transcript once: top, then back to the end.
        big.type("\u{1B}[H")
        try big.waitForQuiet(.milliseconds(300))
        big.type("\u{1B}[F")
        try big.waitForQuiet(.milliseconds(300))
        let bigRSS = ProcessProbe.residentBytes(big.pid)
        big.type("\u{11}")
        _ = big.waitForExit()
        let growth = Double(bigRSS - idleRSS) / Double(megabytes << 20)
        report.row("8. resident memory idle, and with a \(megabytes) MB transcript", "< 30 MB; growth < 3x the transcript",
                   String(format: "%.1f MB idle; %.1f MB with it (%.1fx its size above idle)",
                          Double(idleRSS) / 1_048_576, Double(bigRSS) / 1_048_576, growth))
    }

    // MARK: - Helpers

    private func perToken(_ many: Duration, _ one: Duration, _ count: Int) -> Double {
        PseudoTerminal.seconds(many - one) * 1000 / Double(count - 1)
    }

    /// The run with the median CPU of `runs` runs.
    private func median<Run>(_ body: () throws -> Run) throws -> Run where Run: CPUMeasured {
        var results: [Run] = []
        for _ in 0..<runs { results.append(try body()) }
        return results.sorted { $0.cpuUsed < $1.cpuUsed }[results.count / 2]
    }

    private func percentile(_ values: [Double], _ fraction: Double) -> Double {
        Measurement.percentile(values, fraction)
    }
}

protocol CPUMeasured { var cpuUsed: Duration { get } }
extension TerminalDriver.StreamRun: CPUMeasured { var cpuUsed: Duration { cpu } }
extension TerminalDriver.AskRun: CPUMeasured { var cpuUsed: Duration { cpu } }

/// The results as rows of a Markdown table, printed as they come.
final class Report {
    init() {
        write("| scenario | target | measured |\n| --- | --- | --- |")
    }

    func row(_ scenario: String, _ target: String, _ measured: String) {
        write("| \(scenario) | \(target) | \(measured) |")
    }

    /// Unbuffered, so each row shows as soon as it is measured.
    private func write(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
