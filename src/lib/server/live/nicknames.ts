import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import { m } from '$lib/paraglide/messages';
import unhomoglyph from 'unhomoglyph';
import type { NicknameLanguage } from '../db/enums';
import { compileFilter, foldEntry, plainLetters } from './nickname-filter';
import {
	parseNicknameLists,
	shippedListFiles,
	type NicknameLists,
	type SpanishAdjective,
	type SpanishAnimal
} from './nickname-lists';

export const nicknameMinLength = 2;
export const nicknameMaxLength = 20;

export type NicknameCheck =
	{ ok: true; nickname: string; key: string } | { ok: false; message: string };

// the curated lists are read and checked when the server starts: a malformed line throws with file:line
const lists: NicknameLists = parseNicknameLists(shippedListFiles(), foldEntry);

const built = englishDataset.build();
// obscenity is well kept for English profanity; our allowed names (Cumming, Fukuda, Bích) count for it too
const obscenity = new RegExpMatcher({
	...built,
	whitelistedTerms: [
		...(built.whitelistedTerms ?? []),
		...lists.allowed.map((entry) => plainLetters(entry.words))
	],
	...englishRecommendedTransformers
});

const filter = compileFilter(lists, (plain) => obscenity.hasMatch(plain));

/** How many entries each list holds, for the startup log. */
export function nicknameListSizes() {
	return {
		blocked: lists.blocked.length,
		traits: lists.traits.length,
		patterns: lists.patterns.length,
		allowed: lists.allowed.length
	};
}

