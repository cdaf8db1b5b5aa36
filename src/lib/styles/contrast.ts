// WCAG 2.x contrast for the colour tokens in src/lib/styles/tokens.css, read from the CSS text itself so a test
// checks the values the browser gets. Used by contrast.test.ts only.

/** A colour custom property's value, keyed by its name without the leading `--`. */
export type Tokens = Record<string, string>;

/** Every rule that sets a colour custom property, keyed by its at-rules and selector ("@media (…) :root"). */
export function colourTokenBlocks(css: string): Map<string, Tokens> {
	const blocks = new Map<string, Tokens>();
	const source = css.replace(/\/\*[\s\S]*?\*\//g, '');
	const preludes: string[] = [];
	let start = 0;
	for (let i = 0; i < source.length; i++) {
		const char = source[i];
		if (char === '{') {
			preludes.push(lastStatement(source.slice(start, i)));
			start = i + 1;
		} else if (char === '}') {
			const declarations = source.slice(start, i);
			const context = preludes.join(' ');
			for (const [, name = '', raw = ''] of declarations.matchAll(/--([\w-]+)\s*:\s*([^;]+)/g)) {
				const value = raw.trim();
				if (!looksLikeColour(value)) continue;
				const tokens = blocks.get(context) ?? {};
				tokens[name] = value;
				blocks.set(context, tokens);
			}
			preludes.pop();
			start = i + 1;
		}
	}
	return blocks;
}

/** The selector or at-rule just before a `{`, without the declarations that precede it in a block. */
function lastStatement(text: string) {
	return text
		.slice(text.lastIndexOf(';') + 1)
		.replace(/\s+/g, ' ')
		.trim();
}

function looksLikeColour(value: string) {
	return /^(#|(rgb|rgba|hsl|hsla|hwb|lab|lch|oklab|oklch|color)\()/i.test(value);
}

/** sRGB channels 0–255 of a #rgb or #rrggbb colour; any other notation is refused, not guessed. */
export function parseHex(colour: string): [number, number, number] {
	const digits = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
	if (!digits) throw new Error(`${colour}: only #rgb and #rrggbb colours are understood here`);
	const hex = digits.length === 3 ? [...digits].map((c) => c + c).join('') : digits;
	return [0, 2, 4].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
}

/** Relative luminance, WCAG 2.x (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). */
export function relativeLuminance(colour: string) {
	const linear = (channel: number) => {
		const c = channel / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const [r, g, b] = parseHex(colour);
	return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio between two colours, 1 to 21, the same whichever comes first. */
export function contrastRatio(a: string, b: string) {
	const [first, second] = [relativeLuminance(a), relativeLuminance(b)];
	return (Math.max(first, second) + 0.05) / (Math.min(first, second) + 0.05);
}
