#!/usr/bin/env bash
# `npm test`: every check and every test suite, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# each step's name and start (microseconds), so the run ends with how long each one took
step_names=()
step_starts=()
# per step, the lines its side-by-side parts add to the table
step_parts=()
step() {
	printf '\n=== %s ===\n' "$1"
	step_names+=("$1")
	step_starts+=("${EPOCHREALTIME/./}")
	step_parts+=('')
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
		printf '%b' "${step_parts[i]}"
	done
	if ((last >= 0)); then printf '%-52s %8s\n' 'Total' "$(seconds $((end - step_starts[0])))"; fi
	exit "$status"
}
seconds() { printf '%d.%d' $(($1 / 1000000)) $(($1 / 100000 % 10)); }
trap step_times EXIT

# Runs commands side by side (name, command, name, command …) to use both cores: the first one's output
# shows as it comes, each other's whole once all have ended. Fails if any failed; each one's time and
# status go in the table under the step.
side_by_side() {
	local dir names=() pids=() i took code failed=0
	dir=$(mktemp -d)
	while (($# > 0)); do
		i=${#names[@]}
		names+=("$1")
		(
			start=${EPOCHREALTIME/./}
			code=0
			if ((i == 0)); then bash -c "$2" || code=$?; else bash -c "$2" >"$dir/$i.log" 2>&1 || code=$?; fi
			echo "$((${EPOCHREALTIME/./} - start)) $code" >"$dir/$i.end"
			exit "$code"
		) &
		pids+=($!)
		shift 2
	done
	for i in "${!pids[@]}"; do wait "${pids[i]}" || failed=1; done
	for i in "${!names[@]}"; do
		if ((i > 0)); then
			printf '\n--- %s ---\n' "${names[i]}"
			cat "$dir/$i.log"
		fi
		read -r took code <"$dir/$i.end"
		if ((code != 0)); then code='  (failed)'; else code=''; fi
		step_parts[-1]+=$(printf '  %-50s %8s%s' "${names[i]}" "$(seconds "$took")" "$code")'\n'
	done
	rm -rf "$dir"
	return "$failed"
}

step 'Chromium for end-to-end tests'
bash scripts/ensure-chromium.sh

step 'Lesson content (sources, question banks, module)'
npm run check:content

# what `npm run check` generates first, so the type check and lint below only read
step 'Generated messages and SvelteKit types'
npm run i18n:compile
npx svelte-kit sync

# `npm run check` and `npm run lint`, their three parts at once
step 'Type check and lint (svelte-check, prettier, eslint)'
side_by_side \
	'Type check (svelte-check)' 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings' \
	'Lint: format (prettier)' 'npx prettier --check .' \
	'Lint: code (eslint)' 'npx eslint .'

mkdir -p reports/test-summary
step 'Unit and integration tests (SQLite and PostgreSQL)'
npm run test:unit -- --reporter=verbose --reporter=json --outputFile.json=reports/test-summary/unit.json

# not beside Vitest: its SvelteKit plugin rewrites .svelte-kit while the build reads it, and a build made
# that way crashed every page's hydration
step 'Production build'
npm run build

step 'End-to-end tests (Chromium)'
PLAYWRIGHT_JSON_OUTPUT_FILE=reports/test-summary/e2e.json npm run test:e2e -- --reporter=list,json

step 'Summary'
node scripts/test-summary.js reports/test-summary/unit.json reports/test-summary/e2e.json
