// Test-only: the bad-input corpus's building blocks, shared by the Vitest corpus (src/lib/server/forms-corpus.test.ts)
// and the end-to-end one (tests/bad-input-corpus.spec.ts): hostile text, the payload groups each kind of
// field refuses, bodies a browser would never send, and what makes a refusal's message one a person can read.

/** One field of a submitted form, in order; a name may come more than once, as checkboxes send it. */
export type Field = [name: string, value: string];

export const megabyte = 'x'.repeat(1024 * 1024);

/** Markup that would run if a page ever put it in as HTML; each sets a flag the render check reads. */
export const markup = {
	script: '<script>alert(1)</script>',
	imageOnError: '<img src=x onerror=alert(1)>',
	flaggingImage: '<img src=x onerror="window.__corpusPwned=1">'
};

/** Text that is hostile, odd or broken, each under the name the generated cases carry. */
export const payloads = {
	'a script tag': markup.script,
	'an img onerror': markup.imageOnError,
	"SQL ' OR 1=1": "' OR 1=1 --",
	'SQL DROP TABLE': '"; DROP TABLE users; --',
	emoji: 'Zoë 🌟🙂',
	'right-to-left letters': 'سارة דנה',
	'a zero-width space inside': 'A\u200bna',
	'only zero-width characters': '\u200b\u200b\u2060',
	'a right-to-left override': 'Ana\u202egnp.exe',
	'a NUL byte': 'Ana\u0000Ruiz',
	'control characters': 'Ana\u0007\u001bRuiz',
	'a line break': 'Ana\r\nRuiz',
	'a lone surrogate': '\ud800Ana',
	'a 1 MB string': megabyte,
	'an empty string': '',
	'only spaces': '   ',
	'a negative number': '-1',
	'an overflowing number': '1e309',
	'a hex number': '0x10',
	NaN: 'NaN'
} as const;

export type PayloadName = keyof typeof payloads;

export const only = (...names: PayloadName[]) => names;
export const allPayloads = Object.keys(payloads) as PayloadName[];
export const except = (...names: PayloadName[]) =>
	allPayloads.filter((name) => !names.includes(name));

/** Ids, codes, slugs and choices from a list: no text on the list is one. */
export const notAnId = only(
	'a script tag',
	'an img onerror',
	"SQL ' OR 1=1",
	'SQL DROP TABLE',
	'emoji',
	'a right-to-left override',
	'a NUL byte',
	'a lone surrogate',
	'a 1 MB string',
	'an empty string',
	'only spaces'
);
/** Whole numbers in a range. */
export const notANumber = only(
	'a negative number',
	'an overflowing number',
	'a hex number',
	'NaN',
	"SQL ' OR 1=1",
	'a script tag',
	'a NUL byte',
	'a 1 MB string',
	'an empty string'
);
/** A query value: a megabyte would not fit in a URL (Node refuses it before the app sees it). */
export const notAQueryId = notAnId.filter((name) => name !== 'a 1 MB string');
/** A one-line name: markup, SQL, emoji and other scripts are names too and are kept as text. */
export const notAName = only(
	'only zero-width characters',
	'a zero-width space inside',
	'a right-to-left override',
	'a NUL byte',
	'control characters',
	'a line break',
	'a 1 MB string',
	'an empty string',
	'only spaces'
);
/** Free text (a written answer, a comment): only what can't be stored at all. */
export const notStorable = only('a NUL byte', 'a 1 MB string');
/** A live nickname: letters, digits, spaces and . - _ ' only (so "-1" and "NaN" are fine). */
export const notANickname = except(
	'right-to-left letters',
	'a negative number',
	'an overflowing number',
	'a hex number',
	'NaN'
);
/** A new password is 10 to 200 characters of anything but NUL; a lone surrogate arrives as 3 U+FFFD. */
export const notAPassword = allPayloads.filter((name) => {
	const value = payloads[name].replace(/[\ud800-\udfff]/g, '\ufffd\ufffd\ufffd');
	return value.includes('\0') || value.length < 10 || value.length > 200;
});
/** Text the app rightly keeps in a name, a comment or an answer: stored verbatim, shown as text. */
export const keptPayloads = only(
	'a script tag',
	'an img onerror',
	"SQL ' OR 1=1",
	'SQL DROP TABLE',
	'emoji',
	'right-to-left letters'
);
export const keptTexts = [...keptPayloads.map((name) => payloads[name]), markup.flaggingImage];

