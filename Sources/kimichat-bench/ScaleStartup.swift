import Foundation

/// Start-up and idle memory at a size: the kimichat binary started on a pseudo-terminal
/// with the seeded file, reopening its latest conversation (10,000 messages), timed to
/// its first complete frame; then its resident memory once it has been quiet.
extension ScaleBenchmark {
    func startingUp(_ database: String) throws -> [Row] {
        // One home for every start: the first fills the model cache, as a user's has it.
        let home = try driver.home("scale-startup")
        var times: [Double] = []
        var resident: [Double] = []
        for run in 0..<(max(3, runs / 3) + 1) {
            let (terminal, firstFrame) = try driver.launch(home: home, database: database)
            // The history read ahead and the model list settle first.
            try terminal.waitForQuiet(.milliseconds(500))
            if run > 0 {
                times.append(PseudoTerminal.seconds(firstFrame) * 1000)
                resident.append(Double(ProcessProbe.residentBytes(terminal.pid)) / 1_048_576)
            }
            terminal.type("\u{11}")
            _ = terminal.waitForExit()
        }
        let startup = Measurement.percentile(times, 0.5)
        let memory = Measurement.percentile(resident, 0.5)
        return [
            Row(scenario: "start-up to the first frame, reopening the 10,000-message conversation",
                target: "≤ \(Int(size.startupTarget)) ms",
                measured: String(format: "median %.1f ms, max %.1f ms over %d starts", startup, times.max() ?? 0, times.count),
                passed: startup <= size.startupTarget),
            Row(scenario: "resident memory idle after that start", target: "≤ \(Int(size.idleMemoryTarget)) MB",
                measured: String(format: "median %.1f MB", memory), passed: memory <= size.idleMemoryTarget),
        ]
    }
}
