import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Feedback from '../components/quiz/Feedback.svelte';
import { inputComponent } from './components';
import type { Reveal } from './feedback';
import { answerField } from './fields';
import { questionTypeModules } from './registry';

// Each type's input, mounted in a DOM (happy-dom) the way a page renders it inside its form: what a
// browser round trip would check, without one. The answers come from each type's own samples.

const mounted: Record<string, unknown>[] = [];
afterEach(() => {
	for (const component of mounted.splice(0)) unmount(component);
	document.body.replaceChildren();
});

function render<P extends Record<string, unknown>>(component: Component<P>, props: P) {
	const form = document.createElement('form');
	document.body.append(form);
	mounted.push(mount(component, { target: form, props }));
	flushSync();
	// browsers select an option whose `selected` attribute is added after it is inserted; happy-dom 21 does not
	for (const option of form.querySelectorAll('option[selected]')) {
		(option as HTMLOptionElement).selected = true;
	}
	return form;
}

const controlsOf = (form: HTMLFormElement) =>
	[...form.querySelectorAll<HTMLElement>('input, select, textarea')] as (
		HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
	)[];

const textOf = (ids: string) =>
	ids
		.split(/\s+/)
		.map((id) => document.getElementById(id)?.textContent ?? '')
		.join(' ')
		.trim();

