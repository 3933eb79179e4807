#!/usr/bin/env python3
"""Renders a terminal capture (`tmux capture-pane -e -p`: text with SGR colour escapes) to PNG.

    screenshot.py CAPTURE.ans OUTPUT.png

Each cell is drawn on a fixed grid in DejaVu Sans Mono (bold for bold text). Box-drawing lines
and block elements (bars, sparklines, shades) are drawn as shapes rather than glyphs, so lines
join and bars fill their cells exactly as in a terminal. Colours: the 16 ANSI colours, the
xterm 256-colour palette and 24-bit colours; "default" is a dark terminal's (#d0d0d0 on
#121212). Needs Pillow (scripts/docs/screenshots.sh installs it in a private venv).
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONT_SIZE = 16
PADDING = 14
DEFAULT_FG = (0xD0, 0xD0, 0xD0)
DEFAULT_BG = (0x12, 0x12, 0x12)
ANSI = [(0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
        (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
        (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
        (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF)]
CUBE = [0, 95, 135, 175, 215, 255]
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def palette(index):
    """xterm's 256 colours: 16 ANSI, a 6x6x6 cube, 24 greys."""
    if index < 16:
        return ANSI[index]
    if index < 232:
        index -= 16
        return (CUBE[index // 36], CUBE[index // 6 % 6], CUBE[index % 6])
    grey = 8 + 10 * (index - 232)
    return (grey, grey, grey)


class Style:
    def __init__(self):
        self.fg = self.bg = None
        self.bold = self.underline = self.reverse = False

    def apply(self, codes):
        """Updates the style from one SGR sequence's parameters."""
        values = [int(c) if c else 0 for c in codes.replace(":", ";").split(";")] if codes else [0]
        i = 0
        while i < len(values):
            code = values[i]
            if code == 0:
                self.__init__()
            elif code == 1:
                self.bold = True
            elif code == 22:
                self.bold = False
            elif code == 4:
                self.underline = True
            elif code == 24:
                self.underline = False
            elif code == 7:
                self.reverse = True
            elif code == 27:
                self.reverse = False
            elif code in (38, 48) and i + 1 < len(values):
                if values[i + 1] == 5 and i + 2 < len(values):
                    colour, i = palette(values[i + 2]), i + 2
                elif values[i + 1] == 2 and i + 4 < len(values):
                    colour, i = tuple(values[i + 2:i + 5]), i + 4
                else:
                    colour = None
                if code == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            elif code == 39:
                self.fg = None
            elif code == 49:
                self.bg = None
            elif 30 <= code <= 37:
                self.fg = ANSI[code - 30]
            elif 40 <= code <= 47:
                self.bg = ANSI[code - 40]
            elif 90 <= code <= 97:
                self.fg = ANSI[code - 82]
            elif 100 <= code <= 107:
                self.bg = ANSI[code - 92]
            i += 1

    def colours(self):
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        return (bg, fg) if self.reverse else (fg, bg)


def cells(text):
    """The capture as rows of (character, fg, bg, bold, underline); the style carries over lines."""
    style, rows = Style(), []
    for line in text.rstrip("\n").split("\n"):
        row, position = [], 0
        for match in SGR.finditer(line):
            row += [(c,) + style.colours() + (style.bold, style.underline) for c in line[position:match.start()]]
            style.apply(match.group(1))
            position = match.end()
        row += [(c,) + style.colours() + (style.bold, style.underline) for c in line[position:]]
        rows.append(row)
    return rows


# Box drawing: which of (up, down, left, right) each line character connects.
BOX = {"─": "lr", "│": "ud", "┌": "dr", "┐": "dl", "└": "ur", "┘": "ul", "├": "udr", "┤": "udl",
       "┬": "dlr", "┴": "ulr", "┼": "udlr", "╭": "dr", "╮": "dl", "╰": "ur", "╯": "ul"}


def shape(draw, char, x, y, w, h, fg, bg):
    """Draws box lines and block elements as shapes; returns False for any other character."""
    code = ord(char)
    if char in BOX:
        cx, cy = x + w // 2, y + h // 2
        ends = {"u": (cx, y), "d": (cx, y + h - 1), "l": (x, cy), "r": (x + w - 1, cy)}
        for direction in BOX[char]:
            draw.line([(cx, cy), ends[direction]], fill=fg, width=1)
        return True
    if 0x2581 <= code <= 0x2588:                      # ▁ … █: lower eighths
        top = y + h - round(h * (code - 0x2580) / 8)
        draw.rectangle([x, top, x + w - 1, y + h - 1], fill=fg)
        return True
    if 0x2589 <= code <= 0x258F:                      # ▉ … ▏: left eighths
        draw.rectangle([x, y, x + round(w * (0x2590 - code) / 8) - 1, y + h - 1], fill=fg)
        return True
    if code in (0x2591, 0x2592, 0x2593):              # ░ ▒ ▓: shades
        share = {0x2591: 0.25, 0x2592: 0.5, 0x2593: 0.75}[code]
        blend = tuple(round(b + (f - b) * share) for f, b in zip(fg, bg))
        draw.rectangle([x, y, x + w - 1, y + h - 1], fill=blend)
        return True
    return False


def render(text, output):
    regular = ImageFont.truetype(FONT_DIR + "DejaVuSansMono.ttf", FONT_SIZE)
    bold = ImageFont.truetype(FONT_DIR + "DejaVuSansMono-Bold.ttf", FONT_SIZE)
    ascent, descent = regular.getmetrics()
    w, h = round(regular.getlength("M")), ascent + descent
    rows = cells(text)
    columns = max(len(row) for row in rows)
    image = Image.new("RGB", (columns * w + 2 * PADDING, len(rows) * h + 2 * PADDING), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(rows):
        y = PADDING + r * h
        for c, (char, fg, bg, is_bold, underline) in enumerate(row):
            x = PADDING + c * w
            draw.rectangle([x, y, x + w - 1, y + h - 1], fill=bg)
            if char != " " and not shape(draw, char, x, y, w, h, fg, bg):
                draw.text((x, y), char, font=bold if is_bold else regular, fill=fg)
            if underline:
                draw.line([(x, y + ascent + 1), (x + w - 1, y + ascent + 1)], fill=fg)
    image.save(output, optimize=True)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshot.py CAPTURE.ans OUTPUT.png")
    with open(sys.argv[1], encoding="utf-8") as capture:
        render(capture.read(), sys.argv[2])
