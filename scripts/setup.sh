#!/usr/bin/env bash
# Sets up everything the app and its tests need, and is quick to re-run:
#   1. system packages (Debian/Ubuntu: apt-get; elsewhere it says what to install),
#   2. npm packages from the lockfile (npm ci), with Electron's runtime download kept separate so a
#      machine that cannot reach it still installs,
#   3. Electron's runtime, best effort: without it `npm start` uses the browser host.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# chromium: the browser the e2e tests drive (and the app window without Electron);
# libsecret-1-dev + g++ + python3: keytar compiles against the OS keychain;
# gnome-keyring + dbus: a real Secret Service (the Linux keychain) for tests and headless use;
# xvfb: a virtual display for anything that needs one.
APT_PACKAGES=(chromium xvfb libsecret-1-dev gnome-keyring dbus dbus-x11 g++ make python3 curl)

if [ "$(uname -s)" = "Linux" ] && command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
        say "Missing system packages: ${missing[*]}. Install them as root (apt-get install ${missing[*]}), then run this again."
        exit 1
      fi
    fi
    say "Installing system packages: ${missing[*]} (about a minute)…"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "System packages are present."
  fi
else
  say "Not a Debian-like Linux: make sure Chromium (or Chrome) is installed for the tests; keytar uses the OS keychain directly."
fi

# npm ci only when the lockfile changed since the last successful install.
lock_hash=$(node -e "process.stdout.write(require('crypto').createHash('sha256').update(require('fs').readFileSync('package-lock.json')).digest('hex'))")
stamp=node_modules/.setup-stamp
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
  say "npm packages are up to date."
else
  say "Installing npm packages (npm ci; one to three minutes)…"
  # Electron's runtime is fetched separately below, so an unreachable download host cannot fail
  # the whole install. keytar builds from source when its prebuilt cannot be downloaded.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

if [ -f node_modules/electron/path.txt ]; then
  say "Electron's runtime is installed."
elif [ "${SINCH_EXPLORER_SKIP_ELECTRON:-}" = "1" ]; then
  say "Skipping Electron's runtime (SINCH_EXPLORER_SKIP_ELECTRON=1); npm start will use the browser host."
elif timeout 300 node node_modules/electron/install.js >/dev/null 2>&1; then
  say "Electron's runtime is installed."
else
  say "Electron's runtime could not be downloaded here; npm start will open the app in the browser host instead."
fi

# The page, the Electron main process and the compiled CLI/browser host (dist-node/), so the first
# launch does not build and no launch compiles TypeScript. npm start rebuilds what is stale.
say "Building the app (about a minute the first time)…"
if npm run build --silent >/dev/null; then
  say "Built."
else
  say "The build failed; npm start will try again and show why."
fi

say "Done. Start the app with: npm start    Run every test with: npm test"
