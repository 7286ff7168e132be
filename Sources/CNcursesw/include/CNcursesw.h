#ifndef CNCURSESW_H
#define CNCURSESW_H

// SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here.
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Accessors for C globals and macros Swift cannot import or may not touch under
// strict concurrency.
WINDOW *kc_stdscr(void);
int kc_lines(void);
int kc_cols(void);
int kc_colors(void);
int kc_color_pairs(void);
attr_t kc_attr_normal(void);
attr_t kc_attr_bold(void);
attr_t kc_attr_dim(void);
attr_t kc_attr_italic(void);
attr_t kc_attr_underline(void);
attr_t kc_attr_reverse(void);
mmask_t kc_button4_pressed(void);
mmask_t kc_button5_pressed(void);
mmask_t kc_all_mouse_events(void);
int kc_key_f0(void);

/// Draws `count` wide characters at (row, column) in `attributes` and colour `pair`.
int kc_draw(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, short pair);

/// Reads the terminal's size from the kernel; returns 0 on success.
int kc_terminal_size(int *rows, int *cols);
/// Looks TERM up in terminfo without initscr's habit of exiting on failure:
/// 1 usable, 0 not found, -1 no terminfo database; 2 a hardcopy or generic ("dumb") terminal.
int kc_check_terminal(void);
/// Like kc_check_terminal, for the terminal type `name`; `colors` gets its colour count.
int kc_probe_terminal(const char *name, int *colors);

/// Remembers the terminal's modes (call before initscr) so a crash can put them back.
void kc_save_terminal_modes(void);

/// Stops the process as Ctrl-Z in a cooked terminal would (SIGTSTP, default action);
/// returns when the shell continues it.
void kc_stop_process(void);

/// Routes SIGWINCH, SIGTERM, SIGHUP, SIGINT, SIGQUIT and SIGCONT to `wake_fd` as one byte
/// each (the signal number), and makes crash signals restore the terminal before
/// the process dies. Call before initscr so ncurses leaves these signals alone.
void kc_install_signal_handlers(int wake_fd);

/// Gives SIGWINCH, SIGTERM, SIGHUP, SIGINT and SIGQUIT back to their previous handlers
/// (after endwin, Ctrl-C must interrupt again). Crash handling stays until exit.
void kc_restore_signal_handlers(void);

/// Puts the terminal back as it was, using only async-signal-safe calls.
void kc_emergency_restore(void);

#endif
