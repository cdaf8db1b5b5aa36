import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { spokenQuestion } from '../read-aloud';
import PlayerTiles from './PlayerTiles.svelte';

// The phone's answer tiles: one submit button per choice (one tap answers, with or without JavaScript),
// named by letter and text, in a group the prompt names, and read aloud like any other question.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
});

function tiles(props: Partial<Parameters<typeof PlayerTiles>[1]> = {}) {
	const holder = document.createElement('div');
	document.body.append(holder);
	mounted.push(
		mount(PlayerTiles, {
			target: holder,
			props: {
				prompt: 'Is a sale aid?',
				tiles: [
					{ id: 'true', text: 'True' },
					{ id: 'false', text: 'False' }
				],
				name: 'q-sale',
				...props
			}
		})
	);
	flushSync();
	return holder;
}

describe('PlayerTiles', () => {
	it('makes each choice a submit button carrying the answer field and the choice', () => {
		const buttons = [...tiles().querySelectorAll('button')];
		expect(buttons.map((b) => [b.type, b.name, b.value, b.getAttribute('aria-label')])).toEqual([
			['submit', 'q-sale', 'true', 'A: True'],
			['submit', 'q-sale', 'false', 'B: False']
		]);
	});

	it('puts the tiles in a group whose legend is the prompt', () => {
		const group = tiles();
		expect(group.querySelector('fieldset legend')?.textContent).toBe('Is a sale aid?');
		expect(group.querySelectorAll('fieldset li button')).toHaveLength(2);
	});

	it('is read aloud as the prompt and each tile by letter and text', () => {
		expect(spokenQuestion(tiles())).toBe('Is a sale aid? A: True. B: False.');
	});

	it('marks the tile waiting to be sent, and disables every tile when answering is closed', () => {
		const waiting = tiles({ waiting: 'false' });
		expect(
			[...waiting.querySelectorAll('button')].map((b) => b.classList.contains('tile-chosen'))
		).toEqual([false, true]);
		document.body.replaceChildren();
		expect(tiles({ disabled: true }).querySelector('fieldset')?.disabled).toBe(true);
	});

	it('hands a tap to the page before the form is sent', () => {
		const taps: string[] = [];
		const group = tiles({
			onTap: (event, choice, index) => {
				event.preventDefault();
				taps.push(`${index}:${choice.id}`);
			}
		});
		group
			.querySelectorAll('button')[1]!
			.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
		expect(taps).toEqual(['1:false']);
	});
});
