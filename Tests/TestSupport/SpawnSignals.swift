import Foundation

/// Children start with no signal blocked and the usual signals at their defaults. A
/// child otherwise inherits the spawning thread's mask, and the tests spawn from
/// Swift's worker threads, which block nearly every signal: a tmux server started so
/// ignored kill-server's end of its panes, and the kimichat or mock in them outlived
/// their test by hours.
enum SpawnSignals {
    static func reset(_ attributes: inout posix_spawnattr_t, flags: Int16 = 0) {
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCHLD] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, flags | Int16(POSIX_SPAWN_SETSIGMASK) | Int16(POSIX_SPAWN_SETSIGDEF))
    }
}
