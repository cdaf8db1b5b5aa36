#!/usr/bin/env bash
# End-to-end tests drive Debian's Chromium; Playwright never downloads a browser here.
set -euo pipefail
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$chromium" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
	echo "Chromium is missing: installing Debian's chromium package (about a minute)…"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq chromium >/dev/null
	[ -x "$chromium" ] && exit 0
fi
echo "Chromium is missing at $chromium. Install it with:" >&2
echo "    sudo apt-get install -y chromium" >&2
echo "or point CHROMIUM_PATH at an installed Chromium." >&2
exit 1