/** Characters nobody sees: controls, zero-width and direction marks and overrides, and other format characters. */
const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
const allowed = /^[\p{L}\p{M}\p{N} .\-_']+$/u;

/** Unicode TR39's skeleton: what a string looks like, so "Mаra" (a Cyrillic а) and "Mara" have the same one. */
const skeleton = (text: string) => unhomoglyph(text.normalize('NFD')).normalize('NFD');

/**
 * The folded form two nicknames collide on: letters and digits only, lower-case, accents dropped and
 * look-alikes from other scripts read as the Latin letters they imitate (TR39 skeletons, which also make
 * "m" and "rn" one), so "Ana", "ana", "A na", "Aná" and "Аna" with a Cyrillic А are one player.
 */
export function nicknameKey(nickname: string): string {
	const folded = nickname
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		// ASCII capitals are lower-cased first, so "I" stays "i" rather than becoming "l"
		.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
		// other letters take their skeleton first: a Cyrillic М, whose small form looks like no Latin letter, is "M"
		.replace(/[^\0-\x7f]/gu, (letter) => {
			const shape = skeleton(letter);
			return shape === 'l' && /\p{Lu}/u.test(letter) ? 'i' : shape;
		});
	return skeleton(folded.toLowerCase())
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * A guest's nickname (or a teacher's rename): trimmed, NFC, 2–20 characters of letters, digits, spaces and
 * . - _ ', nothing invisible, nothing our lists or the obscenity library refuse (nickname-lists/). Returns the cleaned nickname and its key.
 */
export function checkNickname(input: unknown): NicknameCheck {
	if (typeof input !== 'string' || input.trim() === '') {
		return { ok: false, message: m.live_nick_choose() };
	}
	const tooLong = {
		ok: false,
		message: m.live_nick_too_long({ max: nicknameMaxLength })
	} as const;
	// a megabyte of text is refused before any work is done on it
	if (input.length > nicknameMaxLength * 4) return tooLong;
	// ordinary whitespace around a name is dropped; anything invisible inside or around it is refused
	const trimmed = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
	if (invisible.test(trimmed)) {
		return {
			ok: false,
			message: m.live_nick_invisible()
		};
	}
	const nickname = trimmed.normalize('NFC').replace(/\s+/g, ' ');
	const length = [...nickname].length;
	if (length > nicknameMaxLength) return tooLong;
	if (length < nicknameMinLength) {
		return {
			ok: false,
			message: m.live_nick_too_short({ min: nicknameMinLength })
		};
	}
	if (!allowed.test(nickname)) {
		return {
			ok: false,
			message: m.live_nick_characters()
		};
	}
	const key = nicknameKey(nickname);
	if (key === '') return { ok: false, message: m.live_nick_letter() };
	const verdict = filter.verdict(nickname);
	if (verdict === 'blocked') {
		return { ok: false, message: m.live_nick_not_allowed() };
	}
	if (verdict === 'aimed') {
		return {
			ok: false,
			message: m.live_nick_aimed()
		};
	}
	return { ok: true, nickname, key };
}

export type { NicknameLanguage };

/** What a player is told a generated name looks like, in the session's language. */
export const exampleNicknames: Record<NicknameLanguage, string> = {
	en: 'Brave Otter',
	es: 'Nutria Valiente'
};

/** In Spanish the animal comes first and the adjective agrees with its gender: "Nutria Curiosa". */
export function spanishNickname(animal: SpanishAnimal, adjective: SpanishAdjective): string {
	return `${animal.word} ${animal.gender === 'f' ? adjective.feminine : adjective.masculine}`;
}

/** Every adjective + animal pair: "Brave Otter", "Nutria Valiente". */
function generatedNames(language: NicknameLanguage): string[] {
	if (language === 'en') {
		const { adjectives, animals } = lists.generated.en;
		return adjectives.flatMap((adjective) => animals.map((animal) => `${adjective} ${animal}`));
	}
	const { adjectives, animals } = lists.generated.es;
	return animals.flatMap((animal) =>
		adjectives.map((adjective) => spanishNickname(animal, adjective))
	);
}

// UTF-16 length first: it is never below the count of characters, and checking it is cheap
const fits = (name: string) =>
	name.length <= nicknameMaxLength || [...name].length <= nicknameMaxLength;
const names: Record<NicknameLanguage, string[]> = {
	en: generatedNames('en').filter(fits),
	es: generatedNames('es').filter(fits)
};

/** The pairs generateNickname draws from (those that fit in a nickname). */
export function generatedNicknamePool(language: NicknameLanguage): readonly string[] {
	return names[language];
}

// the lists do not change while the server runs, so each pair's key and verdict are worked out once
const keys = new Map<string, string>();
const accepted = new Map<string, boolean>();
function free(name: string, taken: TakenKeys): boolean {
	let key = keys.get(name);
	if (key === undefined) keys.set(name, (key = nicknameKey(name)));
	if (taken.has(key)) return false;
	let ok = accepted.get(name);
	if (ok === undefined) accepted.set(name, (ok = checkNickname(name).ok));
	return ok;
}

/**
 * A kind adjective + animal nickname in English or Spanish whose nicknameKey is not in `taken` (keys, as
 * nicknameKey gives them) and that checkNickname accepts. Random draws first, then the first free pair from
 * a random place in the list; once every pair is taken, the same with a number ("Brave Otter 2").
 */
/** The nickname keys players of a session hold, as far as a naming rule needs to ask. */
export type TakenKeys = Pick<ReadonlySet<string>, 'has'>;

export function generateNickname(
	language: NicknameLanguage,
	taken: TakenKeys,
	random: () => number = Math.random
): string {
	const pool = names[language];
	const at = (index: number) => pool[index % pool.length] ?? '';
	// a name with a number (" 2") once every plain pair is taken
	const numbered = (index: number, number: number) =>
		number === 1 ? at(index) : `${at(index)} ${number}`;
	const offset = Math.floor(random() * pool.length);
	for (let number = 1; number < 1000 && pool.length > 0; number++) {
		for (let draw = 0; draw < 20; draw++) {
			const name = numbered(Math.floor(random() * pool.length), number);
			if (fits(name) && free(name, taken)) return name;
		}
		// most pairs are taken: the first free one from a random place in the list
		for (let i = 0; i < pool.length; i++) {
			const name = numbered(offset + i, number);
			if (fits(name) && free(name, taken)) return name;
		}
	}
	throw new Error(`No generated ${language} nickname is free`);
}
