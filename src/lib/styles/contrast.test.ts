import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colourTokenBlocks, contrastRatio, parseHex, type Tokens } from './contrast';

// Both themes' colour tokens, read from src/lib/styles/tokens.css, meet WCAG AA for every pair the styles put together:
// text 4.5:1 (1.4.3), borders, focus rings, icons and chart marks 3:1 (1.4.11). The a11y sweep runs axe
// in the light theme only, so for the dark theme this is where contrast is proven.

const lightBlock = ':root';
const darkBlock = '@media (prefers-color-scheme: dark) :root';

const blocks = colourTokenBlocks(readFileSync('src/lib/styles/tokens.css', 'utf8'));
const light = blocks.get(lightBlock) ?? {};
// the dark block overrides the light one, as the cascade does
const themes: Record<'light' | 'dark', Tokens> = {
	light,
	dark: { ...light, ...blocks.get(darkBlock) }
};

interface Pair {
	/** the token of the text, border, ring or mark */
	fore: string;
	/** the token of what it sits on */
	back: string;
	where: string;
}

/** Text, including small bold labels and the glyphs in badges: 4.5:1. */
const textPairs: Pair[] = [
	{ fore: 'text', back: 'bg', where: 'body text' },
	...[1, 2, 3, 4, 5, 6].map((n) => ({
		fore: 'on-tile',
		back: `tile-${n}`,
		where: 'live answer tiles, chart bars, tile chips'
	})),
	{ fore: 'text', back: 'surface', where: 'cards, header, inputs, question cards' },
	{ fore: 'text', back: 'surface-muted', where: 'code, rubric header, source asides, chips' },
	{ fore: 'text', back: 'accent-soft', where: 'current nav link, feedback, score summary' },
	{ fore: 'text', back: 'success-soft', where: 'correct feedback, done chip, live status' },
	{ fore: 'text', back: 'partial-soft', where: 'partly right feedback, attempted chip' },
	{ fore: 'text', back: 'error-soft', where: 'form message, wrong feedback, late chip' },
	{ fore: 'text', back: 'callout-bg', where: 'callout, the linked source paragraph' },
	{ fore: 'text-muted', back: 'bg', where: '.muted and .meta on the page' },
	{ fore: 'text-muted', back: 'surface', where: 'footer, hints, captions, question titles' },
	{ fore: 'text-muted', back: 'surface-muted', where: 'source asides' },
	{ fore: 'text-muted', back: 'accent-soft', where: 'meta text in feedback' },
	{ fore: 'text-muted', back: 'success-soft', where: 'meta text in feedback' },
	{ fore: 'text-muted', back: 'partial-soft', where: 'meta text in feedback' },
	{ fore: 'text-muted', back: 'error-soft', where: 'meta text in feedback' },
	{ fore: 'text-muted', back: 'callout-bg', where: 'meta text in a callout' },
	{ fore: 'link', back: 'bg', where: 'links on the page' },
	{ fore: 'link', back: 'surface', where: 'nav, cards, model answer summary, paragraph numbers' },
	{ fore: 'link', back: 'surface-muted', where: 'quiz mode switch' },
	{ fore: 'link', back: 'accent-soft', where: 'other sources, hovered nav and secondary button' },
	{ fore: 'link', back: 'success-soft', where: 'evidence links in feedback' },
	{ fore: 'link', back: 'partial-soft', where: 'evidence links in feedback' },
	{ fore: 'link', back: 'error-soft', where: 'evidence links in feedback' },
	{ fore: 'link', back: 'callout-bg', where: 'links in a callout' },
	{ fore: 'on-accent', back: 'accent', where: 'buttons, skip link, feedback icon' },
	{ fore: 'on-accent', back: 'accent-hover', where: 'hovered button' },
	{ fore: 'on-error', back: 'error', where: 'danger button, "!" badge, wrong-answer icon' },
	{ fore: 'on-partial', back: 'partial', where: 'partly-right icon' },
	{ fore: 'bg', back: 'success', where: '"✓" badge, correct icon, mastered chip' },
	{ fore: 'bg', back: 'text', where: 'hovered danger button' },
	{ fore: 'mark-text', back: 'mark-bg', where: 'quoted span in evidence' },
	{ fore: 'error', back: 'bg', where: 'field errors' },
	{
		fore: 'error',
		back: 'surface',
		where: 'field errors in cards, "late" marker on the dashboard'
	},
	{ fore: 'partial', back: 'surface', where: '"done late" marker on the dashboard' },
	{ fore: 'success', back: 'surface', where: 'a read section in the reading checklist' }
];

