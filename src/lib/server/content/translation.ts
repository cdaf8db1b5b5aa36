import { ContentError } from './source';
import { readYaml, type YamlFile } from './yaml-file';

/**
 * The texts of a piece of content a reader sees, keyed so a translation can mirror them: fields named
 * here, lists of items with ids as maps by id, other lists by position. Ids, keys, numbers, evidence
 * and scoring stay out, so a translation can never change what is right.
 */
export const textFields = new Set([
	'prompt',
	'explanation',
	'text',
	'feedback',
	'label',
	'description',
	'modelAnswer',
	'unit',
	'term',
	'definition',
	'title'
]);

export type TextTree = string | string[] | TextTree[] | { [key: string]: TextTree };

export function textSkeleton(value: unknown): TextTree | null {
	if (Array.isArray(value)) {
		if (
			value.length > 0 &&
			value.every((item) => typeof item === 'object' && item && 'id' in item)
		) {
			const byId = Object.fromEntries(
				value.flatMap((item: { id: unknown }) => {
					const texts = textSkeleton(item);
					return texts === null ? [] : [[String(item.id), texts]];
				})
			);
			return Object.keys(byId).length > 0 ? byId : null;
		}
		const items = value.map(textSkeleton);
		return items.some((item) => item !== null) ? items.map((item) => item ?? {}) : null;
	}
	if (typeof value !== 'object' || value === null) return null;
	const texts: Record<string, TextTree> = {};
	for (const [key, field] of Object.entries(value)) {
		if (key === 'evidence') continue;
		if (typeof field === 'string') {
			if (textFields.has(key)) texts[key] = field;
		} else if (key === 'frames' && Array.isArray(field)) {
			texts[key] = field.map(String);
		} else {
			const nested = textSkeleton(field);
			if (nested !== null) texts[key] = nested;
		}
	}
	return Object.keys(texts).length > 0 ? texts : null;
}

/** Where a translation's keys differ from the English texts', each at its line: missing, extra or empty. */
export function translationGaps(english: TextTree, translated: YamlFile): ContentError[] {
	const errors: ContentError[] = [];
	const walk = (expected: TextTree, actual: unknown, path: (string | number)[]) => {
		const at = (message: string) =>
			errors.push(new ContentError(translated.file, translated.lineOf(path), message));
		const name = path.join('.') || 'the file';
		if (typeof expected === 'string') {
			if (typeof actual !== 'string' || actual.trim() === '') at(`${name}: no Spanish text`);
			return;
		}
		if (typeof actual !== 'object' || actual === null) {
			at(`${name}: missing`);
			return;
		}
		if (Array.isArray(expected)) {
			if (!Array.isArray(actual) || actual.length !== expected.length) {
				at(`${name}: expected a list of ${expected.length}`);
				return;
			}
			expected.forEach((item, index) => walk(item, actual[index], [...path, index]));
			return;
		}
		const actualKeys = Object.keys(actual);
		for (const key of actualKeys.filter((key) => !(key in expected)))
			errors.push(
				new ContentError(
					translated.file,
					translated.lineOf([...path, key]),
					`${[...path, key].join('.')}: not in the English (a renamed or removed id?)`
				)
			);
		for (const [key, item] of Object.entries(expected)) {
			if (!actualKeys.includes(key)) at(`${[...path, key].join('.')}: missing`);
			else walk(item, (actual as Record<string, unknown>)[key], [...path, key]);
		}
	};
	walk(english, translated.data, []);
	return errors;
}

/** A translated YAML file checked against the English texts; a YAML error is reported, not thrown. */
export function checkTranslatedYaml(english: TextTree, file: string, text: string): ContentError[] {
	try {
		return translationGaps(english, readYaml(text, file));
	} catch (error) {
		if (error instanceof ContentError) return [error];
		throw error;
	}
}

const componentPattern = /<(Check|Excerpt|Document|OtherSources|Term|Extension)\b([^>]*)>/g;

/** What a translated lesson must keep from the English: its h2 count and every component in order, with its line. */
export function lessonOutline(markdown: string): {
	sections: number;
	components: { name: string; line: number }[];
} {
	const lineAt = (offset: number) => markdown.slice(0, offset).split('\n').length;
	return {
		sections: markdown.split('\n').filter((line) => /^## /.test(line)).length,
		components: [...markdown.matchAll(componentPattern)].map((match) => {
			const [, name, attributes = ''] = match;
			const id = /\b(?:id|facts)=["']([^"']+)["']/.exec(attributes)?.[1];
			return { name: id ? `<${name} ${id}>` : `<${name}>`, line: lineAt(match.index) };
		})
	};
}

/** Where a translated lesson's outline leaves the English one: the first difference, at its line. */
export function lessonOutlineGaps(
	english: string,
	file: string,
	translated: string
): ContentError[] {
	const want = lessonOutline(english);
	const got = lessonOutline(translated);
	const errors: ContentError[] = [];
	if (want.sections !== got.sections)
		errors.push(
			new ContentError(file, 1, `has ${got.sections} ## sections, the English ${want.sections}`)
		);
	const at = want.components.findIndex(
		(component, i) => got.components[i]?.name !== component.name
	);
	const first =
		at >= 0 ? at : got.components.length > want.components.length ? want.components.length : -1;
	if (first >= 0) {
		const found = got.components[first];
		errors.push(
			new ContentError(
				file,
				found?.line ?? translated.split('\n').length,
				`expected ${want.components[first]?.name ?? 'no more components'} here, as in the English, found ${found?.name ?? 'none'}`
			)
		);
	}
	return errors;
}
