import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { spokenQuestion } from '../../components/read-aloud';
import Input from './Input.svelte';
import { toPublic } from './public';
import { sample } from './sample';

// Issue #19's sentence frames: a written question's starters show with its prompt, as a list a student can copy.

const mounted: Record<string, unknown>[] = [];

afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
});

function render(frames?: string[]) {
	const target = document.createElement('div');
	document.body.append(target);
	const question = toPublic({ ...sample, frames });
	mounted.push(mount(Input, { target, props: { question } }));
	flushSync();
	return target;
}

describe('the written input', () => {
	it('lists the sentence starters under the prompt, each on its own line', () => {
		// Arrange
		const frames = ['One piece of evidence that supports the claim is …', 'This matters because …'];

		// Act
		const view = render(frames);

		// Assert
		const list = view.querySelector('ul[aria-labelledby]');
		const title = document.getElementById(list?.getAttribute('aria-labelledby') ?? '');
		expect(title?.textContent).toBe('Sentence starters');
		expect([...(list?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual(frames);
	});

	it('has read-aloud say the starters after the prompt', () => {
		const view = render(['One piece of evidence is …']);
		expect(spokenQuestion(view)).toBe(
			'How does the article support its main claim? Sentence starters. One piece of evidence is …'
		);
	});

	it('shows no starters box for a question without frames', () => {
		const view = render();
		expect(view.textContent).not.toContain('Sentence starters');
		expect(view.querySelector('textarea')).not.toBeNull();
	});
});
