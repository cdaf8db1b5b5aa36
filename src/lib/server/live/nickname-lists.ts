import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nickname filter's curated lists and the generated-name lists, read from the text files in
 * nickname-lists/. They are content: a malformed line throws with file:line when the server starts.
 */

export interface ListFile {
	file: string;
	text: string;
}

/** One line of a word list, with where it came from so mistakes can be reported at it. */
export interface WordEntry {
	/** the words as written, without markers */
	words: string;
	/** `|word…`: must start a word; `…word|`: must end one; `=word`: must be the whole nickname */
	start: boolean;
	end: boolean;
	whole: boolean;
	file: string;
	line: number;
}

/** One part of a person-aimed pattern: a literal (any of several words), or a slot. */
export type PatternPart =
	{ kind: 'words'; words: string[]; optional: boolean } | { kind: 'someone' } | { kind: 'trait' };

export interface PatternEntry {
	text: string;
	parts: PatternPart[];
	/** `spaced:` patterns are not also tried glued into one word ("fat {someone}" would refuse Fatima) */
	spacedOnly: boolean;
	file: string;
	line: number;
}

export type Gender = 'm' | 'f';
export interface SpanishAnimal {
	word: string;
	gender: Gender;
}
export interface SpanishAdjective {
	masculine: string;
	feminine: string;
}

export interface NicknameLists {
	/** refused anywhere they match: hostile words in English and Spanish, hate figures and symbols */
	blocked: WordEntry[];
	/** refused only when said of a person ("X is …", "X es …") */
	traits: WordEntry[];
	patterns: PatternEntry[];
	/** ordinary names and words that contain a blocked run (Cassandra, Dickens, Nazim) */
	allowed: WordEntry[];
	generated: {
		en: { adjectives: string[]; animals: string[] };
		es: { adjectives: SpanishAdjective[]; animals: SpanishAnimal[] };
	};
}

export class NicknameListError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly detail: string
	) {
		super(`${file}:${line}: ${detail}`);
	}
}

const folder = 'src/lib/server/live/nickname-lists';
const blockedFiles = ['hostile-en.txt', 'hostile-es.txt', 'hate.txt'];
const listFiles = [
	...blockedFiles,
	'traits.txt',
	'aimed.txt',
	'allowed.txt',
	'adjectives-en.txt',
	'animals-en.txt',
	'adjectives-es.txt',
	'animals-es.txt'
];

