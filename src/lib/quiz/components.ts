import type { Component } from 'svelte';
import type { QuestionItem } from './item';

/** What every type's Input.svelte takes: its public question, the submitted answer, and whether it is locked. */
export type QuestionInputProps<I extends QuestionItem = QuestionItem> = {
	question: I['question'];
	/** what the student submitted, to show it again after a reload or a no-JavaScript post */
	value?: I['value'];
	disabled?: boolean;
};

// Found by the folder's name rather than through the registry, so pages get the inputs without zod
// and every type's scoring code; Node scripts that load the registry never meet a .svelte file.
const inputs = import.meta.glob<Component<QuestionInputProps>>('./*/Input.svelte', {
	eager: true,
	import: 'default'
});

/** The student's input for a question type: src/lib/quiz/<type>/Input.svelte. */
export function inputComponent(type: QuestionItem['type']): Component<QuestionInputProps> {
	const input = inputs[`./${type}/Input.svelte`];
	if (!input) throw new Error(`src/lib/quiz/${type}/Input.svelte is missing`);
	return input;
}