/** Borders that identify a control or a state, focus rings, icons and chart marks: 3:1. */
const nonTextPairs: Pair[] = [
	{ fore: 'border-strong', back: 'bg', where: 'input and button borders, chart axis' },
	{ fore: 'border-strong', back: 'surface', where: 'inputs, options, progress track' },
	{ fore: 'border-strong', back: 'surface-muted', where: 'mode switch, default chip' },
	{ fore: 'border-strong', back: 'accent-soft', where: 'option boundaries on a tint' },
	{ fore: 'border-strong', back: 'success-soft', where: 'option boundaries on a tint' },
	{ fore: 'border-strong', back: 'partial-soft', where: 'option boundaries on a tint' },
	{ fore: 'border-strong', back: 'error-soft', where: 'option boundaries on a tint' },
	{ fore: 'border-strong', back: 'callout-bg', where: 'option boundaries on a tint' },
	{ fore: 'focus', back: 'bg', where: 'focus ring' },
	{ fore: 'focus', back: 'surface', where: 'focus ring' },
	{ fore: 'focus', back: 'surface-muted', where: 'focus ring in the mode switch' },
	{ fore: 'focus', back: 'accent-soft', where: 'focus ring on a link in other sources' },
	{ fore: 'focus', back: 'success-soft', where: 'focus ring on a link in feedback' },
	{ fore: 'focus', back: 'partial-soft', where: 'focus ring on a link in feedback' },
	{ fore: 'focus', back: 'error-soft', where: 'focus ring on a link in feedback' },
	{ fore: 'focus', back: 'callout-bg', where: 'focus ring on a link in a callout' },
	{ fore: 'accent', back: 'bg', where: 'secondary button border' },
	{ fore: 'accent', back: 'surface', where: 'question edge, chosen option, progress fill' },
	{ fore: 'accent', back: 'accent-soft', where: 'feedback border and icon, chip, "↗"' },
	{ fore: 'success', back: 'surface', where: 'correct feedback border, chart outline' },
	{ fore: 'success', back: 'success-soft', where: 'feedback border, icons, chips, chart stripes' },
	{ fore: 'partial', back: 'partial-soft', where: 'feedback border, icon, chip' },
	{ fore: 'error', back: 'error-soft', where: 'form message border, feedback border, chip' },
	{ fore: 'error', back: 'surface', where: 'invalid input border' },
	{ fore: 'callout-border', back: 'callout-bg', where: 'the linked paragraph’s outline' },
	{ fore: 'text-muted', back: 'surface', where: 'response chart bars' }
];

/** The ratios the comments in the style files state, as light / dark floors; a token change must keep them true. */
const statedRatios: (Pair & { light: number; dark: number })[] = [
	{ fore: 'text', back: 'accent-soft', light: 11.7, dark: 11.7, where: 'text on feedback tints' },
	{ fore: 'text', back: 'success-soft', light: 11.7, dark: 11.7, where: 'text on feedback tints' },
	{ fore: 'text', back: 'partial-soft', light: 11.7, dark: 11.7, where: 'text on feedback tints' },
	{ fore: 'text', back: 'error-soft', light: 11.7, dark: 11.7, where: 'text on feedback tints' },
	{ fore: 'text-muted', back: 'accent-soft', light: 6.8, dark: 6.8, where: 'feedback tints' },
	{ fore: 'text-muted', back: 'success-soft', light: 6.8, dark: 6.8, where: 'feedback tints' },
	{ fore: 'text-muted', back: 'partial-soft', light: 6.8, dark: 6.8, where: 'feedback tints' },
	{ fore: 'text-muted', back: 'error-soft', light: 6.8, dark: 6.8, where: 'feedback tints' },
	{ fore: 'link', back: 'accent-soft', light: 6.1, dark: 6.1, where: 'feedback tints' },
	{ fore: 'link', back: 'success-soft', light: 6.1, dark: 6.1, where: 'feedback tints' },
	{ fore: 'link', back: 'partial-soft', light: 6.1, dark: 6.1, where: 'feedback tints' },
	{ fore: 'link', back: 'error-soft', light: 6.1, dark: 6.1, where: 'feedback tints' },
	{ fore: 'success', back: 'success-soft', light: 5.6, dark: 5.6, where: 'tone on its tint' },
	{ fore: 'partial', back: 'partial-soft', light: 5.6, dark: 5.6, where: 'tone on its tint' },
	{ fore: 'error', back: 'error-soft', light: 5.6, dark: 5.6, where: 'tone on its tint' },
	{ fore: 'accent', back: 'accent-soft', light: 5.6, dark: 5.6, where: 'tone on its tint' },
	{ fore: 'success', back: 'surface', light: 5.6, dark: 5.6, where: 'tone on surface' },
	{ fore: 'partial', back: 'surface', light: 5.6, dark: 5.6, where: 'tone on surface' },
	{ fore: 'error', back: 'surface', light: 5.6, dark: 5.6, where: 'tone on surface' },
	{ fore: 'accent', back: 'surface', light: 7.1, dark: 8.2, where: 'tone on surface, bar fill' },
	{ fore: 'on-accent', back: 'accent', light: 6.2, dark: 6.2, where: 'badge glyph' },
	{ fore: 'bg', back: 'success', light: 6.2, dark: 10.3, where: 'badge glyph, mastered chip' },
	{ fore: 'on-partial', back: 'partial', light: 6.2, dark: 6.2, where: 'badge glyph' },
	{ fore: 'on-error', back: 'error', light: 6.2, dark: 6.2, where: 'badge glyph' },
	{ fore: 'mark-text', back: 'mark-bg', light: 13.1, dark: 6.7, where: '<mark>' },
	{ fore: 'text', back: 'callout-bg', light: 6.5, dark: 6.5, where: 'linked paragraph' },
	{ fore: 'text-muted', back: 'callout-bg', light: 6.5, dark: 6.5, where: 'linked paragraph' },
	{ fore: 'link', back: 'callout-bg', light: 6.5, dark: 6.5, where: 'linked paragraph' },
	{ fore: 'callout-border', back: 'callout-bg', light: 4.4, dark: 7.7, where: 'its outline' },
	{ fore: 'border-strong', back: 'surface', light: 4.8, dark: 4.8, where: 'progress track border' },
	{ fore: 'border-strong', back: 'surface-muted', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'border-strong', back: 'accent-soft', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'border-strong', back: 'success-soft', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'border-strong', back: 'partial-soft', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'border-strong', back: 'error-soft', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'border-strong', back: 'callout-bg', light: 4.1, dark: 4.1, where: 'boundaries' },
	{ fore: 'text', back: 'surface-muted', light: 14.2, dark: 11.7, where: 'default chip text' },
	{ fore: 'border-strong', back: 'surface-muted', light: 4.2, dark: 4.6, where: 'chip border' },
	{ fore: 'partial', back: 'partial-soft', light: 4.2, dark: 4.6, where: 'chip border and icon' },
	{ fore: 'accent', back: 'accent-soft', light: 4.2, dark: 4.6, where: 'chip border and icon' },
	{ fore: 'success', back: 'success-soft', light: 4.2, dark: 4.6, where: 'chip border and icon' }
];

