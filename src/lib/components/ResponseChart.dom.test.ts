import { mount, unmount, flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { m } from '$lib/i18n';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { correctClass, incorrectClass, partialClass } from '$lib/quiz/score-classes';
import ResponseChart from './ResponseChart.svelte';

// A live report's chart names who answered ("Players") and its score bars in the reader's language; the
// "Correct" bar is not marked "✓ correct" again in either language.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
	overwriteGetLocale(() => baseLocale);
});

function show() {
	const holder = document.createElement('div');
	document.body.append(holder);
	const options = [correctClass, partialClass, incorrectClass].map((bar, i) => ({
		...bar,
		count: i + 1
	}));
	mounted.push(
		mount(ResponseChart, {
			target: holder,
			// as the live report passes it
			props: { options, answers: 6, title: 'Q1', who: m.live_players_label() }
		})
	);
	flushSync();
	return holder;
}

describe('a live report’s chart in the reader’s language', () => {
	it('says Players and Correct in English', () => {
		const chart = show();
		const headers = [...chart.querySelectorAll('th[scope="col"]')].map((th) => th.textContent);
		expect(headers).toContain('Players');
		expect(chart.textContent).toContain('Partly correct');
		expect(chart.textContent).not.toContain('Correct — ✓');
	});

	it('says Participantes and Correcta in Spanish', () => {
		overwriteGetLocale(() => 'es');
		const chart = show();
		const headers = [...chart.querySelectorAll('th[scope="col"]')].map((th) => th.textContent);
		expect(headers).toContain('Participantes');
		expect(chart.textContent).toContain('Parcialmente correcta');
		expect(chart.textContent).not.toContain('Players');
		expect(chart.textContent).not.toMatch(/Correcta — ✓/);
	});
});
