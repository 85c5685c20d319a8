#!/usr/bin/env bash
# Build the Linux bundle on this machine: dist/dashchat/ and dist/dashchat-<version>-linux-<arch>.tar.gz
#
#     bash packaging/build_linux.sh            # a build venv in build/venv (or $BUILD_VENV)
#
# Needs Python >= 3.11 and, to run the result offscreen, the Qt libraries named in README.md.
# The bundle runs on Linux systems whose glibc is at least the build machine's.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${BUILD_VENV:-build/venv}"
python="${PYTHON:-python3}"
start=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q . "pyinstaller>=6.10"

"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/dashchat.spec

# Desktop integration travels with the bundle: packaging/linux/install.sh puts the launcher
# and the icons in the user's menu.
mkdir -p dist/dashchat/share
cp packaging/linux/io.github.dashchat.desktop packaging/linux/io.github.dashchat.metainfo.xml \
   resources/icons/dashchat.svg dist/dashchat/share/
cp -r resources/icons/png dist/dashchat/share/icons
install -m 755 packaging/linux/install.sh dist/dashchat/install.sh

version=$("$venv/bin/python" -c 'import re,sys; print(re.search(r"__version__ = \"(.+?)\"", open("desktop/__init__.py").read()).group(1))')
archive="dist/dashchat-$version-linux-$(uname -m).tar.gz"
tar -C dist -czf "$archive" dashchat

end=$(date +%s)
echo "built dist/dashchat ($(du -sh dist/dashchat | cut -f1)) and $archive ($(du -h "$archive" | cut -f1)) in $((end - start)) s"
