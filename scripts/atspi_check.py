#!/usr/bin/python3
"""Reads the app's accessibility tree on the real AT-SPI bus (pyatspi) and walks a family's path
with the keyboard (xdotool): start -> new case -> each question -> review -> checklist.

Run by scripts/atspi-check.sh, which starts Xvfb, a private session bus, the AT-SPI bus and the
app. Asserts the window's name, each question's group name, headings on the checklist, the focus
after each screen change, a details toggle's state and the announcement of an invalid date.
--count prints, per screen, the nodes, the unnamed focusable nodes and the headings.
"""
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

TITLE = "医保报销材料清单助手"
COUNT = "--count" in sys.argv
FAILS = []
ANNOUNCED = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        FAILS.append(what)


def pump(seconds=0.0):
    """Lets events in (announcements) and the app draw."""
    ctx = GLib.MainContext.default()
    end = time.time() + seconds
    while True:
        while ctx.pending():
            ctx.iteration(False)
        if time.time() >= end:
            break
        time.sleep(0.05)


def on_event(e):
    if e.type.startswith("object:announcement"):
        ANNOUNCED.append(str(e.any_data))


def key(*keys):
    subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)
    pump(0.6)


def type_text(text):
    subprocess.run(["xdotool", "type", "--delay", "40", text], check=True)
    pump(0.6)


def nodes(acc, depth=0, out=None):
    if out is None:
        out = []
    out.append(acc)
    try:
        for i in range(acc.childCount):
            c = acc.getChildAtIndex(i)
            if c is not None:
                nodes(c, depth + 1, out)
    except Exception:
        pass
    return out


def role(a):
    return a.getRoleName()


def states(a):
    return a.getState()


def find_frame():
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        for i in range(app.childCount):
            w = app.getChildAtIndex(i)
            if w is not None and w.getRole() == pyatspi.ROLE_FRAME:
                if w.name == TITLE or app.name.startswith("yibao"):
                    return w
    return None


def focused(frame):
    for a in nodes(frame):
        if states(a).contains(pyatspi.STATE_FOCUSED):
            return a
    return None


def ancestors(a):
    out = []
    p = a.parent
    while p is not None and p.getRole() != pyatspi.ROLE_APPLICATION:
        out.append(p)
        p = p.parent
    return out


def count(frame, screen):
    all_ = nodes(frame)
    unnamed = [
        a
        for a in all_
        if states(a).contains(pyatspi.STATE_FOCUSABLE) and not (a.name or "").strip()
    ]
    heads = [a for a in all_ if a.getRole() == pyatspi.ROLE_HEADING]
    line = f"count {screen}: {len(all_)} nodes, {len(unnamed)} unnamed focusable, {len(heads)} headings"
    print(line, flush=True)
    return heads


def describe(a):
    return f"{role(a)} '{a.name}'" if a is not None else "nothing"


