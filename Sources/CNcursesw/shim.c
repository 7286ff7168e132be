#include "CNcursesw.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <term.h>

WINDOW *kc_stdscr(void) { return stdscr; }
int kc_lines(void) { return LINES; }
int kc_cols(void) { return COLS; }
int kc_colors(void) { return COLORS; }
int kc_color_pairs(void) { return COLOR_PAIRS; }
attr_t kc_attr_normal(void) { return A_NORMAL; }
attr_t kc_attr_bold(void) { return A_BOLD; }
attr_t kc_attr_dim(void) { return A_DIM; }
attr_t kc_attr_italic(void) { return A_ITALIC; }
attr_t kc_attr_underline(void) { return A_UNDERLINE; }
attr_t kc_attr_reverse(void) { return A_REVERSE; }
mmask_t kc_button4_pressed(void) { return BUTTON4_PRESSED; }
mmask_t kc_button5_pressed(void) { return BUTTON5_PRESSED; }
mmask_t kc_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
int kc_key_f0(void) { return KEY_F0; }

int kc_draw(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, short pair) {
    wattr_set(window, attributes, pair, NULL);
    return mvwaddnwstr(window, row, column, text, count);
}

int kc_terminal_size(int *rows, int *cols) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *cols = size.ws_col;
    return 0;
}

static struct termios saved_modes;
static volatile sig_atomic_t have_saved_modes = 0;
static volatile int wake_descriptor = -1;
static struct sigaction previous_crash_actions[NSIG];
static struct sigaction previous_forwarded_actions[NSIG];
static const int forwarded_signals[] = {SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGCONT};
static const unsigned forwarded_count = sizeof forwarded_signals / sizeof forwarded_signals[0];
// The crash handler runs here, so that a stack overflow can still restore the terminal.
static char alternate_stack[64 * 1024];

void kc_save_terminal_modes(void) {
    if (tcgetattr(STDIN_FILENO, &saved_modes) == 0) have_saved_modes = 1;
}

void kc_emergency_restore(void) {
    // Bracketed paste off, mouse reporting off, attributes reset, cursor shown,
    // alternate screen left.
    static const char reset[] = "\033[?2004l\033[?1000l\033[?1002l\033[?1006l\033[0m\033[?25h\033[?1049l\r\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
    if (have_saved_modes) tcsetattr(STDIN_FILENO, TCSANOW, &saved_modes);
}

static void on_forwarded_signal(int signal_number) {
    int saved_errno = errno;
    unsigned char byte = (unsigned char)signal_number;
    if (wake_descriptor >= 0) {
        ssize_t ignored = write(wake_descriptor, &byte, 1);
        (void)ignored;
    }
    errno = saved_errno;
}

static void on_crash(int signal_number, siginfo_t *info, void *context) {
    kc_emergency_restore();
    // Let whoever handled it before (the Swift runtime's backtracer) have its say...
    struct sigaction *previous = &previous_crash_actions[signal_number];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction && (void *)previous->sa_sigaction != (void *)SIG_IGN) {
            previous->sa_sigaction(signal_number, info, context);
        }
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(signal_number);
    }
    // ...then die of the signal. A fault re-raises itself when the handler returns, but
    // a signal sent with kill does not: without this the process would carry on,
    // half torn down, and hang.
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

void kc_install_signal_handlers(int wake_fd) {
    wake_descriptor = wake_fd;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_forwarded_signal;
    action.sa_flags = SA_RESTART;
    for (unsigned i = 0; i < forwarded_count; i++) {
        sigaction(forwarded_signals[i], &action, &previous_forwarded_actions[forwarded_signals[i]]);
    }

    stack_t stack;
    memset(&stack, 0, sizeof stack);
    stack.ss_sp = alternate_stack;
    stack.ss_size = sizeof alternate_stack;
    sigaltstack(&stack, NULL);

    struct sigaction crash;
    memset(&crash, 0, sizeof crash);
    sigemptyset(&crash.sa_mask);
    crash.sa_sigaction = on_crash;
    crash.sa_flags = SA_RESETHAND | SA_ONSTACK | SA_SIGINFO;
    int fatal[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};
    for (unsigned i = 0; i < sizeof fatal / sizeof fatal[0]; i++) {
        sigaction(fatal[i], &crash, &previous_crash_actions[fatal[i]]);
    }
}

void kc_restore_signal_handlers(void) {
    for (unsigned i = 0; i < forwarded_count; i++) {
        sigaction(forwarded_signals[i], &previous_forwarded_actions[forwarded_signals[i]], NULL);
    }
    wake_descriptor = -1;
}

void kc_stop_process(void) {
    // The default action stops the process; raise returns once it is continued.
    struct sigaction stop, previous;
    memset(&stop, 0, sizeof stop);
    sigemptyset(&stop.sa_mask);
    stop.sa_handler = SIG_DFL;
    sigaction(SIGTSTP, &stop, &previous);
    // The caller may be a thread of Swift's pool, which blocks most signals: unblocked
    // here, the signal is taken (and the process stopped) before raise returns.
    sigset_t only_stop, saved_mask;
    sigemptyset(&only_stop);
    sigaddset(&only_stop, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &only_stop, &saved_mask);
    raise(SIGTSTP);
    pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
    sigaction(SIGTSTP, &previous, NULL);
}

int kc_probe_terminal(const char *name, int *colors) {
    int status = 0;
    *colors = 0;
    if (setupterm((char *)name, STDOUT_FILENO, &status) != OK) return status == 1 ? 2 : status;
    // A terminal that cannot move the cursor cannot hold a full-screen interface.
    int usable = tigetstr("cup") != (char *)0 && tigetstr("cup") != (char *)-1;
    *colors = tigetnum("colors");
    del_curterm(cur_term);
    return usable ? 1 : 2;
}

int kc_check_terminal(void) {
    int colors = 0;
    return kc_probe_terminal((const char *)0, &colors);
}