/** Lines that say something: `#` starts a comment, blank lines are skipped; numbers are 1-based. */
function lines(file: ListFile): { text: string; line: number }[] {
	return file.text.split('\n').flatMap((raw, index) => {
		const text = raw.replace(/(^|\s)#.*$/, '').trim();
		return text ? [{ text, line: index + 1 }] : [];
	});
}

const wordsShape = /^[\p{L}\p{N}]+( [\p{L}\p{N}]+)*$/u;
const nameShape = /^\p{Lu}\p{Ll}+$/u;

function wordEntries(
	file: ListFile,
	{ markers, fold }: { markers: boolean; fold: (words: string) => string }
): WordEntry[] {
	const seen = new Map<string, number>();
	return lines(file).map(({ text, line }) => {
		const fail = (detail: string) => new NicknameListError(file.file, line, detail);
		const whole = markers && text.startsWith('=');
		const start = markers && !whole && text.startsWith('|');
		const end = markers && !whole && text.endsWith('|') && text.length > 1;
		const words = text.slice(whole || start ? 1 : 0, end ? -1 : undefined);
		if (!wordsShape.test(words)) {
			throw fail(
				markers
					? `"${text}": use letters, digits and single spaces, with | to mark a word's start or end or = for a whole nickname`
					: `"${text}": use letters, digits and single spaces only`
			);
		}
		const folded = fold(words);
		if (folded.replace(/ /g, '').length < 2) throw fail(`"${text}" is too short to match safely`);
		const key = `${whole ? '=' : ''}${start ? '|' : ''}${folded}${end ? '|' : ''}`;
		const earlier = seen.get(key);
		if (earlier !== undefined) throw fail(`"${text}" repeats line ${earlier}`);
		seen.set(key, line);
		return { words, start, end, whole, file: file.file, line };
	});
}

/** `kill/stab {someone}`, `{someone} is/was a/an? {trait}`: words with `/` for alternatives, `?` for optional. */
function patternEntries(file: ListFile, fold: (words: string) => string): PatternEntry[] {
	return lines(file).map(({ text: written, line }) => {
		const fail = (detail: string) => new NicknameListError(file.file, line, detail);
		const spacedOnly = written.startsWith('spaced:');
		const text = spacedOnly ? written.slice('spaced:'.length).trim() : written;
		const parts = text.split(/\s+/).map((token): PatternPart => {
			if (token === '{someone}') return { kind: 'someone' };
			if (token === '{trait}') return { kind: 'trait' };
			if (token.startsWith('{')) {
				throw fail(`unknown slot ${token}: use {someone} or {trait}`);
			}
			const optional = token.endsWith('?');
			const words = (optional ? token.slice(0, -1) : token).split('/');
			if (words.some((word) => !/^[\p{L}\p{N}]+$/u.test(word))) {
				throw fail(`"${token}": write words with letters and digits, / between alternatives`);
			}
			if (words.some((word) => fold(word) === '')) throw fail(`"${token}" has an empty word`);
			return { kind: 'words', words, optional };
		});
		const last = parts.at(-1);
		if (last?.kind === 'words' && last.optional) {
			throw fail(`"${text}": the last word cannot be optional`);
		}
		if (!parts.some((part) => part.kind === 'words' && !part.optional)) {
			throw fail(`"${text}" needs at least one word that must be there`);
		}
		if (!parts.some((part) => part.kind !== 'words')) {
			throw fail(`"${text}" has no {someone} or {trait}: put plain phrases in a word list`);
		}
		return { text, parts, spacedOnly, file: file.file, line };
	});
}

/** Lines of one or two words (`fields` says how many may be there). */
function generatedWords(
	file: ListFile,
	fields: number[]
): { first: string; second: string | undefined; line: number }[] {
	const entries = lines(file).map(({ text, line }) => {
		const [first = '', second, ...rest] = text.split(/\s+/);
		const count = 1 + (second === undefined ? 0 : 1) + rest.length;
		if (!fields.includes(count)) {
			const plural = fields.length === 1 && fields[0] === 1 ? '' : 's';
			throw new NicknameListError(
				file.file,
				line,
				`"${text}": expected ${fields.join(' or ')} field${plural}`
			);
		}
		return { first, second, line };
	});
	if (entries.length === 0) throw new NicknameListError(file.file, 1, 'the list is empty');
	return entries;
}

/** One capitalised word, in NFC as checkNickname stores names, so a generated name is the one a player gets. */
function capitalized(file: ListFile, written: string, line: number): string {
	const word = written.normalize('NFC');
	if (!nameShape.test(word)) {
		throw new NicknameListError(
			file.file,
			line,
			`"${written}": write one word with a capital first letter`
		);
	}
	return word;
}

/**
 * Reads and checks every list; `fold` is the filter's own folding, so entries that only differ in case,
 * accents or leetspeak count as repeats. Throws NicknameListError (file:line) at the first problem.
 */
export function parseNicknameLists(
	files: ListFile[],
	fold: (words: string) => string
): NicknameLists {
	const byName = new Map(files.map((file) => [file.file.split('/').pop() ?? file.file, file]));
	for (const file of files) {
		const name = file.file.split('/').pop() ?? file.file;
		if (!listFiles.includes(name)) {
			throw new NicknameListError(file.file, 1, `unknown list: expected ${listFiles.join(', ')}`);
		}
	}
	const get = (name: string) => {
		const file = byName.get(name);
		if (!file) throw new NicknameListError(`${folder}/${name}`, 1, 'the list is missing');
		return file;
	};

	const blocked = blockedFiles.flatMap((name) => wordEntries(get(name), { markers: true, fold }));
	const traits = wordEntries(get('traits.txt'), { markers: false, fold });
	const allowed = wordEntries(get('allowed.txt'), { markers: false, fold });
	// an allowed word that is itself a blocked one would quietly switch the block off
	const blockedWords = new Map(blocked.map((entry) => [fold(entry.words), entry]));
	for (const entry of allowed) {
		const same = blockedWords.get(fold(entry.words));
		if (same) {
			throw new NicknameListError(
				entry.file,
				entry.line,
				`"${entry.words}" is also blocked at ${same.file}:${same.line}`
			);
		}
	}
	const patterns = patternEntries(get('aimed.txt'), fold);

	const oneWord = (name: string) => {
		const file = get(name);
		return generatedWords(file, [1]).map(({ first, line }) => capitalized(file, first, line));
	};
	const en = { adjectives: oneWord('adjectives-en.txt'), animals: oneWord('animals-en.txt') };
	const esAdjectives = get('adjectives-es.txt');
	const esAnimals = get('animals-es.txt');
	const es = {
		// "Valiente" is the same for both genders; "Curioso Curiosa" gives the masculine, then the feminine
		adjectives: generatedWords(esAdjectives, [1, 2]).map(({ first, second, line }) => ({
			masculine: capitalized(esAdjectives, first, line),
			feminine: capitalized(esAdjectives, second ?? first, line)
		})),
		animals: generatedWords(esAnimals, [2]).map(({ first, second, line }): SpanishAnimal => {
			if (second !== 'm' && second !== 'f') {
				throw new NicknameListError(
					esAnimals.file,
					line,
					`"${first} ${second}": the gender is m or f, so adjectives agree with it`
				);
			}
			return { word: capitalized(esAnimals, first, line), gender: second };
		})
	};
	return { blocked, traits, patterns, allowed, generated: { en, es } };
}

// Bundled into the server build as text, like the lessons; tsx scripts (bench/) have no Vite and read the disk.
export function shippedListFiles(): ListFile[] {
	const bundled: Record<string, string> = import.meta.env
		? import.meta.glob<string>('/src/lib/server/live/nickname-lists/*.txt', {
				query: '?raw',
				import: 'default',
				eager: true
			})
		: {};
	if (Object.keys(bundled).length > 0) {
		return Object.entries(bundled)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([path, text]) => ({ file: path.slice(1), text }));
	}
	const directory = join(dirname(fileURLToPath(import.meta.url)), 'nickname-lists');
	return readdirSync(directory)
		.filter((name) => name.endsWith('.txt'))
		.sort()
		.map((name) => ({
			file: `${folder}/${name}`,
			text: readFileSync(join(directory, name), 'utf8')
		}));
}
