// Adds up Vitest's and Playwright's JSON reports into one closing "N passed, N failed" line.
import { readFileSync } from 'node:fs';

const [unitFile, e2eFile] = process.argv.slice(2);
const unit = JSON.parse(readFileSync(unitFile, 'utf8'));
const e2e = JSON.parse(readFileSync(e2eFile, 'utf8'));

const counts = {
	'unit and integration': {
		passed: unit.numPassedTests,
		failed: unit.numFailedTests,
		skipped: unit.numPendingTests + unit.numTodoTests
	},
	'end-to-end': {
		passed: e2e.stats.expected + e2e.stats.flaky,
		failed: e2e.stats.unexpected,
		skipped: e2e.stats.skipped
	}
};
for (const [suite, c] of Object.entries(counts)) {
	console.log(`${suite}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
const total = Object.values(counts).reduce(
	(sum, c) => ({
		passed: sum.passed + c.passed,
		failed: sum.failed + c.failed,
		skipped: sum.skipped + c.skipped
	}),
	{ passed: 0, failed: 0, skipped: 0 }
);
console.log(`Summary: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
