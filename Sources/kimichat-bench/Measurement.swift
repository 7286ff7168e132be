import Foundation

/// Timings of repeated runs: wall time and this thread's CPU time, in milliseconds.
struct Measurement {
    var wall: [Double] = []
    var cpu: [Double] = []

    static func cpuNow() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1_000 + Double(time.tv_nsec) / 1_000_000
    }

    mutating func run<T>(_ body: () throws -> T) rethrows -> T {
        let cpuStart = Self.cpuNow()
        let start = ContinuousClock.now
        let result = try body()
        let elapsed = ContinuousClock.now - start
        cpu.append(Self.cpuNow() - cpuStart)
        wall.append(Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15)
        return result
    }

    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
    }

    var summary: String {
        String(format: "median %7.2f ms  p95 %7.2f ms  (cpu median %7.2f ms)",
               Self.percentile(wall, 0.5), Self.percentile(wall, 0.95), Self.percentile(cpu, 0.5))
    }
}
