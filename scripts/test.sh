#!/usr/bin/env bash
# `npm test`: every check and every test suite, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# each step's name and start (microseconds), so the run ends with how long each one took
step_names=()
step_starts=()
step() {
	printf '\n=== %s ===\n' "$1"
	step_names+=("$1")
	step_starts+=("${EPOCHREALTIME/./}")
}

# on every exit, passing or failing: a table of the steps' times, then the same exit status
step_times() {
	local status=$? end=${EPOCHREALTIME/./} last=$((${#step_names[@]} - 1)) i next mark
	printf '\n%-52s %8s\n' 'Step' 'Seconds'
	for i in "${!step_names[@]}"; do
		next=${step_starts[i + 1]:-$end}
		mark=''
		if ((status != 0 && i == last)); then mark='  (failed)'; fi
		printf '%-52s %8s%s\n' "${step_names[i]}" "$(seconds $((next - step_starts[i])))" "$mark"
	done
	if ((last >= 0)); then printf '%-52s %8s\n' 'Total' "$(seconds $((end - step_starts[0])))"; fi
	exit "$status"
}
seconds() { printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10)); }
trap step_times EXIT

step 'Chromium for end-to-end tests'
bash scripts/ensure-chromium.sh

step 'Lesson content (sources, question banks, module)'
npm run check:content

step 'Type check (svelte-check)'
npm run check

step 'Lint (prettier + eslint)'
npm run lint

mkdir -p reports/test-summary
step 'Unit and integration tests (SQLite and PostgreSQL)'
npm run test:unit -- --reporter=verbose --reporter=json --outputFile.json=reports/test-summary/unit.json

step 'Production build'
npm run build

step 'End-to-end tests (Chromium)'
PLAYWRIGHT_JSON_OUTPUT_FILE=reports/test-summary/e2e.json npm run test:e2e -- --reporter=list,json

step 'Summary'
node scripts/test-summary.js reports/test-summary/unit.json reports/test-summary/e2e.json
