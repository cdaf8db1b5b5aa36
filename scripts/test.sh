#!/usr/bin/env bash
# `npm test`: every check and every test suite, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n=== %s ===\n' "$1"; }

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
