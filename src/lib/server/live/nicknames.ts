import {
	DataSet,
	englishDataset,
	englishRecommendedTransformers,
	pattern,
	RegExpMatcher
} from 'obscenity';
import unhomoglyph from 'unhomoglyph';

export const nicknameMinLength = 2;
export const nicknameMaxLength = 20;

export type NicknameCheck =
	{ ok: true; nickname: string; key: string } | { ok: false; message: string };

// Spanish insults our students may try. `|` is a word boundary, so "calculo" or "disputa" stay allowed;
// the matcher folds doubled letters first, so a doubled letter is written optional ([l]).
const spanishWords = [
	pattern`|puta`,
	pattern`|puto`,
	pattern`|putita`,
	pattern`pendej`,
	pattern`cabron`,
	pattern`verga|`,
	pattern`chingad`,
	pattern`chingar`,
	pattern`|chinga|`,
	pattern`|chingue`,
	pattern`|chingon`,
	pattern`culero`,
	pattern`|culo|`,
	pattern`mierda`,
	pattern`|joto|`,
	pattern`maricon`,
	pattern`|marica|`,
	pattern`|pinche`,
	pattern`|mamon`,
	pattern`|cono|`,
	pattern`gilipol[l]a`,
	pattern`|per[r]a|`,
	pattern`|naco|`,
	pattern`|panocha`,
	pattern`|ojete`
];

const wordList = new DataSet<{ originalWord: string }>()
	.addAll(englishDataset as unknown as DataSet<{ originalWord: string }>)
	.addPhrase((phrase) => {
		let built = phrase.setMetadata({ originalWord: 'spanish' });
		for (const word of spanishWords) built = built.addPattern(word);
		return built;
	});

// the matcher folds doubled letters, so "zorra" would also catch the name Zora: checked on the key instead
const doubledWords = ['zorra'];

const built = wordList.build();
const matcher = new RegExpMatcher({
	...built,
	// Analía is a common name in Mexico, and análisis a common word
	whitelistedTerms: [...(built.whitelistedTerms ?? []), 'analia', 'analis'],
	...englishRecommendedTransformers
});

/** Characters nobody sees: controls, zero-width and direction marks and overrides, and other format characters. */
const invisible = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/u;
const allowed = /^[\p{L}\p{M}\p{N} .\-_']+$/u;

/** "f u c k" or "sh it": runs of one- or two-letter pieces joined up, so spacing a word out does not hide it. */
function closeGaps(nickname: string): string {
	let joined = '';
	let previousShort = false;
	for (const piece of nickname.split(/[ .\-_']+/).filter(Boolean)) {
		const short = [...piece].length <= 2;
		joined += short && previousShort ? piece : `${joined ? ' ' : ''}${piece}`;
		previousShort = short;
	}
	return joined;
}

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
 * . - _ ', nothing invisible, not on the word list. Returns the cleaned nickname and its key.
 */
export function checkNickname(input: unknown): NicknameCheck {
	if (typeof input !== 'string' || input.trim() === '') {
		return { ok: false, message: 'Choose a nickname.' };
	}
	const tooLong = {
		ok: false,
		message: `Keep your nickname to ${nicknameMaxLength} characters or fewer.`
	} as const;
	// a megabyte of text is refused before any work is done on it
	if (input.length > nicknameMaxLength * 4) return tooLong;
	// ordinary whitespace around a name is dropped; anything invisible inside or around it is refused
	const trimmed = input.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
	if (invisible.test(trimmed)) {
		return {
			ok: false,
			message: 'Your nickname has invisible or control characters. Type it again by hand.'
		};
	}
	const nickname = trimmed.normalize('NFC').replace(/\s+/g, ' ');
	const length = [...nickname].length;
	if (length > nicknameMaxLength) return tooLong;
	if (length < nicknameMinLength) {
		return {
			ok: false,
			message: `Use at least ${nicknameMinLength} characters for your nickname.`
		};
	}
	if (!allowed.test(nickname)) {
		return {
			ok: false,
			message: "Use only letters, digits, spaces and . - _ ' in your nickname."
		};
	}
	const key = nicknameKey(nickname);
	if (key === '')
		return { ok: false, message: 'Put at least one letter or digit in your nickname.' };
	const unaccented = nickname.normalize('NFKD').replace(/\p{M}/gu, '');
	if (
		matcher.hasMatch(unaccented) ||
		matcher.hasMatch(closeGaps(unaccented)) ||
		doubledWords.some((word) => key.includes(word))
	) {
		return { ok: false, message: 'That nickname is not allowed here. Choose another one.' };
	}
	return { ok: true, nickname, key };
}
