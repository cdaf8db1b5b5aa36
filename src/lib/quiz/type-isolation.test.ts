import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { questionTypeIds } from './registry';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const quizDir = join(root, 'src', 'lib', 'quiz');
const sourceExtensions = /\.(ts|js|svelte)$/;

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return filesUnder(path);
		return sourceExtensions.test(name) ? [path] : [];
	});
}

/** The type ids a source text names as a string literal, in any quote style. */
function namedTypeIds(text: string): string[] {
	return questionTypeIds.filter((id) => {
		const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		// HTML's inputmode="numeric" is the keyboard a field asks for, and Intl's day: 'numeric' a date's
		// format (src/lib/dates.ts), not question types
		return new RegExp(`(?<!inputmode=|(?:year|day|hour): )(['"\`])${escaped}\\1`).test(text);
	});
}

/** Only a type's own folder and the registry may name it. */
function mayNameTypes(path: string): boolean {
	const inQuiz = relative(quizDir, path).split(sep);
	if (inQuiz.length === 1) return inQuiz[0] === 'registry.ts';
	return inQuiz[0] !== '..' && (questionTypeIds as string[]).includes(inQuiz[0] ?? '');
}

describe('a question type is one module', () => {
	it('finds a type id in single, double and backtick quotes, and not inside other words', () => {
		// Arrange
		const [id] = questionTypeIds;

		// Act
		const found = [`'${id}'`, `"${id}"`, `\`${id}\``, `'${id}s'`, `${id}`].map(namedTypeIds);
		const keyboard = namedTypeIds('<input inputmode="numeric" />');
		const dateFormat = namedTypeIds(`{ day: 'numeric', hour: 'numeric' }`);

		// Assert
		expect(found).toEqual([[id], [id], [id], [], []]);
		expect(keyboard).toEqual([]);
		expect(dateFormat).toEqual([]);
	});

	it('names no type id anywhere in src/ or scripts/ outside its folder and the registry', () => {
		// Arrange
		const files = [...filesUnder(join(root, 'src')), ...filesUnder(join(root, 'scripts'))];

		// Act
		const offenders = files
			.filter((path) => !mayNameTypes(path))
			.flatMap((path) => {
				const ids = namedTypeIds(readFileSync(path, 'utf8'));
				return ids.length > 0 ? [`${relative(root, path)}: ${ids.join(', ')}`] : [];
			});

		// Assert
		expect(files.length).toBeGreaterThan(100);
		expect(offenders).toEqual([]);
	});

	it('has a folder for every type, named by its id, with its index.ts and Input.svelte', () => {
		// Arrange
		const folders = readdirSync(quizDir).filter((name) =>
			statSync(join(quizDir, name)).isDirectory()
		);

		// Act
		const missing = questionTypeIds.flatMap((id) =>
			['index.ts', 'Input.svelte']
				.filter((file) => !existsSync(join(quizDir, id, file)))
				.map((file) => `${id}/${file}`)
		);

		// Assert
		expect(folders.sort()).toEqual([...questionTypeIds].sort());
		expect(missing).toEqual([]);
	});
});