function ratio(theme: Tokens, { fore, back }: Pair) {
	const [foreColour, backColour] = [theme[fore], theme[back]];
	if (!foreColour || !backColour) throw new Error(`tokens.css has no --${fore} or --${back}`);
	return contrastRatio(foreColour, backColour);
}

/** Each pair with its test title, "--link on --bg (links on the page)". */
function titled<P extends Pair>(pairs: P[]): [string, P][] {
	return pairs.map((pair) => [`--${pair.fore} on --${pair.back} (${pair.where})`, pair]);
}

describe('contrastRatio', () => {
	it('gives the WCAG ratios of known pairs', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
		// the lightest grey that passes 4.5:1 on white, and the next one, which does not
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
		expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
		expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
	});

	it('is the same whichever colour comes first, and reads #rgb shorthand', () => {
		expect(contrastRatio('#1a56a8', '#fbfaf7')).toBe(contrastRatio('#fbfaf7', '#1a56a8'));
		expect(contrastRatio('#fff', '#000')).toBeCloseTo(21, 5);
	});

	it('refuses a colour notation it cannot read', () => {
		expect(() => parseHex('rgb(0 0 0)')).toThrow('only #rgb and #rrggbb');
		expect(() => parseHex('#12345')).toThrow('only #rgb and #rrggbb');
	});
});

describe('the colour tokens in tokens.css', () => {
	it('are set in the light :root and the dark-scheme :root only, so both themes are checked here', () => {
		expect([...blocks.keys()]).toEqual([lightBlock, darkBlock]);
	});

	it('are all set again by the dark theme, so no light colour shows through in it', () => {
		expect(Object.keys(blocks.get(darkBlock) ?? {}).sort()).toEqual(Object.keys(light).sort());
		expect(Object.keys(light).length).toBe(32);
	});

	it('are read as the CSS states them', () => {
		expect(themes.light.text).toBe('#1b1e23');
		expect(themes.dark.text).toBe('#e9ebee');
		expect(themes.light.bg).toBe('#fbfaf7');
		expect(themes.dark.bg).toBe('#14171c');
	});
});

describe.each(['light', 'dark'] as const)('%s theme contrast', (name) => {
	const theme = themes[name];

	it.each(titled(textPairs))('text %s ≥ 4.5:1', (_, pair) => {
		expect(ratio(theme, pair), `--${pair.fore} on --${pair.back}`).toBeGreaterThanOrEqual(4.5);
	});

	it.each(titled(nonTextPairs))('%s ≥ 3:1', (_, pair) => {
		expect(ratio(theme, pair), `--${pair.fore} on --${pair.back}`).toBeGreaterThanOrEqual(3);
	});

	it.each(titled(statedRatios))('%s as the style files state', (_, pair) => {
		// the comments round to one decimal
		expect(ratio(theme, pair), `--${pair.fore} on --${pair.back}`).toBeGreaterThanOrEqual(
			pair[name] - 0.05
		);
	});
});
