#!/usr/bin/env bash
# Wraps a built macOS binary in 医保报销材料清单助手.app and that in a .dmg (run on macOS; the
# release workflow calls it). Needs iconutil and hdiutil, which come with macOS.
#   scripts/macos-bundle.sh BINARY VERSION OUT.dmg
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1 version=$2 dmg=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
app="$work/dmg/yibao-checklist.app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
cp "$bin" "$app/Contents/MacOS/yibao-checklist"
chmod 755 "$app/Contents/MacOS/yibao-checklist"

# The icon: an .iconset of the committed hicolor PNGs (name@2x is twice the size).
set_dir="$work/yibao-checklist.iconset"
mkdir -p "$set_dir"
png() { echo "assets/icons/hicolor/${1}x${1}/apps/yibao-checklist.png"; }
for s in 16 32 128 256; do
    cp "$(png "$s")" "$set_dir/icon_${s}x${s}.png"
    cp "$(png $((s * 2)))" "$set_dir/icon_${s}x${s}@2x.png"
done
cp "$(png 512)" "$set_dir/icon_512x512.png"
iconutil -c icns "$set_dir" -o "$app/Contents/Resources/yibao-checklist.icns"

# The data folder is ~/Library/Application Support/yibao-checklist (the `directories` crate),
# whatever the bundle id says.
cat > "$app/Contents/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleName</key><string>yibao-checklist</string>
    <key>CFBundleDisplayName</key><string>医保报销材料清单助手</string>
    <key>CFBundleIdentifier</key><string>yibao-checklist</string>
    <key>CFBundleExecutable</key><string>yibao-checklist</string>
    <key>CFBundleIconFile</key><string>yibao-checklist</string>
    <key>CFBundlePackageType</key><string>APPL</string>
    <key>CFBundleShortVersionString</key><string>${version}</string>
    <key>CFBundleVersion</key><string>${version}</string>
    <key>CFBundleDevelopmentRegion</key><string>zh_CN</string>
    <key>CFBundleLocalizations</key><array><string>zh_CN</string><string>en</string></array>
    <key>LSApplicationCategoryType</key><string>public.app-category.productivity</string>
    <key>LSMinimumSystemVersion</key><string>10.13</string>
    <key>NSHighResolutionCapable</key><true/>
</dict>
</plist>
PLIST
plutil -lint "$app/Contents/Info.plist"
# Drag-to-install: the .dmg shows the app beside a link to /Applications.
ln -s /Applications "$work/dmg/Applications"
cp README.md "$work/dmg/README.md"
hdiutil create -volname "yibao-checklist $version" -srcfolder "$work/dmg" -fs HFS+ \
    -format UDZO -ov "$dmg"
echo "wrote $dmg"