/** Percent-encodes like a browser, except that a lone surrogate goes out as its raw (invalid) UTF-8 bytes. */
function encodeComponent(text: string): string {
	let encoded = '';
	for (const character of text) {
		const unit = character.charCodeAt(0);
		if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
			const bytes = [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)];
			encoded += bytes.map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
		} else encoded += encodeURIComponent(character);
	}
	return encoded;
}

/** How a body goes on the wire: as a form, or in a shape no form on the site sends. */
export type BodyShape =
	| {
			kind: 'form';
			fields: Field[];
			fileField?: string;
			/** fields the page has as file inputs: sent as uploaded CSV files, as a browser would */
			uploads?: string[];
	  }
	| { kind: 'json' | 'plain text' | 'broken multipart' | 'oversized'; fields: Field[] };

/** The request options for a body: the headers and bytes a non-browser client would send. */
export function requestBody(shape: BodyShape): { headers: Record<string, string>; data: Buffer } {
	const urlencoded = () =>
		shape.fields.map(([name, value]) => `${encodeComponent(name)}=${encodeComponent(value)}`);
	switch (shape.kind) {
		case 'form': {
			if (!shape.fileField && !shape.uploads?.length) {
				return {
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					data: Buffer.from(urlencoded().join('&'))
				};
			}
			// a file upload where the page has a text field
			const boundary = '----corpus-boundary';
			const parts = shape.fields.map(([name, value]) =>
				name === shape.fileField
					? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.txt"\r\nContent-Type: text/plain\r\n\r\n${value}\r\n`
					: shape.uploads?.includes(name)
						? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\nContent-Type: text/csv\r\n\r\n${value}\r\n`
						: `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
			);
			return {
				headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
				data: Buffer.from(`${parts.join('')}--${boundary}--\r\n`)
			};
		}
		case 'json':
			return {
				headers: { 'content-type': 'application/json' },
				data: Buffer.from(JSON.stringify(Object.fromEntries(shape.fields)))
			};
		case 'plain text':
			return {
				headers: { 'content-type': 'text/plain' },
				data: Buffer.from(shape.fields.map(([name, value]) => `${name}=${value}`).join('\n'))
			};
		case 'broken multipart':
			return {
				headers: { 'content-type': 'multipart/form-data; boundary=corpus' },
				data: Buffer.from('--corpus\r\nContent-Disposition: form-data; name="x"\r\n\r\nno closing')
			};
		case 'oversized':
			// past the 2 MB limit: refused before anything reads it
			return {
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				data: Buffer.from([...urlencoded(), `padding=${'x'.repeat(2 * 1024 * 1024 + 1)}`].join('&'))
			};
	}
}

/** Every message a refusal carries: `message`, `deleteError`, nested ones such as practiceError.message. */
export function messagesIn(value: unknown): string[] {
	if (!value || typeof value !== 'object') return [];
	const found: string[] = [];
	for (const [key, item] of Object.entries(value)) {
		if ((key === 'message' || key === 'deleteError') && typeof item === 'string') found.push(item);
		else if (key !== 'values') found.push(...messagesIn(item));
	}
	return found;
}

const programmerWords =
	/undefined|\bnull\b|\bNaN\b|\[object|Error:|ZodError|invalid_type|SQLITE|Failed query|\bURI\b|\bat \S+ \(/;
/** zod's own messages, such as "Invalid input: expected string, received File" */
const validatorWords =
	/invalid input|expected (a |an )?(string|number|array|object)|received (undefined|file)|too (big|small):/i;

/**
 * What keeps a refusal's message from being a sentence a person can act on (a stack trace, a validator's
 * code, an empty shrug); an empty list when it is one.
 */
export function humanMessageProblems(message: string | null | undefined): string[] {
	if (typeof message !== 'string') return ['the refusal carries no message'];
	const problems: string[] = [];
	const quoted = `“${message.slice(0, 80)}”`;
	if (message.length <= 12) problems.push(`${quoted} is too short to be a sentence`);
	if (message.length >= 400) problems.push(`${quoted} echoes the input in bulk`);
	if (!/^[A-Z0-9“"‘']/.test(message)) problems.push(`${quoted} does not start like a sentence`);
	if (!/[a-z]+ [a-z]+/.test(message)) problems.push(`${quoted} has no words`);
	if (programmerWords.test(message)) problems.push(`${quoted} is a programmer's message`);
	if (validatorWords.test(message)) problems.push(`${quoted} is a validator's default`);
	return problems;
}
