#!/usr/bin/env bash
# Screenshots of the app as a new user sees it, for review: docs/screens/<screen>-<w>x<h>-<zoom>-<lang>-<theme>.png
#
# Each shot starts the app under a private Xvfb of that screen size, with a fresh data folder
# holding one saved case (a cross-region emergency inpatient claim, at a window, by a proxy) and
# the UI settings (text size, language, theme, open case, screen), maximises the window and
# takes a picture of the screen. Every process started here is ended by its PID.
#
#   scripts/screens.sh                 # the standard set
#   BIN=target/debug/yibao-checklist scripts/screens.sh
#   ONLY="checklist-1366x768-200-zh-light" scripts/screens.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/yibao-checklist}
OUT=${OUT:-docs/screens}
[[ -x $BIN ]] || cargo build --release --locked
for tool in Xvfb xdotool import; do
    command -v "$tool" >/dev/null || {
        echo "screens: needs $tool (apt-get install xvfb xdotool imagemagick)" >&2
        exit 1
    }
done
mkdir -p "$OUT"

case_file() {
    cat <<'EOF'
(
    schema: 1,
    id: "demo",
    label: "妈妈住院报销",
    created: "2026-11-20T10:00:00+08:00",
    updated: "2026-11-20T10:00:00+08:00",
    answers: {
        "scenario": "cross_region",
        "region": "national",
        "insurance": "employee",
        "visit": "inpatient",
        "emergency": "yes",
        "filed": "no",
        "settlement": "manual",
        "channel": "window",
        "proxy": "yes",
        "third_party": "no",
        "admission_date": "2026-10-01",
        "discharge_date": "2026-10-10",
    },
    items: {
        "id_card": (done: true),
    },
)
EOF
}

partial_case() {
    cat <<'EOF'
(
    schema: 1,
    id: "partial",
    label: "爸爸门诊",
    created: "2026-11-20T10:00:00+08:00",
    updated: "2026-11-20T10:00:00+08:00",
    answers: {
        "scenario": "cross_region",
    },
)
EOF
}

# shot NAME WIDTH HEIGHT ZOOM LANG DARK MODE   (MODE: checklist, wizard, start, quick)
shot() {
    local name=$1 w=$2 h=$3 zoom=$4 lang=$5 dark=$6 mode=${7:-checklist}
    if [[ -n ${ONLY:-} && " $ONLY " != *" $name "* ]]; then
        return
    fi
    local data display xvfb app=""
    data=$(mktemp -d)
    mkdir -p "$data/cases"
    local last=None
    case_file >"$data/cases/demo.ron"
    case $mode in
        checklist) last='Some(\"demo\")' ;;
        wizard)
            partial_case >"$data/cases/partial.ron"
            last='Some(\"partial\")'
            ;;
    esac
    local settings="(lang:$lang,zoom:$zoom,dark:$dark,last_case:$last,show_list:true)"
    printf '{\n    "yibao-checklist-settings": "%s",\n}\n' "$settings" >"$data/ui-settings.ron"
    display=":$((150 + RANDOM % 100))"
    Xvfb "$display" -screen 0 "${w}x${h}x24" -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=$display LIBGL_ALWAYS_SOFTWARE=1 YIBAO_CHECKLIST_DATA_DIR=$data "$BIN" >/dev/null 2>&1 &
    app=$!
    local win=""
    for _ in $(seq 1 80); do
        win=$(DISPLAY=$display xdotool search --onlyvisible --class yibao-checklist 2>/dev/null | head -1 || true)
        [[ -n $win ]] && break
        sleep 0.25
    done
    if [[ -n $win ]]; then
        DISPLAY=$display xdotool windowmove "$win" 0 0 windowsize "$win" "$w" "$h" 2>/dev/null || true
        sleep 2.5
        if [[ $mode == quick ]]; then
            # The keyboard path: Tab from "start a case" to 常用情形, Enter.
            DISPLAY=$display xdotool windowfocus --sync "$win" 2>/dev/null || true
            sleep 0.3
            DISPLAY=$display xdotool key Tab Return 2>/dev/null || true
            sleep 1.5
        fi
        DISPLAY=$display import -window root "$OUT/$name.png"
        echo "$OUT/$name.png"
    else
        echo "screens: no window for $name" >&2
    fi
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}

# The set the issues ask for: the checklist's summary at 1366×768 at 100 % and 200 %, and the
# wizard, the checklist and the quick sheets at 1024×600 / 200 % and 1366×768 / 100 %; both
# languages and both themes appear.
shot checklist-1366x768-100-zh-light 1366 768 1.0 zh false checklist
shot checklist-1366x768-200-zh-light 1366 768 2.0 zh false checklist
shot checklist-1366x768-200-en-dark 1366 768 2.0 en true checklist
shot checklist-1024x600-200-zh-dark 1024 600 2.0 zh true checklist
shot wizard-1366x768-100-en-light 1366 768 1.0 en false wizard
shot wizard-1024x600-200-zh-light 1024 600 2.0 zh false wizard
shot quick-1366x768-100-zh-dark 1366 768 1.0 zh true quick
shot quick-1024x600-200-en-light 1024 600 2.0 en false quick
shot start-1024x600-200-zh-light 1024 600 2.0 zh false start