def wait_for(pred, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        pump(0.2)
        r = pred()
        if r:
            return r
    return None


def by_name(frame, name, role_=None):
    for a in nodes(frame):
        if a.name == name and (role_ is None or a.getRole() == role_):
            return a
    return None


def click(a):
    act = a.queryAction()
    for i in range(act.nActions):
        if act.getName(i) in ("click", "press", "activate"):
            act.doAction(i)
            pump(0.6)
            return
    act.doAction(0)
    pump(0.6)


def main():
    pyatspi.Registry.registerEventListener(on_event, "object:announcement")
    frame = wait_for(find_frame, 30)
    check(frame is not None, "the app's frame is on the bus")
    if frame is None:
        return
    check(frame.name == TITLE, f"the window is named '{TITLE}' (got '{frame.name}')")
    subprocess.run(["xdotool", "search", "--sync", "--class", "yibao-checklist",
                    "windowfocus", "--sync"], check=False, capture_output=True)
    pump(1.0)
    count(frame, "start")
    f = wait_for(lambda: focused(frame))
    check(f is not None and f.name == "新建清单并开始回答",
          f"start page: focus on 新建清单并开始回答 (got {describe(f)})")

    # The front desk's list, then back.
    key("Tab")
    key("Return")
    f = wait_for(lambda: (lambda x: x if x is not None and x.getRole() == pyatspi.ROLE_HEADING else None)(focused(frame)), 5)
    check(f is not None and f.name == "常用情形", f"quick list: focus on its heading (got {describe(focused(frame))})")
    count(frame, "quick")
    key("Down")
    f = focused(frame)
    check(f is not None and f.getRole() == pyatspi.ROLE_LIST_ITEM
          and states(f).contains(pyatspi.STATE_SELECTED),
          f"quick list: ↓ focuses a selected list item (got {describe(f)})")
    key("Escape")
    wait_for(lambda: by_name(frame, "新建清单并开始回答"), 5)

    # A new case, each question.
    b = by_name(frame, "新建清单并开始回答")
    click(b)
    seen = set()
    invalid_checked = False
    counted_wizard = False
    for _ in range(60):
        pump(0.3)
        review = by_name(frame, "核对您的回答")
        if review is not None:
            break
        f = wait_for(lambda: focused(frame), 5)
        groups = [p for p in ancestors(f)] if f is not None else []
        named = [p.name for p in groups if p.getRole() == pyatspi.ROLE_PANEL and p.name]
        if not named and not COUNT:
            check(False, f"wizard: the focus {describe(f)} is in a named group")
            break
        # Counting an older build: its questions have no group; go on by position.
        question = named[0] if named else f"question {len(seen) + 1}"
        if question in seen:
            check(False, f"wizard: stuck on '{question}'")
            break
        seen.add(question)
        check(True, f"wizard: group '{question}', focus on {describe(f)}")
        if not counted_wizard:
            count(frame, "wizard")
            counted_wizard = True
        if f.getRole() == pyatspi.ROLE_TEXT or f.getRole() == pyatspi.ROLE_ENTRY:
            if not invalid_checked:
                invalid_checked = True
                del ANNOUNCED[:]
                type_text("2025-13-40")
                key("Return")
                pump(1.0)
                said = [a for a in ANNOUNCED if "日历上没有 2025-13-40 这一天" in a]
                check(bool(said), f"wizard: the invalid date is announced (announced: {ANNOUNCED})")
                field = focused(frame)
                desc = field.description if field is not None else ""
                check("日历上没有" in (desc or ""),
                      f"wizard: the date field is described by the message (got '{desc}')")
                count(frame, "wizard, invalid date")
                key("ctrl+a")
            date = "2025-03-28" if "入院" in question else "2025-04-08"
            type_text(date)
            key("Return")
            pump(0.5)
            still = focused(frame)
            if still is not None and still.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY) \
                    and question in [p.name for p in ancestors(still)]:
                skip = by_name(frame, "跳过", pyatspi.ROLE_PUSH_BUTTON)
                if skip is not None:
                    click(skip)
        else:
            key("Return")
    check(len(seen) >= 5, f"wizard: {len(seen)} questions, each in its named group")
    check(invalid_checked, "wizard: a date question was asked")

    f = wait_for(lambda: (lambda x: x if x is not None and x.getRole() == pyatspi.ROLE_HEADING else None)(focused(frame)), 5)
    check(f is not None and f.name == "核对您的回答", f"review: focus on its heading (got {describe(focused(frame))})")
    count(frame, "review")
    key("Return")
    f = wait_for(lambda: (lambda x: x if x is not None and x.getRole() == pyatspi.ROLE_HEADING else None)(focused(frame)), 5)
    check(f is not None, f"checklist: focus on its heading (got {describe(focused(frame))})")
    heads = count(frame, "checklist")
    names = [h.name for h in heads]
    for want in ("需要准备的材料", "办理步骤"):
        check(any(want in n for n in names), f"checklist: heading {want} (headings: {names})")

    more = None
    for a in nodes(frame):
        if a.getRole() == pyatspi.ROLE_PUSH_BUTTON and (a.name or "").startswith("详情"):
            more = a
            break
    check(more is not None, "checklist: a details toggle")
    if more is not None:
        check(more.description == "已收起", f"checklist: '{more.name}' says 已收起 (got '{more.description}')")
        whose = more.name.split("：", 1)[1]
        click(more)
        pump(0.5)
        opened = None
        for a in nodes(frame):
            if a.getRole() == pyatspi.ROLE_PUSH_BUTTON and (a.name or "").endswith("：" + whose) \
                    and a.description in ("已展开", "已收起"):
                opened = a
        check(opened is not None and opened.description == "已展开",
              f"checklist: after a click it says 已展开 (got {describe(opened)} '{opened.description if opened else ''}')")

    # 规则与提示 opened: each rule one named focus stop.
    rules = by_name(frame, "展开：规则与提示", pyatspi.ROLE_PUSH_BUTTON)
    check(rules is not None, "checklist: 展开：规则与提示")
    if rules is not None:
        click(rules)
        pump(0.5)
        count(frame, "checklist, rules open")
        unnamed = [a for a in nodes(frame)
                   if states(a).contains(pyatspi.STATE_FOCUSABLE) and not (a.name or "").strip()
                   and a.getRole() != pyatspi.ROLE_FRAME]
        check(not unnamed, f"checklist: no unnamed focus stop with the rules open ({len(unnamed)})")


try:
    main()
finally:
    if FAILS:
        print(f"atspi check: {len(FAILS)} failed", flush=True)
        sys.exit(1)
    print("atspi check: passed", flush=True)
