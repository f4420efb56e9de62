#!/usr/bin/env python3
"""Writes the 8,105 characters of the 通用规范汉字表 (Table of General Standard Chinese
Characters, 2013) to assets/fonts/tongyong-guifan-8105.txt, in table order, one per line.

The list comes from the Unicode Character Database: the kTGH field of Unihan
(`Unihan_OtherMappings.txt`), shipped by the Debian package unicode-data
(`apt-get install unicode-data`). Unihan is under the Unicode licence (free to copy).
"""
import bz2
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
SRC = pathlib.Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
OUT = ROOT / "assets/fonts/tongyong-guifan-8105.txt"


def main():
    entries = []
    with bz2.open(SRC, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                # Value: "2013:<position>" (one character can hold one position).
                pos = int(parts[2].split()[0].split(":")[1])
                entries.append((pos, chr(int(parts[0][2:], 16))))
    entries.sort()
    assert len(entries) == 8105, len(entries)
    OUT.write_text(
        "# 通用规范汉字表 (2013), 8105 characters in table order; from Unihan kTGH (make-tgh-list.py)\n"
        + "".join(c + "\n" for _, c in entries),
        encoding="utf-8",
    )
    print(f"{OUT}: {len(entries)} characters")


if __name__ == "__main__":
    main()
