/**
 * What the read-aloud button says for a question, read from the question as the page shows it (any type's
 * input: a fieldset with the stem as its legend), so no type is named here: the stem, then each choice or
 * item a label (or a tile's button) names in the list, then the choices of its menus, then any help the
 * input marks with data-read-aloud (a written question's sentence starters).
 */

import { m } from '$lib/i18n';

const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
const sentence = (text: string) => (/[.?!:…]$/.test(text) ? text : `${text}.`);

export function spokenQuestion(root: ParentNode): string {
	const question = root.querySelector('fieldset') ?? root;
	const stem = clean(question.querySelector('legend')?.textContent);
	const labels = [...question.querySelectorAll('li label, li button')]
		.map((label) => clean(label.getAttribute('aria-label') ?? label.textContent))
		.filter((text) => text !== '');
	// every menu of a question offers the same choices; the empty one is "Choose…"
	const menu = question.querySelector('select');
	const choices = menu
		? [...menu.options].filter((option) => option.value !== '').map((option) => clean(option.text))
		: [];
	const help = [...question.querySelectorAll('[data-read-aloud]')].map((element) =>
		[...element.querySelectorAll('p, li')]
			.map((part) => sentence(clean(part.textContent)))
			.join(' ')
	);
	return [
		stem && sentence(stem),
		...labels.map(sentence),
		choices.length > 0 ? m.question_read_aloud_choose_from({ choices: choices.join(', ') }) : '',
		...help
	]
		.filter((part) => part !== '')
		.join(' ');
}
