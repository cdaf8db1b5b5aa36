import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { foldEntry } from './nickname-filter';
import { parseNicknameLists, shippedListFiles, type ListFile } from './nickname-lists';
import {
	checkNickname,
	generatedNicknamePool,
	generateNickname,
	nicknameKey,
	spanishNickname
} from './nicknames';

/** One nickname a line from nickname-fixtures/, without comments; literal data, not the filter's lists. */
function fixture(name: string): string[] {
	const text = readFileSync(new URL(`./nickname-fixtures/${name}`, import.meta.url), 'utf8');
	return text
		.split('\n')
		.map((line) => line.replace(/(^|\s)#.*$/, '').trim())
		.filter(Boolean);
}

const wordMessage = 'That nickname is not allowed here. Choose another one.';
const aimedMessage =
	'A nickname cannot be about someone else or threaten anyone. Choose another one.';

/** The names whose outcome is not `expected`, with what they got, so one run lists every miss. */
function misses(names: string[], expected: string | 'ok') {
	return names.flatMap((name) => {
		const result = checkNickname(name);
		const got = result.ok ? 'ok' : result.message;
		return got === expected ? [] : [`${name} → ${got}`];
	});
}

describe('the nickname filter, on literal lists of names', () => {
	const words = fixture('refused-words.txt');
	const aimed = fixture('refused-aimed.txt');
	const ordinary = fixture('accepted.txt');

	it('has at least 200 hostile and 200 ordinary names to try', () => {
		expect(words.length + aimed.length).toBeGreaterThanOrEqual(200);
		expect(ordinary.length).toBeGreaterThanOrEqual(200);
	});

	it('refuses profanity, slurs, hate figures and symbols in every disguise', () => {
		expect(misses(words, wordMessage)).toEqual([]);
	});

	it('refuses bullying and violence aimed at a person, in English and Spanish', () => {
		expect(misses(aimed, aimedMessage)).toEqual([]);
	});

	it('accepts ordinary names, including those that hold a refused run of letters', () => {
		expect(misses(ordinary, 'ok')).toEqual([]);
	});

	it('never repeats the refused nickname in its message', () => {
		for (const name of [...words, ...aimed]) {
			const result = checkNickname(name);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.message.toLowerCase()).not.toContain(name.toLowerCase());
		}
	});
});

/** The shipped lists with one file's text replaced. */
function withFile(name: string, text: string): ListFile[] {
	return shippedListFiles().map((file) =>
		file.file.endsWith(`/${name}`) ? { ...file, text } : file
	);
}

const parse = (files: ListFile[]) => () => parseNicknameLists(files, foldEntry);
const dir = 'src/lib/server/live/nickname-lists';

describe('the nickname lists are data and fail loudly', () => {
	it('reads every shipped list', () => {
		const lists = parseNicknameLists(shippedListFiles(), foldEntry);
		expect(lists.blocked.length).toBeGreaterThan(400);
		expect(lists.generated.es.animals).toContainEqual({ word: 'Nutria', gender: 'f' });
	});

	it('names the file and line of a malformed entry', () => {
		expect(parse(withFile('hostile-en.txt', '# insults\n\nidiot\nf*ck\n'))).toThrow(
			`${dir}/hostile-en.txt:4: "f*ck": use letters, digits and single spaces, with | to mark a word's start or end or = for a whole nickname`
		);
		expect(parse(withFile('hostile-es.txt', '|puta\nmierda\n|PUTA  # again\n'))).toThrow(
			`${dir}/hostile-es.txt:3: "|PUTA" repeats line 1`
		);
		expect(parse(withFile('hate.txt', 'hitler\nh\n'))).toThrow(
			`${dir}/hate.txt:2: "h" is too short to match safely`
		);
		expect(parse(withFile('traits.txt', 'gay\n|fat|\n'))).toThrow(
			`${dir}/traits.txt:2: "|fat|": use letters, digits and single spaces only`
		);
		expect(parse(withFile('allowed.txt', 'cassandra\nhitler\n'))).toThrow(
			`${dir}/allowed.txt:2: "hitler" is also blocked at ${dir}/hate.txt:`
		);
	});

	it('names the file and line of a malformed pattern', () => {
		expect(parse(withFile('aimed.txt', 'kill {someone}\n{someone} is {insult}\n'))).toThrow(
			`${dir}/aimed.txt:2: unknown slot {insult}: use {someone} or {trait}`
		);
		expect(parse(withFile('aimed.txt', 'kill {someone}\n\n{someone} is a?\n'))).toThrow(
			`${dir}/aimed.txt:3: "{someone} is a?": the last word cannot be optional`
		);
		expect(parse(withFile('aimed.txt', 'kill ben\n'))).toThrow(
			`${dir}/aimed.txt:1: "kill ben" has no {someone} or {trait}: put plain phrases in a word list`
		);
		expect(parse(withFile('aimed.txt', 'kill/st*b {someone}\n'))).toThrow(
			`${dir}/aimed.txt:1: "kill/st*b": write words with letters and digits, / between alternatives`
		);
	});

	it('names the file and line of a malformed generated-name list', () => {
		expect(parse(withFile('animals-es.txt', 'Nutria f\nOso\n'))).toThrow(
			`${dir}/animals-es.txt:2: "Oso": expected 2 fields`
		);
		expect(parse(withFile('animals-es.txt', 'Nutria f\nOso x\n'))).toThrow(
			`${dir}/animals-es.txt:2: "Oso x": the gender is m or f, so adjectives agree with it`
		);
		expect(parse(withFile('adjectives-es.txt', 'Valiente\ncurioso curiosa\n'))).toThrow(
			`${dir}/adjectives-es.txt:2: "curioso": write one word with a capital first letter`
		);
		expect(parse(withFile('adjectives-en.txt', 'Brave\nVery Kind\n'))).toThrow(
			`${dir}/adjectives-en.txt:2: "Very Kind": expected 1 field`
		);
		expect(parse(withFile('animals-en.txt', '# none yet\n'))).toThrow(
			`${dir}/animals-en.txt:1: the list is empty`
		);
	});

	it('refuses a missing or an unknown list', () => {
		const files = shippedListFiles();
		expect(parse(files.filter((file) => !file.file.endsWith('/traits.txt')))).toThrow(
			`${dir}/traits.txt:1: the list is missing`
		);
		expect(parse([...files, { file: `${dir}/insults.txt`, text: 'x\n' }])).toThrow(
			`${dir}/insults.txt:1: unknown list`
		);
	});
});

/** A seeded generator (mulberry32), so a failing draw can be replayed. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('generated nicknames', () => {
	it('puts the Spanish adjective in the animal’s gender', () => {
		const curious = { masculine: 'Curioso', feminine: 'Curiosa' };
		expect(spanishNickname({ word: 'Nutria', gender: 'f' }, curious)).toBe('Nutria Curiosa');
		expect(spanishNickname({ word: 'Oso', gender: 'm' }, curious)).toBe('Oso Curioso');
		const brave = { masculine: 'Valiente', feminine: 'Valiente' };
		expect(spanishNickname({ word: 'Nutria', gender: 'f' }, brave)).toBe('Nutria Valiente');
	});

	it('offers thousands of pairs in each language, every one of them accepted by the filter', () => {
		for (const language of ['en', 'es'] as const) {
			const pool = generatedNicknamePool(language);
			expect(pool.length, language).toBeGreaterThan(2500);
			expect(misses([...pool], 'ok'), language).toEqual([]);
		}
		expect(generatedNicknamePool('en')).toContain('Brave Otter');
		expect(generatedNicknamePool('es')).toContain('Nutria Valiente');
	});

	it('agrees in gender in every Spanish pair (spot check with known animals and adjectives)', () => {
		const pool = generatedNicknamePool('es');
		for (const animal of ['Nutria', 'Mariposa', 'Tortuga', 'Jirafa', 'Abeja', 'Lechuza']) {
			for (const wrong of ['Curioso', 'Sabio', 'Tranquilo', 'Dorado', 'Juguetón', 'Listo']) {
				expect(pool).not.toContain(`${animal} ${wrong}`);
			}
			expect(pool).toContain(`${animal} Curiosa`);
		}
		for (const animal of ['Oso', 'Lobo', 'Búho', 'Ajolote', 'Colibrí', 'Jaguar']) {
			for (const wrong of ['Curiosa', 'Sabia', 'Tranquila', 'Dorada', 'Juguetona', 'Lista']) {
				expect(pool).not.toContain(`${animal} ${wrong}`);
			}
			expect(pool).toContain(`${animal} Curioso`);
		}
	});

	it('draws 5,000 names per language, each accepted and none colliding with a taken one', () => {
		for (const [language, seed] of [
			['en', 1],
			['es', 2]
		] as const) {
			// a class's own nicknames are taken too, as keys
			const taken = new Set(['Brave Otter', 'Nutria Valiente', 'Ana'].map(nicknameKey));
			const random = seeded(seed);
			const problems: string[] = [];
			for (let draw = 0; draw < 5000; draw++) {
				const name = generateNickname(language, taken, random);
				const checked = checkNickname(name);
				if (!checked.ok || checked.nickname !== name) problems.push(`${name}: refused`);
				if (taken.has(nicknameKey(name))) problems.push(`${name}: taken`);
				if (!/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+( [1-9][0-9]*)?$/u.test(name)) {
					problems.push(`${name}: not adjective + animal`);
				}
				taken.add(nicknameKey(name));
			}
			expect(problems, language).toEqual([]);
			expect(taken.has(nicknameKey('Brave Otter'))).toBe(true);
		}
	});

	it('adds a number once every pair is taken', () => {
		const taken = new Set(generatedNicknamePool('en').map(nicknameKey));
		const name = generateNickname('en', taken, seeded(3));
		expect(name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+ 2$/u);
		expect(checkNickname(name)).toMatchObject({ ok: true });
	});

	it('is deterministic for a given random source', () => {
		expect(generateNickname('en', new Set(), () => 0)).toBe('Brave Otter');
		expect(generateNickname('es', new Set(), () => 0)).toBe('Nutria Valiente');
	});
});
