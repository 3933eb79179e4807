// ncursesw for Swift: wide-character API, with the macros and globals Swift 6 cannot use
// (COLOR_PAIR, getmaxyx, A_*, LINES/COLS, stdscr) wrapped as functions.
#ifndef CNCURSES_SHIM_H
#define CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <poll.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *nw_stdscr(void) { return stdscr; }
static inline WINDOW *nw_curscr(void) { return curscr; }
static inline int nw_lines(void) { return LINES; }
static inline int nw_cols(void) { return COLS; }
static inline int nw_colors(void) { return COLORS; }
static inline int nw_color_pairs(void) { return COLOR_PAIRS; }
static inline int nw_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t nw_a_bold(void) { return A_BOLD; }
static inline attr_t nw_a_reverse(void) { return A_REVERSE; }
static inline attr_t nw_a_underline(void) { return A_UNDERLINE; }
static inline attr_t nw_a_dim(void) { return A_DIM; }
static inline attr_t nw_a_normal(void) { return A_NORMAL; }
static inline int nw_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int nw_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline int nw_key_resize(void) { return KEY_RESIZE; }
static inline int nw_key_f(int n) { return KEY_F(n); }
static inline int nw_err(void) { return ERR; }
static inline int nw_ok(void) { return OK; }
static inline void nw_setlocale_all(void) { setlocale(LC_ALL, ""); }
/// 1 when the locale set by nw_setlocale_all encodes text as UTF-8 (so block and braille
/// glyphs can be drawn), 0 otherwise (LANG unset, C or POSIX, a legacy charset).
static inline int nw_locale_is_utf8(void) { return strcmp(nl_langinfo(CODESET), "UTF-8") == 0; }
/// Puts one wide character with attributes and a colour pair at (y, x) of `w`.
static inline int nw_put_wide(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    setcchar(&cell, text, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cell);
}
/// The signals the dashboard handles as events: blocked for every thread (call before any
/// thread starts) and read from a signalfd, so nothing runs in signal context. Besides the
/// terminal's own (INT, QUIT, HUP, WINCH, TSTP, CONT) and TERM, every signal whose default
/// action would end the process without a word (USR1, ALRM, real-time signals…) is taken here,
/// so it ends the dashboard like SIGTERM: terminal restored, exit status 128+N. Faults (SEGV,
/// BUS, ILL, TRAP, FPE, ABRT, SYS) are not, nor SIGPROF, which the Swift runtime's crash reporter
/// needs unblocked in some thread to pause every thread for its report: see nw_arm_crash_restore.
static inline void nw_dashboard_signals(sigset_t *set) {
    static const int terminating[] = {
        SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGXCPU,
        SIGIO, SIGPWR, SIGSTKFLT,
    };
    sigemptyset(set);
    for (unsigned i = 0; i < sizeof terminating / sizeof terminating[0]; i++) sigaddset(set, terminating[i]);
    for (int rt = SIGRTMIN; rt <= SIGRTMAX; rt++) sigaddset(set, rt);
    sigaddset(set, SIGWINCH);
    sigaddset(set, SIGTSTP);
    sigaddset(set, SIGCONT);
}
/// Blocks the dashboard signals and returns a non-blocking signalfd for them (-1 on error).
static inline int nw_open_signalfd(void) {
    sigset_t set;
    nw_dashboard_signals(&set);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) return -1;
    return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}
/// The next pending signal number from the signalfd, or 0 when none is pending.
static inline int nw_read_signal(int fd) {
    struct signalfd_siginfo info;
    ssize_t n = read(fd, &info, sizeof info);
    return n == (ssize_t)sizeof info ? (int)info.ssi_signo : 0;
}
/// Stops the process the way Ctrl-Z does: default SIGTSTP action, briefly unblocked.
static inline void nw_stop_self(void) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    signal(SIGTSTP, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
}
/// The terminal size from the kernel (rows, columns); 0 when unknown.
static inline void nw_terminal_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    memset(&ws, 0, sizeof ws);
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0) { *rows = ws.ws_row; *cols = ws.ws_col; } else { *rows = 0; *cols = 0; }
}
/* Waits for keys (bit 1), a signal (bit 2) or data on a third descriptor (bit 4; -1 for none);
   bit 8 says the terminal keys come from hung up (or the descriptor is no longer valid). */
static inline int nw_poll3(int keys, int signals, int data, int timeout_ms) {
    struct pollfd fds[3] = { { keys, POLLIN, 0 }, { signals, POLLIN, 0 }, { data, POLLIN, 0 } };
    int n = poll(fds, 3, timeout_ms);
    if (n <= 0) return 0;
    return ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) ? 1 : 0) | ((fds[1].revents & POLLIN) ? 2 : 0)
        | ((fds[2].revents & (POLLIN | POLLHUP | POLLERR)) ? 4 : 0)
        | ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) ? 8 : 0);
}
/* Starts curses reading keys from /dev/tty (standard input carries data); returns the
   descriptor keys arrive on, or -1 when there is no controlling terminal. */
static inline int nw_start_on_terminal_device(void) {
    FILE *keys = fopen("/dev/tty", "r");
    if (keys == NULL) return -1;
    if (newterm(NULL, stdout, keys) == NULL) { fclose(keys); return -1; }
    return fileno(keys);
}
static inline int nw_key_code_yes(void) { return KEY_CODE_YES; }

