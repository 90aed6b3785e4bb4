#!/usr/bin/env bash
# Set up everything reviewer needs on a fresh Debian/Ubuntu machine, into .venv/ at the repository root.
#   scripts/setup.sh run    — what the app needs (Qt's system libraries, Python packages)
#   scripts/setup.sh test   — also what the tests need (poppler-utils, PostgreSQL server, test packages)
# System packages are installed with apt-get when running as root or with password-less sudo; otherwise the script
# stops and prints the exact apt-get line to run.
set -euo pipefail
mode="${1:-run}"
cd "$(dirname "$0")/.."

say() { printf '%s\n' "$*" >&2; }

# --- Python ≥ 3.11 -------------------------------------------------------------------------------------------
PY=""
for cand in python3.13 python3.12 python3.11 python3; do
  if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    PY="$(command -v "$cand")"; break
  fi
done
if [ -z "$PY" ]; then
  say "需要 Python 3.11 或更高版本。Python 3.11+ is required: apt-get install -y python3"
  exit 1
fi
pyver="$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"

# --- system packages ------------------------------------------------------------------------------------------
# Qt (PySide6 wheels) needs these libraries for the offscreen and xcb platforms (engineering.md part B).
pkgs=(libegl1 libgl1 libglx0 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libglib2.0-0
      libdbus-1-3 libx11-6 libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
      libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libxcb-xfixes0 libxrender1
      libnss3 libasound2)
if ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then pkgs+=("python${pyver}-venv"); fi
if [ "$mode" = test ]; then
  pkgs+=(poppler-utils postgresql)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    say "缺少系统软件包，请先运行 / missing system packages, run first:"
    say "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "安装系统软件包 / installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # libasound2 is a virtual package on newer Ubuntu (libasound2t64): fall back to installing what exists.
  if ! $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; then
    avail=()
    for p in "${missing[@]}"; do apt-cache show "$p" >/dev/null 2>&1 && avail+=("$p"); done
    $SUDO apt-get install -y -qq "${avail[@]}" >/dev/null
  fi
fi

# --- virtual environment ---------------------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "创建虚拟环境 .venv / creating .venv"
  "$PY" -m venv .venv
fi
extra=""; [ "$mode" = test ] && extra="[test]"
stamp=".venv/.installed-${mode}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  say "安装 Python 依赖 / installing Python packages${extra}"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".${extra}"
  touch "$stamp"
fi
