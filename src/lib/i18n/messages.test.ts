import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The UI's messages: one JSON file per area and language (project.inlang/settings.json lists them).
const root = 'messages';
const languages = ['en', 'es'];
const files = (language: string) =>
	readdirSync(`${root}/${language}`)
		.filter((name) => name.endsWith('.json'))
		.sort();
const read = (language: string, file: string): Record<string, unknown> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(`${root}/${language}/${file}`, 'utf8')
	);
	return messages;
};

/** The {placeholders} a message uses, in every variant, so a translation cannot drop or rename one. */
function placeholders(message: unknown): string[] {
	const text = JSON.stringify(message);
	return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? ''))].sort();
}

function texts(message: unknown): string[] {
	if (typeof message === 'string') return [message];
	if (Array.isArray(message)) return message.flatMap(texts);
	if (message && typeof message === 'object' && 'match' in message)
		return Object.values((message as { match: Record<string, string> }).match);
	return [];
}

describe('UI messages', () => {
	it('every language has the same message files', () => {
		expect(files('es')).toEqual(files('en'));
		expect(files('en').length).toBeGreaterThan(0);
	});

	for (const file of files('en')) {
		it(`${file}: every message is in both languages, non-empty, with the same placeholders`, () => {
			const [english, spanish] = languages.map((language) => read(language, file));
			const problems: string[] = [];
			for (const key of Object.keys(english ?? {}))
				if (!(key in (spanish ?? {}))) problems.push(`es/${file}: "${key}" is missing`);
			for (const key of Object.keys(spanish ?? {}))
				if (!(key in (english ?? {}))) problems.push(`es/${file}: "${key}" is not in the English`);
			for (const [language, messages] of [
				['en', english],
				['es', spanish]
			] as const)
				for (const [key, message] of Object.entries(messages ?? {}))
					if (texts(message).length === 0 || texts(message).some((t) => t.trim() === ''))
						problems.push(`${language}/${file}: "${key}" is empty`);
			for (const [key, message] of Object.entries(english ?? {}))
				if (
					spanish &&
					key in spanish &&
					placeholders(message).join() !== placeholders(spanish[key]).join()
				)
					problems.push(
						`es/${file}: "${key}" uses {${placeholders(spanish[key]).join('}, {')}}, the English {${placeholders(message).join('}, {')}}`
					);
			expect(problems).toEqual([]);
		});
	}

	it('no message id is defined in two files (the compiled bundle would keep only one)', () => {
		const owners = new Map<string, string>();
		const twice: string[] = [];
		for (const file of files('en'))
			for (const key of Object.keys(read('en', file))) {
				const owner = owners.get(key);
				if (owner) twice.push(`"${key}" in ${owner} and ${file}`);
				owners.set(key, file);
			}
		expect(twice).toEqual([]);
	});
});
