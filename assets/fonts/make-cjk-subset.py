#!/usr/bin/env python3
"""Makes assets/fonts/NotoSansSC-Regular-subset.otf, the CJK font built into
plantrack: Noto Sans CJK SC Regular cut down to the characters of GB 2312
(6,763 hanzi, the symbols and the full-width forms), ASCII, Latin-1, and the
punctuation and symbols plantrack prints. The result is the same bytes for
the same input font and fontTools version.

Needs: the Debian package fonts-noto-cjk (1:20220127+repack1-1 made the
shipped file) and fontTools (pip install fonttools; 4.68.0 made it).

    python3 assets/fonts/make-cjk-subset.py [/path/to/NotoSansCJK-Regular.ttc]

Noto Sans CJK is under the SIL Open Font License 1.1 (assets/fonts/OFL.txt);
a subset is a Modified Version under it, and keeps the font's own name
table's copyright and licence records.
"""
import sys

from fontTools import subset

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# In the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK.
SC = 2
OUT = "assets/fonts/NotoSansSC-Regular-subset.otf"


def gb2312():
    """Every character GB 2312 encodes."""
    out = []
    for cp in range(0x80, 0x10000):
        c = chr(cp)
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.append(cp)
    return out


EXTRA = (
    list(range(0x20, 0x7F))  # ASCII
    + list(range(0xA0, 0x100))  # Latin-1: ° ± ² ³ · × ÷ ¥
    + list(range(0x2010, 0x2070))  # general punctuation: – — ‘ ’ “ ” … ‰ ※
    + list(range(0x2190, 0x21A0))  # arrows
    + [0x2212, 0x2264, 0x2265, 0x2248, 0x2260, 0x221E, 0x2116, 0x2103]  # − ≤ ≥ ≈ ≠ ∞ № ℃
    + list(range(0x2460, 0x2474))  # ① to ⑳
    + list(range(0x25A0, 0x25D0))  # ■ □ ▲ △ ▼ ▽ ◆ ◇ ○ ●
    + [0x2605, 0x2606, 0x2713, 0x2714, 0x2717, 0x2718]  # ★ ☆ ✓ ✔ ✗ ✘
    + list(range(0x3000, 0x3040))  # CJK symbols and punctuation: 、。〈〉《》「」【】
    + list(range(0xFF01, 0xFF5F))  # full-width forms
    + [0xFFE0, 0xFFE1, 0xFFE5]  # ￠ ￡ ￥
)

options = subset.Options()
options.font_number = SC
options.hinting = False
options.desubroutinize = False
options.name_IDs = ["*"]
options.name_languages = ["*"]
options.layout_features = ["*"]
options.notdef_outline = True
font = subset.load_font(SOURCE, options)
s = subset.Subsetter(options)
s.populate(unicodes=sorted(set(gb2312() + EXTRA)))
s.subset(font)
# No time stamps that would change the bytes from run to run.
font["head"].modified = font["head"].created
subset.save_font(font, OUT, options)
print(OUT)
