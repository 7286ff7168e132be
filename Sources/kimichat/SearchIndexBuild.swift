import Dispatch
import Foundation
import Persistence
import Synchronization

/// Indexing the messages saved before the search index changed (schema v7), once,
/// before a command that writes goes on. Each batch commits, so Ctrl-C stops it
/// between two batches with nothing lost, and the next start goes on from there.
/// Progress shows on stderr once it has taken a second.
enum SearchIndexBuild {
    static let quietFor: Duration = .seconds(1)

    /// Message ids a batch indexes: `KIMICHAT_SEARCH_INDEX_BATCH` when set (tests make
    /// batches small, so that a build of a small file is still running when they stop it).
    static var batch: Int64 {
        ProcessInfo.processInfo.environment["KIMICHAT_SEARCH_INDEX_BATCH"].flatMap(Int64.init).map { max(1, $0) } ?? 5_000
    }

    static func finish(_ store: ConversationStore) throws {
        guard !store.isReadOnly, var progress = try store.searchIndexProgress() else { return }
        let interrupt = InterruptWatch(store)
        defer { interrupt.stop() }
        let meter = Meter()
        let start = ContinuousClock.now
        while true {
            if interrupt.wasRaised { stopped(meter, "at \(percent(progress))") }
            guard let next = try interruptible(interrupt, meter, "at \(percent(progress))", { try store.indexNextBatch(batch) })
            else { break }
            progress = next
            if ContinuousClock.now - start >= quietFor {
                meter.show("Building the search index: \(percent(progress)) (Ctrl-C stops; it goes on next time)")
            }
        }
        let free = try store.freeBytes()
        if free > compactingAbove {
            meter.show("Compacting the database: the old index left \(free / 1_048_576) MB unused (Ctrl-C stops)", now: true)
        }
        // A batch is short, so Ctrl-C waits for it; a VACUUM is not, so Ctrl-C cuts it.
        interrupt.cutsStatements = true
        let freed = try interruptible(interrupt, meter, "while compacting the file") {
            try store.finishSearchIndex(compactingAbove: compactingAbove)
        }
        if interrupt.wasRaised { stopped(meter, "once it was built") }
        let took = seconds(ContinuousClock.now - start)
        if freed > 0 {
            meter.finish("Built the search index and gave back \(freed / 1_048_576) MB in \(took).")
        } else if meter.hasShown {
            meter.finish("Built the search index in \(took).")
        }
    }

    /// A step Ctrl-C may cut short (SQLite then reports it interrupted): stopped, not failed.
    private static func interruptible<T>(_ interrupt: InterruptWatch, _ meter: Meter, _ when: String,
                                         _ step: () throws -> T) throws -> T {
        do {
            return try step()
        } catch {
            if interrupt.wasRaised { stopped(meter, when) }
            throw error
        }
    }

    static let compactingAbove = 16 << 20

    private static func stopped(_ meter: Meter, _ when: String) -> Never {
        meter.finish("Stopped building the search index \(when); kimichat goes on from there the next time it starts.")
        Foundation.exit(130)
    }

    private static func percent(_ progress: SearchIndexProgress) -> String {
        "\(Int((progress.fraction * 100).rounded(.down)))%"
    }

    private static func seconds(_ duration: Duration) -> String {
        let (whole, fraction) = duration.components
        let value: Double = Double(whole) + Double(fraction) * 1e-18
        return String(format: "%.1f s", value)
    }

    /// One line on stderr, rewritten in place on a terminal; elsewhere only the first
    /// and the last are written.
    private final class Meter {
        private let isTerminal = isatty(STDERR_FILENO) == 1
        private(set) var hasShown = false
        private var lastShown = ContinuousClock.now - .seconds(1)

        func show(_ line: String, now: Bool = false) {
            if isTerminal {
                guard now || ContinuousClock.now - lastShown >= .milliseconds(100) else { return }
                lastShown = ContinuousClock.now
                write("\r\u{1B}[K" + line)
            } else if !hasShown || now {
                write(line + "\n")
            }
            hasShown = true
        }

        func finish(_ line: String) {
            write((isTerminal && hasShown ? "\r\u{1B}[K" : "") + line + "\n")
        }

        private func write(_ text: String) {
            try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
        }
    }

    /// Ctrl-C noticed instead of killing the process, while the build runs.
    private final class InterruptWatch {
        private final class Flag: Sendable {
            let raised = Atomic<Bool>(false)
            let cutsStatements = Atomic<Bool>(false)
        }

        private let flag = Flag()
        private let source: any DispatchSourceSignal

        init(_ store: ConversationStore) {
            signal(SIGINT, SIG_IGN)
            source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { [flag, store] in
                flag.raised.store(true, ordering: .relaxed)
                if flag.cutsStatements.load(ordering: .relaxed) { store.interrupt() }
            }
            source.resume()
        }

        var wasRaised: Bool { flag.raised.load(ordering: .relaxed) }

        /// Whether Ctrl-C also interrupts the statement the store is running.
        var cutsStatements: Bool {
            get { flag.cutsStatements.load(ordering: .relaxed) }
            set { flag.cutsStatements.store(newValue, ordering: .relaxed) }
        }

        func stop() {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
    }
}
