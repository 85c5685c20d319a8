#!/bin/sh
# Install (or, with --uninstall, remove) this dashchat bundle for the current user:
#   the bundle        -> ~/.local/opt/dashchat/
#   the command       -> ~/.local/bin/dashchat (a symlink)
#   the menu entry    -> ~/.local/share/applications/io.github.dashchat.desktop
#   the icons         -> ~/.local/share/icons/hicolor/<N>x<N>/apps/io.github.dashchat.png (+ scalable SVG)
#   AppStream data    -> ~/.local/share/metainfo/io.github.dashchat.metainfo.xml
# Run it from the unpacked bundle: ./dashchat/install.sh
set -eu

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/dashchat"
bin="$HOME/.local/bin"
id=io.github.dashchat

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$bin/dashchat" "$data/applications/$id.desktop" "$data/metainfo/$id.metainfo.xml" \
        "$data/icons/hicolor/scalable/apps/$id.svg"
  for png in "$data"/icons/hicolor/*/apps/$id.png; do rm -f "$png"; done
  echo "dashchat removed (your history and settings stay in ${XDG_DATA_HOME:-~/.local/share}/dashchat)"
  exit 0
fi

if [ "$here" != "$opt" ]; then
  rm -rf "$opt"
  mkdir -p "$(dirname "$opt")"
  cp -R "$here" "$opt"
fi
mkdir -p "$bin" "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
ln -sf "$opt/dashchat" "$bin/dashchat"
# Absolute Exec: a menu launcher may not have ~/.local/bin on its PATH.
sed "s|^Exec=dashchat|Exec=$opt/dashchat|" "$opt/share/$id.desktop" > "$data/applications/$id.desktop"
cp "$opt/share/$id.metainfo.xml" "$data/metainfo/"
cp "$opt/share/dashchat.svg" "$data/icons/hicolor/scalable/apps/$id.svg"
for png in "$opt"/share/icons/dashchat-*.png; do
  size=$(basename "$png" .png | sed 's/dashchat-//')
  mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$data/icons/hicolor/${size}x${size}/apps/$id.png"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$data/icons/hicolor" || true
echo "dashchat installed in $opt; run 'dashchat' (make sure $bin is on your PATH) or pick it from the menu"
