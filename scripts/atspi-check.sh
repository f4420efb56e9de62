#!/usr/bin/env bash
# The app as a screen reader reads it: the release build under a private Xvfb, with a private
# session D-Bus, the AT-SPI bus launched and accessibility switched on (org.a11y.Status
# IsEnabled), an empty data folder; scripts/atspi_check.py then walks start → new case → each
# question → checklist with the keyboard and checks the tree on the bus. Ends what it started.
#   scripts/atspi-check.sh [--count] [BINARY]   default: target/release/yibao-checklist
#   --count also prints nodes, unnamed focusable nodes and headings per screen (and does not
#   stop at the first missing group, to measure older builds).
# Needs: Xvfb, xdotool, dbus-daemon (dbus-run-session), at-spi2-core, python3-pyatspi.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
bin=target/release/yibao-checklist
for a in "$@"; do
    case $a in
    --count) args+=(--count) ;;
    *) bin=$a ;;
    esac
done
[[ -x $bin ]] || { echo "atspi check: no program at $bin (cargo build --release first)" >&2; exit 1; }
if [[ -z ${ATSPI_CHECK_INSIDE:-} ]]; then
    export ATSPI_CHECK_INSIDE=1
    exec dbus-run-session -- bash "$0" "$@"
fi

display=":$((200 + RANDOM % 100))"
data=$(mktemp -d)
pids=()
cleanup() {
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
    rm -rf "$data"
}
trap cleanup EXIT
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY=$display
/usr/libexec/at-spi-bus-launcher --launch-immediately >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
    busctl --user status org.a11y.Bus >/dev/null 2>&1 && break
    sleep 0.1
done
busctl --user set-property org.a11y.Bus /org/a11y/bus org.a11y.Status IsEnabled b true
sleep 1
LIBGL_ALWAYS_SOFTWARE=1 YIBAO_CHECKLIST_DATA_DIR=$data "$bin" >"$data/app.log" 2>&1 &
pids+=($!)
status=0
/usr/bin/python3 scripts/atspi_check.py "${args[@]}" || status=$?
if ((status != 0)); then
    echo "atspi check: the app's output:" >&2
    tail -n 20 "$data/app.log" >&2 || true
fi
exit "$status"