/** The name assistive technology reads for a control: aria-labelledby, aria-label, or its label. */
function accessibleName(
	control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement
): string {
	const labelledBy = control.getAttribute('aria-labelledby');
	if (labelledBy) return textOf(labelledBy);
	const label = control.getAttribute('aria-label');
	if (label) return label.trim();
	const labels: HTMLElement[] = [...(control.labels ?? [])];
	const wrapping = control.closest('label');
	if (wrapping && !labels.includes(wrapping)) labels.push(wrapping);
	return labels
		.map((l) => l.textContent ?? '')
		.join(' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Sets the controls as a student would to send these fields: ticks, picks and types. */
function choose(form: HTMLFormElement, entries: [string, string][]) {
	for (const [name, value] of entries) {
		const controls = controlsOf(form).filter((control) => control.name === name);
		const control =
			controls.find(
				(c) => c instanceof HTMLInputElement && /radio|checkbox/.test(c.type) && c.value === value
			) ?? controls[0];
		if (!control) throw new Error(`no control named ${name}`);
		if (control instanceof HTMLInputElement && /radio|checkbox/.test(control.type)) {
			control.checked = true;
		} else control.value = value;
	}
}

const sorted = (entries: [string, string][]) =>
	entries.map(([name, value]) => `${name}=${value}`).sort();
const sent = (form: HTMLFormElement) =>
	sorted([...new FormData(form)].map(([name, value]) => [name, String(value)]));

const cases = questionTypeModules().flatMap((module) =>
	module.samples.map((question) => ({
		module,
		question,
		publicQuestion: module.toPublic(question)
	}))
);

describe.each(cases.map((c) => [c.module.id, c] as const))('the %s input', (_id, c) => {
	const { module, question, publicQuestion } = c;
	const Input = inputComponent(module.id);
	const { right, wrong } = module.demoAnswers(question);

	it('shows the prompt as the group name, and names every control for the form and for a screen reader', () => {
		// Act
		const form = render(Input, { question: publicQuestion });
		const controls = controlsOf(form);

		// Assert
		expect(form.querySelector('fieldset legend')?.textContent).toBe(question.prompt);
		expect(controls.length).toBeGreaterThan(0);
		for (const control of controls) {
			const ours =
				control.name === answerField(question.id) ||
				control.name.startsWith(answerField(question.id, ''));
			expect(ours, control.outerHTML).toBe(true);
			expect(accessibleName(control), control.outerHTML).not.toBe('');
		}
	});

	it('sends nothing the server reads as an answer until the student chooses', () => {
		// Act
		const form = render(Input, { question: publicQuestion });
		const validation = module.validate(new FormData(form), publicQuestion);

		// Assert
		expect(validation).toMatchObject({ ok: false, reason: 'unanswered' });
	});

	it('sends the fields the server parses back into the answer the student chose', () => {
		// Arrange
		const form = render(Input, { question: publicQuestion });
		const entries = module.formEntries(right, publicQuestion);

		// Act
		choose(form, entries);
		const validation = module.validate(new FormData(form), publicQuestion);

		// Assert
		expect(sent(form)).toEqual(sorted(entries));
		expect(validation).toEqual({ ok: true, answer: right });
	});

	it('shows a submitted answer again, so posting the page unchanged sends the same answer', () => {
		// Act
		const forms = [right, wrong].map((value) => render(Input, { question: publicQuestion, value }));
		const answers = forms.map((form) => module.validate(new FormData(form), publicQuestion));

		// Assert
		expect(answers).toEqual([
			{ ok: true, answer: right },
			{ ok: true, answer: wrong }
		]);
	});

	it('locks every control once disabled', () => {
		// Act
		const form = render(Input, { question: publicQuestion, disabled: true });

		// Assert
		expect(form.querySelector('fieldset')?.disabled).toBe(true);
	});
});

function revealOf(score: Reveal['score'], extra: Partial<Reveal> = {}): Reveal {
	return {
		questionId: 'q',
		score,
		explanation: 'Because the article says so.',
		evidence: [],
		...extra
	};
}

const heading = (form: HTMLFormElement) =>
	form.querySelector('.feedback-verdict')?.textContent?.replace(/\s+/g, ' ').trim();

const autoScored = cases.filter((c) => !c.module.gradedByTeacher);
const teacherGraded = cases.filter((c) => c.module.gradedByTeacher);

describe.each(autoScored.map((c) => [c.module.id, c] as const))(
	'feedback on a %s answer',
	(_id, c) => {
		const { module, question } = c;
		const { right, wrong } = module.demoAnswers(question);

		it('says a right answer is right, without repeating it', () => {
			// Act
			const form = render(Feedback, { reveal: revealOf(module.score(right, question)) });

			// Assert
			expect(heading(form)).toBe('✓ Correct');
			expect(form.textContent).not.toContain('Right answer:');
			expect(form.textContent).toContain('Why: Because the article says so.');
		});

		it('shows the right answer and the misconception after a wrong one', () => {
			// Arrange
			const score = module.score(wrong, question);

			// Act
			const form = render(Feedback, { reveal: revealOf(score) });

			// Assert
			expect(score.status === 'scored' && !score.correct).toBe(true);
			expect(heading(form)).toMatch(/^(✗ Not quite|◐ Partly right)$/);
			expect(form.textContent).toContain(`Right answer: ${module.answerKeyText(question)}`);
			for (const line of score.status === 'scored' ? score.feedback : []) {
				expect(form.textContent).toContain(line);
			}
		});
	}
);

describe.each(teacherGraded.map((c) => [c.module.id, c] as const))(
	'feedback on a %s answer',
	(_id, c) => {
		const { module, question } = c;
		const { right } = module.demoAnswers(question);
		const rubric = module.rubric(question) ?? [];

		it('says a teacher will score it, with the model answer and the rubric', () => {
			// Act
			const form = render(Feedback, { reveal: revealOf(module.score(right, question)) });
			const rows = [...form.querySelectorAll('table.rubric tbody th')].map((th) => th.textContent);

			// Assert
			expect(heading(form)).toBe('… Submitted: your teacher will score this');
			expect(form.textContent).toContain(module.answerKeyText(question));
			expect(rows).toEqual([...rubric].reverse().map((l) => `${l.level}: ${l.label}`));
		});

		it("shows the teacher's level and comment once they have scored it", () => {
			// Arrange
			const teacherGrade = {
				level: 2,
				label: rubric[2]?.label ?? '',
				comment: 'Cite a second paragraph.',
				scored: { iso: '2025-03-04T12:00:00.000Z', text: 'Mar 4, 2025' },
				earned: 2 / 3,
				possible: 1
			};

			// Act
			const form = render(Feedback, {
				reveal: revealOf(module.score(right, question), { teacherGrade })
			});

			// Assert
			expect(heading(form)).toBe(
				`◐ Your teacher's score: Level 2 – ${teacherGrade.label} (0.67 of 1 point)`
			);
			expect(form.querySelector('.teacher-comment-text')?.textContent).toBe(
				'Cite a second paragraph.'
			);
			// the date is the server's text, whatever zone this browser is in
			const scored = form.querySelector('time');
			expect([scored?.getAttribute('datetime'), scored?.textContent]).toEqual([
				'2025-03-04T12:00:00.000Z',
				'Mar 4, 2025'
			]);
		});
	}
);