/* Crash restore: when the process dies of a fault while curses has the terminal, the terminal
   is given back first (normal screen, visible cursor, plain attributes, keypad and termios as
   they were), then the signal goes on to whoever handled it before (the Swift runtime's crash
   reporter, which writes the report to stderr) or to its default action. Everything the handler
   needs is prepared beforehand; it only calls write(2), tcsetattr(3) and sigaction(2), which
   are async-signal-safe. */
/* The faults, and SIGPROF (left unblocked for the crash reporter; sent from outside, it kills). */
static const int nw_fault_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT, SIGSYS, SIGPROF };
#define NW_FAULT_SIGNAL_COUNT (sizeof nw_fault_signals / sizeof nw_fault_signals[0])
struct nw_crash_restore {
    struct sigaction previous[NW_FAULT_SIGNAL_COUNT];
    char sequence[256];
    size_t length;
    struct termios modes;
    int modes_saved;
    /* The terminal to restore, or -1 when curses does not have it. */
    volatile sig_atomic_t fd;
    int installed;
};
/* The one crash-restore state (a function's static: this header has no .c file of its own). */
static inline struct nw_crash_restore *nw_crash_restore_state(void) {
    static struct nw_crash_restore state = { .fd = -1 };
    return &state;
}

/* Appends a terminfo string capability to the restore sequence, when the terminal has it. */
static inline void nw_append_capability(const char *name) {
    struct nw_crash_restore *state = nw_crash_restore_state();
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    size_t length = strlen(value);
    if (state->length + length >= sizeof state->sequence) return;
    memcpy(state->sequence + state->length, value, length);
    state->length += length;
}

/* Remembers the terminal modes of `fd` as the shell left them: call before curses starts. */
static inline void nw_save_terminal_modes(int fd) {
    struct nw_crash_restore *state = nw_crash_restore_state();
    state->modes_saved = tcgetattr(fd, &state->modes) == 0;
}

static inline void nw_restore_terminal_in_signal(void) {
    struct nw_crash_restore *state = nw_crash_restore_state();
    int fd = state->fd;
    if (fd < 0) return;
    state->fd = -1;
    size_t written = 0;
    while (written < state->length) {
        ssize_t n = write(fd, state->sequence + written, state->length - written);
        if (n <= 0) break;
        written += (size_t)n;
    }
    if (state->modes_saved) tcsetattr(fd, TCSANOW, &state->modes);
}

static inline void nw_fault_handler(int signal, siginfo_t *info, void *context) {
    nw_restore_terminal_in_signal();
    struct nw_crash_restore *state = nw_crash_restore_state();
    for (unsigned i = 0; i < NW_FAULT_SIGNAL_COUNT; i++) {
        if (nw_fault_signals[i] != signal) continue;
        struct sigaction *previous = &state->previous[i];
        if ((previous->sa_flags & SA_SIGINFO) && previous->sa_sigaction != NULL) {
            previous->sa_sigaction(signal, info, context);
        } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(signal);
        }
        break;
    }
    /* Then the default action, whatever the previous handler did (the crash reporter returns, and
       a signal sent with kill(2) would otherwise be survived): raised again, it is delivered when
       this handler returns (a fault would also recur on the same instruction). */
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigaction(signal, &fallback, NULL);
    raise(signal);
}

/* Arms the crash restore for terminal `fd` once curses has it (the restore sequence is taken
   from the terminal's terminfo entry); the fault handlers are installed the first time. */
static inline void nw_arm_crash_restore(int fd) {
    struct nw_crash_restore *state = nw_crash_restore_state();
    state->length = 0;
    nw_append_capability("rmcup");
    nw_append_capability("cnorm");
    nw_append_capability("sgr0");
    nw_append_capability("rmkx");
    static const char line_end[] = "\r\n";
    if (state->length + 2 < sizeof state->sequence) {
        memcpy(state->sequence + state->length, line_end, 2);
        state->length += 2;
    }
    state->fd = fd;
    if (state->installed) return;
    state->installed = 1;
    for (unsigned i = 0; i < NW_FAULT_SIGNAL_COUNT; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = nw_fault_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(nw_fault_signals[i], &action, &state->previous[i]);
    }
}

/* curses gave the terminal back: a later crash leaves it alone. */
static inline void nw_disarm_crash_restore(void) { nw_crash_restore_state()->fd = -1; }
/// Serves allocations of 1 MiB and more from their own mappings, returned to the system when
/// freed. glibc otherwise raises this threshold after the first large free, and the dashboard's
/// per-walk 4 MiB tables then fragment the heap and RSS creeps up over hours.
static inline void nw_release_large_allocations(void) { mallopt(M_MMAP_THRESHOLD, 1 << 20); }
/// Checks that the terminal type has a terminfo entry before curses starts (initscr would print
/// its own message and exit). Returns 1 when usable, 0 when the type is unknown, -1 when no
/// terminfo database was found, 2 when the type cannot move the cursor (`dumb`: every frame
/// would come out on one line).
static inline int nw_check_terminal(void) {
    int status = 0;
    if (setupterm(NULL, 1, &status) == OK) {
        char *cup = tigetstr("cup");
        int addressable = cup != NULL && cup != (char *)-1;
        del_curterm(cur_term);
        cur_term = NULL;
        return addressable ? 1 : 2;
    }
    return status == 0 ? 0 : -1;
}
#endif
