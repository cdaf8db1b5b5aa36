#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium headless shell (what Playwright runs headless by default: a third
# less CPU than the full browser on the 2-worker suite); Playwright never downloads a browser here.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/lib/chromium/chromium-headless-shell}
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium's headless shell is missing: installing Debian's chromium-headless-shell package (about a minute)…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium-headless-shell >/dev/null
	[ -x "$chromium" ] && exit 0
fi
echo "Chromium's headless shell is missing at $chromium. Install it with:" >&2
echo "    sudo apt-get install -y chromium-headless-shell" >&2
echo "or point CHROMIUM_PATH at an installed Chromium." >&2
exit 1
