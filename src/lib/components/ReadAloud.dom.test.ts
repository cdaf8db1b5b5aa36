import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inputComponent } from '../quiz/components';
import { questionTypeModules, toPublicQuestion } from '../quiz/registry';
import { spokenQuestion } from './read-aloud';
import ReadAloud from './ReadAloud.svelte';

// Issue #16's read-aloud: the button reads the question's stem and choices with the browser's own speech
// synthesis (stubbed here), only where the browser has it, and stops on a second press.

class Utterance {
	lang = '';
	onend: (() => void) | null = null;
	onerror: (() => void) | null = null;
	constructor(public text: string) {}
}

const speech = { speak: vi.fn(), cancel: vi.fn() };
const mounted: Record<string, unknown>[] = [];

beforeEach(() => {
	speech.speak.mockReset();
	speech.cancel.mockReset();
	vi.stubGlobal('speechSynthesis', speech);
	vi.stubGlobal('SpeechSynthesisUtterance', Utterance);
});

afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
	vi.unstubAllGlobals();
});

const samples = questionTypeModules().map((module) => module.samples[0]!);

/** A type's sample (by its id), rendered by its own input: what a student sees, and what is read to them. */
function questionElement(sampleId: string): HTMLElement {
	const sample = samples.find((q) => q.id === sampleId)!;
	const question = toPublicQuestion(sample);
	const holder = document.createElement('div');
	document.body.append(holder);
	mounted.push(mount(inputComponent(question.type), { target: holder, props: { question } }));
	flushSync();
	return holder;
}

/** The spoken text of every type's sample, by the sample's id (no type named outside its folder). */
const expectedSpeech: Record<string, string> = {
	'q-outlet':
		'Who published the article? The Wall Street Journal. Truthout. The US Marshals Service.',
	'q-cited':
		'Which sources does the article cite? The Wall Street Journal. The US Marshals Service. The New York Times. Reuters.',
	'q-extradition': 'The article says every extradition request was granted. True. False.',
	'q-extradited': 'How many people did Mexico send to the US in February 2025?',
	'q-timeline':
		// in the order the page shows the items, not the answer's
		'Put the events in the order they happened. Position of Mexico asks for him back. Position of The arrest in Los Angeles. Position of The charges are filed. Choose from: 1, 2, 3.',
	'q-claims':
		'Sort each statement from the article. He was arrested on 12 May. Officials said he ran the network. Choose from: Reported fact, Attributed claim.',
	'q-essay': 'How does the article support its main claim?'
};

describe('spokenQuestion', () => {
	it('reads the stem and the choices of every type’s input', () => {
		const spoken = Object.fromEntries(
			samples.map((sample) => [sample.id, spokenQuestion(questionElement(sample.id))])
		);
		expect(spoken).toEqual(expectedSpeech);
	});
});

describe('ReadAloud', () => {
	function render(of: HTMLElement | undefined) {
		const target = document.createElement('div');
		document.body.append(target);
		mounted.push(mount(ReadAloud, { target, props: { of } }));
		flushSync();
		return target;
	}

	it('speaks the question in the page’s language when pressed, and stops when pressed again', () => {
		document.documentElement.lang = 'en';
		const question = questionElement('q-outlet');
		const target = render(question);
		const button = target.querySelector('button')!;
		expect(button.textContent?.trim()).toBe('Read aloud');

		button.click();
		flushSync();

		expect(speech.speak).toHaveBeenCalledTimes(1);
		const utterance = speech.speak.mock.calls[0]![0] as Utterance;
		expect(utterance.text).toBe(
			'Who published the article? The Wall Street Journal. Truthout. The US Marshals Service.'
		);
		expect(utterance.lang).toBe('en');
		expect(button.textContent?.trim()).toBe('Stop reading');

		button.click();
		flushSync();
		expect(speech.cancel).toHaveBeenCalledTimes(2);
		expect(button.textContent?.trim()).toBe('Read aloud');
	});

	it('offers to read again once the speech has finished', () => {
		const target = render(questionElement('q-extradition'));
		const button = target.querySelector('button')!;
		button.click();
		flushSync();
		const utterance = speech.speak.mock.calls[0]![0] as Utterance;

		utterance.onend?.();
		flushSync();

		expect(button.textContent?.trim()).toBe('Read aloud');
	});

	it('shows no button in a browser without speech synthesis', () => {
		vi.unstubAllGlobals();
		const had = 'speechSynthesis' in window;
		const target = render(questionElement('q-extradition'));

		expect(had).toBe(false);
		expect(target.querySelector('button')).toBeNull();
	});
});
