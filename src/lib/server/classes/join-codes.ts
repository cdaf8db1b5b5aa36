/**
 * Join codes: 6 characters a class can read off a projector. No vowels, so a code never spells a word; no
 * 0/O, 1/I/L, 5/S or 8/B, so nobody mistypes one for another.
 */
export const joinCodeAlphabet = 'CDFGHJKMNPQRTVWXYZ234679';
export const joinCodeLength = 6;

export function generateJoinCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(joinCodeLength * 2));
	let code = '';
	// rejection sampling keeps every character equally likely
	for (const byte of bytes) {
		if (byte >= 256 - (256 % joinCodeAlphabet.length)) continue;
		code += joinCodeAlphabet[byte % joinCodeAlphabet.length];
		if (code.length === joinCodeLength) return code;
	}
	return code + generateJoinCode().slice(code.length);
}

/** What a student typed, as a code: case, spaces and dashes ignored; null when it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== joinCodeLength) return null;
	for (const character of code) if (!joinCodeAlphabet.includes(character)) return null;
	return code;
}

/** Passwords on printed login cards: 12 code characters in groups of four, easy to type from paper. */
export function generateCardPassword(): string {
	const groups = [generateJoinCode(), generateJoinCode()].join('').slice(0, 12).toLowerCase();
	return `${groups.slice(0, 4)}-${groups.slice(4, 8)}-${groups.slice(8, 12)}`;
}
