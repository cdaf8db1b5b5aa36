import type { Answer, Question } from '../../quiz/registry';
import type { Evidence, Score } from '../../quiz/types';
import type { Content } from '../content/build';
import type { Reveal, ResolvedEvidence } from '../../quiz/feedback';

export type { Reveal, ResolvedEvidence };

/** One answered question as a page shows it: the answer to pre-fill and what to reveal about it. */
export interface AnsweredQuestion {
	answer: Answer;
	reveal: Reveal;
}

/** Finds `quote` in `text` ignoring whitespace and quote-style differences; returns its span in `text`. */
export function locateQuote(text: string, quote: string): [number, number] | null {
	const fold = (c: string) =>
		/[\u2018\u2019\u201A\u201B\u2032]/.test(c)
			? "'"
			: /[\u201C\u201D\u201E\u201F\u2033]/.test(c)
				? '"'
				: c;
	// normalized characters of text, each remembering where it came from
	const chars: string[] = [];
	const origins: number[] = [];
	for (let i = 0; i < text.length; i++) {
		const c = text[i] ?? '';
		if (/\s/.test(c)) {
			if (chars.length && chars[chars.length - 1] !== ' ') {
				chars.push(' ');
				origins.push(i);
			}
			continue;
		}
		chars.push(fold(c));
		origins.push(i);
	}
	const needle = [...quote.trim()]
		.map((c) => (/\s/.test(c) ? ' ' : fold(c)))
		.join('')
		.replace(/ +/g, ' ');
	const at = chars.join('').indexOf(needle);
	if (at < 0 || needle.length === 0) return null;
	const start = origins[at] ?? 0;
	const end = (origins[at + needle.length - 1] ?? start) + 1;
	return [start, end];
}

// content never changes while the server runs: each question's evidence is resolved once, not per answer, in
// each language (a translated question shares its English evidence list, so the content is part of the key)
const resolvedEvidence = new WeakMap<
	Content,
	WeakMap<Evidence[], Map<string, ResolvedEvidence[]>>
>();

export function resolveEvidence(
	evidence: Evidence[],
	sourceId: string,
	content: Content
): ResolvedEvidence[] {
	let byEvidence = resolvedEvidence.get(content);
	if (!byEvidence) resolvedEvidence.set(content, (byEvidence = new WeakMap()));
	let bySource = byEvidence.get(evidence);
	if (!bySource) byEvidence.set(evidence, (bySource = new Map()));
	let resolved = bySource.get(sourceId);
	if (!resolved)
		bySource.set(sourceId, (resolved = resolveEvidenceOnce(evidence, sourceId, content)));
	return resolved;
}

/**
 * Each fact once, and each paragraph once: two quotes from one paragraph show as one passage running from
 * the first to the end of the last (still the article's own words), so no paragraph is printed twice.
 */
function resolveEvidenceOnce(
	evidence: Evidence[],
	sourceId: string,
	content: Content
): ResolvedEvidence[] {
	const source = content.sources.get(sourceId);
	const spans = new Map<string, [number, number][]>();
	for (const item of evidence) {
		if ('fact' in item) continue;
		const text = source?.paragraphs.get(item.paragraph)?.text;
		const span = text && item.quote ? locateQuote(text, item.quote) : null;
		spans.set(item.paragraph, [...(spans.get(item.paragraph) ?? []), ...(span ? [span] : [])]);
	}
	const shown = new Set<string>();
	return evidence.flatMap((item): ResolvedEvidence[] => {
		if ('fact' in item) {
			const fact = content.facts.get(item.fact);
			return fact ? [{ kind: 'fact', id: fact.id, title: fact.title, sources: fact.sources }] : [];
		}
		const paragraph = source?.paragraphs.get(item.paragraph);
		const text = paragraph?.text;
		if (!text || shown.has(item.paragraph)) return [];
		shown.add(item.paragraph);
		const quoted = spans.get(item.paragraph) ?? [];
		const span: [number, number] | null =
			quoted.length > 0
				? [Math.min(...quoted.map(([start]) => start)), Math.max(...quoted.map(([, end]) => end))]
				: null;
		return [
			{
				kind: 'paragraph',
				sourceId,
				paragraph: item.paragraph,
				before: span ? text.slice(0, span[0]) : text,
				quoted: span ? text.slice(span[0], span[1]) : null,
				after: span ? text.slice(span[1]) : '',
				// the reader's-language translation of the whole paragraph, beside the English quote
				...(paragraph?.translation && { translation: paragraph.translation })
			}
		];
	});
}

export function buildReveal(
	question: Question,
	score: Score,
	sourceId: string,
	content: Content
): Reveal {
	return {
		questionId: question.id,
		score,
		explanation: question.explanation,
		evidence: resolveEvidence(question.evidence, sourceId, content)
	};
}
