#!/usr/bin/env python3
"""Cuts the bundled CJK font: Noto Sans CJK SC (SIL OFL 1.1, Debian package fonts-noto-cjk)
subset to the 8,105 characters of the 通用规范汉字表 (assets/fonts/tongyong-guifan-8105.txt, made by
make-tgh-list.py), GB2312, CJK/full-width punctuation, Latin, and every character used in src/
and checklists/ (so rare characters in the data, such as 埇, are covered). Names use rare
characters (堃, 喆, 珺, 昇 …): the 8,105 list is what a user can be expected to type.

Usage (from the repo root, after `apt-get install fonts-noto-cjk` and `pip install fonttools`):
    python3 assets/fonts/make-font.py
Re-run it after adding text with new characters; the glyph-coverage test says when.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = pathlib.Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
OUT = ROOT / "assets/fonts/NotoSansSC-subset.otf"


def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def tongyong_guifan():
    lines = (ROOT / "assets/fonts/tongyong-guifan-8105.txt").read_text(encoding="utf-8").splitlines()
    chars = {l for l in lines if l and not l.startswith("#")}
    assert len(chars) == 8105, len(chars)
    return chars


def used_in_repo():
    chars = set()
    for folder in ("src", "checklists", "tests"):
        for p in (ROOT / folder).rglob("*"):
            if p.suffix in (".rs", ".ron") and p.is_file():
                chars.update(p.read_text(encoding="utf-8"))
    return {c for c in chars if ord(c) >= 0x20}


def main():
    chars = gb2312() | tongyong_guifan() | used_in_repo()
    chars |= {chr(c) for c in range(0x20, 0x7F)}  # ASCII
    chars |= {chr(c) for c in range(0xA0, 0x180)}  # Latin-1 and Latin Extended-A
    chars |= {chr(c) for c in range(0x2000, 0x206F)}  # general punctuation
    chars |= {chr(c) for c in range(0x2190, 0x21FF)}  # arrows
    chars |= {chr(c) for c in range(0x2460, 0x24FF)}  # enclosed numbers
    chars |= {chr(c) for c in range(0x25A0, 0x2600)}  # geometric shapes (tick boxes)
    chars |= {chr(c) for c in range(0x2713, 0x2719)}  # check marks
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}  # full-width forms
    font = TTCollection(str(SRC)).fonts[2]  # index 2 = Noto Sans CJK SC
    assert "SC" in font["name"].getDebugName(4)
    opts = subset.Options()
    opts.layout_features = ["*"]
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = False
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    cmap = font.getBestCmap()
    missing = sorted(c for c in tongyong_guifan() if ord(c) not in cmap)
    if missing:
        # The app and the PDF report these when they occur; listed here so the gap is known.
        print(f"Noto Sans CJK SC has no glyph for {len(missing)} of the 8,105: {''.join(missing)}", file=sys.stderr)
    sub.subset(font)
    font.save(str(OUT))
    print(f"{OUT}: {OUT.stat().st_size} bytes, {len(chars)} characters requested", file=sys.stderr)


if __name__ == "__main__":
    main()
