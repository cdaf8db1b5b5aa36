/**
 * Whether a question's inputs on the page hold an answer, for the quiz's "n of 13 answered" bar: a choice
 * ticked, every position or category chosen, or something typed. The server still decides what is valid.
 */
export function inputsHoldAnswer(fields: Iterable<Element>): boolean {
	let choices = 0;
	let ticked = 0;
	let selects = 0;
	let chosen = 0;
	let typed = 0;
	for (const field of fields) {
		if (field instanceof HTMLInputElement) {
			if (field.type === 'hidden' || field.type === 'submit' || field.type === 'button') continue;
			if (field.type === 'radio' || field.type === 'checkbox') {
				choices += 1;
				if (field.checked) ticked += 1;
			} else if (field.value.trim() !== '') typed += 1;
		} else if (field instanceof HTMLSelectElement) {
			selects += 1;
			if (field.value !== '') chosen += 1;
		} else if (field instanceof HTMLTextAreaElement && field.value.trim() !== '') typed += 1;
	}
	if (selects > 0) return chosen === selects;
	if (choices > 0) return ticked > 0;
	return typed > 0;
}
