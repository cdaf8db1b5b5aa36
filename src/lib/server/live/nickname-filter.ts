import unhomoglyph from 'unhomoglyph';
import type { NicknameLists, PatternEntry, PatternPart, WordEntry } from './nickname-lists';

/**
 * Matching our curated lists against a nickname. Both sides are folded the same way first: case, accents,
 * look-alike letters from other scripts, leetspeak (0→o, 1→i, 3→e, 4→a, 5→s, 7→t …), "rn"→"m", and i, l,
 * 1 and I as one letter, since they look alike. Every letter of an entry may repeat ("fuuuck"), so the
 * doubled letters an entry is written with are still required ("zorra" is refused, the name Zora is not).
 */

const leet: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'2': 'z',
	'3': 'e',
	'4': 'a',
	'5': 's',
	'6': 'g',
	'7': 't',
	'8': 'b',
	'9': 'g',
	'@': 'a',
	$: 's',
	'!': 'i',
	'|': 'i',
	'+': 't',
	'€': 'e'
};

/**
 * Lower-case letters as a reader sees them: "BenIsGay" split into words, accents dropped, and a Cyrillic
 * or Greek look-alike read as the Latin letter it imitates (TR39 skeletons, one character at a time).
 */
export function plainLetters(text: string): string {
	return text
		.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.replace(/[^\0-\x7f]/gu, (letter) =>
			unhomoglyph(letter.normalize('NFD')).normalize('NFD').replace(/\p{M}/gu, '')
		)
		.toLowerCase();
}

/** The folded words, one space between them; digits stay digits when `digits` (for codes like 1488). */
function foldWords(plain: string, digits: boolean): string {
	const letters = digits ? plain : plain.replace(/[0-9@$!|+€]/g, (c) => leet[c] ?? c);
	return letters
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.replace(/rn/g, 'm')
		.replace(/i/g, 'l');
}

/**
 * How list entries are folded (for repeats and for matching): the same folding as nicknames. An entry
 * with digits is a code (1488) and keeps them, unless it is a word of a pattern ("h8" is "hate").
 */
export function foldEntry(words: string, digits = /[0-9]/.test(words)): string {
	return foldWords(plainLetters(words), digits);
}

/** "f u c k" or "sh it": runs of one- or two-letter pieces joined up, so spacing a word out does not hide it. */
export function closeGaps(words: string): string {
	let joined = '';
	let previousShort = false;
	for (const piece of words.split(' ').filter(Boolean)) {
		const short = [...piece].length <= 2;
		joined += short && previousShort ? piece : `${joined ? ' ' : ''}${piece}`;
		previousShort = short;
	}
	return joined;
}

/**
 * The forms a nickname is matched in: word by word, with spaced-out letters joined ("f u c k"), and
 * squashed, where a match must run from the start of one word to the end of another ("Hit ler"), so
 * "Mari Conde" is not read as "maricon" + "de".
 */
interface Forms {
	spaced: string;
	joined: string;
	squashed: string;
	/** where the words of `squashed` start and end */
	edges: Set<number>;
}

