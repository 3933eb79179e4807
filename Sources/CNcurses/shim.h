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
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *nw_stdscr(void) { return stdscr; }
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
/// Puts one wide character with attributes and a colour pair at (y, x) of `w`.
static inline int nw_put_wide(WINDOW *w, int y, int x, wchar_t ch, attr_t attrs, short pair) {
    cchar_t cell;
    wchar_t text[2] = { ch, L'\0' };
    setcchar(&cell, text, attrs, pair, NULL);
    return mvwadd_wch(w, y, x, &cell);
}
#endif
