#ifndef LOCKTOP_CCURSES_H
#define LOCKTOP_CCURSES_H

/* SwiftPM drops the -D flags pkg-config gives, so ask for the wide-character API here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Macros and globals Swift cannot call or rejects as shared mutable state. */
static inline WINDOW *ccurses_stdscr(void) { return stdscr; }
static inline int ccurses_lines(void) { return LINES; }
static inline int ccurses_cols(void) { return COLS; }
static inline int ccurses_colors(void) { return COLORS; }
static inline int ccurses_color_pairs(void) { return COLOR_PAIRS; }

static inline attr_t ccurses_a_normal(void) { return A_NORMAL; }
static inline attr_t ccurses_a_bold(void) { return A_BOLD; }
static inline attr_t ccurses_a_reverse(void) { return A_REVERSE; }
static inline attr_t ccurses_a_underline(void) { return A_UNDERLINE; }
static inline attr_t ccurses_a_dim(void) { return A_DIM; }
static inline attr_t ccurses_a_italic(void) { return A_ITALIC; }

static inline int ccurses_key_resize(void) { return KEY_RESIZE; }
static inline int ccurses_key_mouse(void) { return KEY_MOUSE; }

/* Mouse masks are built by macros from the mouse version. */
static inline mmask_t ccurses_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t ccurses_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t ccurses_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t ccurses_wheel_down(void) { return BUTTON5_PRESSED; }
static inline int ccurses_key_f(int n) { return KEY_F(n); }

#endif