function forms(plain: string, digits: boolean): Forms {
	const spaced = foldWords(plain, digits);
	const edges = new Set([0]);
	let squashed = '';
	for (const word of spaced.split(' ')) {
		squashed += word;
		edges.add(squashed.length);
	}
	return { spaced, joined: closeGaps(spaced), squashed, edges };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Each letter may repeat; spaces stay single (or vanish, for the squashed form). */
const letters = (folded: string, squashed: boolean) =>
	[...folded].map((c) => (c === ' ' ? (squashed ? '' : ' ') : `${escape(c)}+`)).join('');
const wordStart = '(?<![^ ])';
const wordEnd = '(?![^ ])';

function entrySource(entry: WordEntry, squashed: boolean): string {
	const body = letters(foldEntry(entry.words), squashed);
	if (entry.whole) return `^${body}$`;
	// squashed matches must start and end at word edges anyway
	if (squashed) return body;
	return `${entry.start ? wordStart : ''}${body}${entry.end ? wordEnd : ''}`;
}

/** A person-aimed pattern as a regular expression: words spaced out, or glued into one ("killben"). */
function patternSource(pattern: PatternEntry, traits: string, glued: boolean): string {
	// in a glued token a name needs three letters, so "Killen" is not "kill" + "en", and is more than
	// an ending, so "Shooting" is not "shoot" + "ing" (folded: i is l)
	const someone = glued ? '(?!(?:lng|er|ers|ed|es|s)(?![^ ]))[^ ]{3,}' : '[^ ]+(?: [^ ]+){0,2}';
	const part = (p: PatternPart) =>
		p.kind === 'someone'
			? someone
			: p.kind === 'trait'
				? traits
				: `(?:${p.words.map((w) => letters(foldEntry(w, false), false)).join('|')})`;
	// every part but the last brings the space after it, so an optional part takes its space with it
	const source = pattern.parts
		.map((p, index) => {
			const segment = `${part(p)}${glued || index === pattern.parts.length - 1 ? '' : ' '}`;
			return p.kind === 'words' && p.optional ? `(?:${segment})?` : segment;
		})
		.join('');
	return `${wordStart}${source}${wordEnd}`;
}

interface Matcher {
	/** whether it matches at all */
	test: RegExp;
	/** every match, overlapping ones too */
	all: RegExp;
}

const matcher = (source: string): Matcher => ({
	test: new RegExp(source),
	all: new RegExp(`(?=(${source}))`, 'g')
});

/** Start and end of every match, overlapping ones too, so a covered match cannot hide the next. */
function spans(m: Matcher, text: string): [number, number][] {
	return [...text.matchAll(m.all)].map((match) => [
		match.index,
		match.index + (match[1] ?? '').length
	]);
}

interface Compiled {
	matchers: Matcher[];
	/**
	 * Every word entry in one alternation, for the common case where nothing matches at all. Not for
	 * the patterns: V8 takes seconds to compile dozens of them joined, each with every trait inside.
	 */
	any?: RegExp;
}

function compile(sources: string[], joined: boolean): Compiled {
	return {
		matchers: sources.map(matcher),
		any: joined ? new RegExp(sources.map((s) => `(?:${s})`).join('|') || '(?!)') : undefined
	};
}

export type FilterVerdict = 'ok' | 'blocked' | 'aimed';

export interface NicknameFilter {
	verdict(nickname: string): FilterVerdict;
}

/** Builds the matcher for our lists; `extraBlocked` is a second opinion (obscenity) on the plain text. */
export function compileFilter(
	lists: NicknameLists,
	extraBlocked: (plain: string) => boolean = () => false
): NicknameFilter {
	const wordy = lists.blocked.filter((e) => !/[0-9]/.test(e.words));
	const coded = lists.blocked.filter((e) => /[0-9]/.test(e.words));
	// a whole-nickname entry (=88) is only looked for in the squashed form, where it has to be all of it
	const blockedIn = (entries: WordEntry[], squashed: boolean) =>
		compile(
			entries.filter((e) => squashed || !e.whole).map((e) => entrySource(e, squashed)),
			true
		);
	const words = { spaced: blockedIn(wordy, false), squashed: blockedIn(wordy, true) };
	const codes = { spaced: blockedIn(coded, false), squashed: blockedIn(coded, true) };
	// an allowed name counts only as whole words, so "Nazia" does not let "Nazi4Life" through
	const allowed = {
		spaced: lists.allowed.map((e) =>
			matcher(`${wordStart}${letters(foldEntry(e.words), false)}${wordEnd}`)
		),
		squashed: lists.allowed.map((e) => matcher(letters(foldEntry(e.words), true)))
	};
	const traits = `(?:${lists.traits.map((e) => letters(foldEntry(e.words), false)).join('|')})`;
	const aimedBy = (patterns: PatternEntry[]) =>
		compile(
			patterns.flatMap((p) =>
				p.spacedOnly
					? [patternSource(p, traits, false)]
					: [patternSource(p, traits, false), patternSource(p, traits, true)]
			),
			false
		);
	const withTrait = (p: PatternEntry) => p.parts.some((part) => part.kind === 'trait');
	const aimed = {
		traits: aimedBy(lists.patterns.filter(withTrait)),
		others: aimedBy(lists.patterns.filter((p) => !withTrait(p))),
		// most nicknames hold no trait word at all, and then the patterns that need one are skipped
		anyTrait: new RegExp(traits)
	};
	const aimedIn = (text: string) =>
		hit(aimed.others, text) || (aimed.anyTrait.test(text) && hit(aimed.traits, text));

	/**
	 * Whether some match of `compiled` in `text` lies outside every allowed word found there (and, in a
	 * squashed form, runs from one word edge to another).
	 */
	function hit(compiled: Compiled, text: string, edges?: Set<number>): boolean {
		if (compiled.any && !compiled.any.test(text)) return false;
		const matching = compiled.matchers.filter((m) => m.test.test(text));
		if (matching.length === 0) return false;
		const covers = (edges ? allowed.squashed : allowed.spaced)
			.flatMap((m) => spans(m, text))
			.filter(([start, end]) => !edges || (edges.has(start) && edges.has(end)));
		return matching.some((m) =>
			spans(m, text).some(
				([start, end]) =>
					(!edges || (edges.has(start) && edges.has(end))) &&
					!covers.some(([from, to]) => from <= start && end <= to)
			)
		);
	}

	function inForms(pair: { spaced: Compiled; squashed: Compiled }, f: Forms): boolean {
		return (
			hit(pair.spaced, f.spaced) ||
			hit(pair.spaced, f.joined) ||
			hit(pair.squashed, f.squashed, f.edges)
		);
	}

	return {
		verdict(nickname) {
			const plain = plainLetters(nickname);
			const asLetters = forms(plain, false);
			if (
				inForms(words, asLetters) ||
				inForms(codes, forms(plain, true)) ||
				extraBlocked(plain) ||
				extraBlocked(closeGaps(plain.replace(/[ .\-_']+/g, ' ')))
			) {
				return 'blocked';
			}
			if (aimedIn(asLetters.spaced) || aimedIn(asLetters.joined)) {
				return 'aimed';
			}
			return 'ok';
		}
	};
}
