import { describe, expect, it } from 'vitest';
import { checkNickname, nicknameKey } from './nicknames';

const refused = (input: unknown) => {
	const result = checkNickname(input);
	return result.ok ? null : result.message;
};

describe('checkNickname', () => {
	it('accepts names in any alphabet, trimmed, NFC and with single spaces', () => {
		expect(checkNickname('  Ana  ')).toEqual({ ok: true, nickname: 'Ana', key: 'ana' });
		expect(checkNickname('María   José')).toEqual({
			ok: true,
			nickname: 'María José',
			// the key is a TR39 skeleton, where "m" and "rn" look the same
			key: 'rnariajose'
		});
		// "e" + combining acute is stored as the single character é
		expect(checkNickname('Jose\u0301')).toMatchObject({ ok: true, nickname: 'José' });
		for (const name of ["O'Brien", 'Dj-x_2.0', 'Zoë', 'Liu 刘', 'Analía', 'Calculo', 'Zora']) {
			expect(checkNickname(name)).toMatchObject({ ok: true, nickname: name });
		}
	});

	it('folds case, accents, spaces and punctuation into the key names collide on', () => {
		const keys = ['Ana', 'ana', 'A na', 'ÁNA', 'a.n-a'].map(nicknameKey);
		expect(new Set(keys)).toEqual(new Set(['ana']));
		expect(nicknameKey('Ana 2')).not.toBe(nicknameKey('Ana'));
	});

	it('folds look-alike letters from other scripts into the Latin ones (TR39 skeletons)', () => {
		const mara = nicknameKey('Mara');
		expect(mara).toBe('rnara');
		for (const lookAlike of [
			'M\u0430ra', // Cyrillic small a
			'\u041C\u0430ra', // Cyrillic capital Em, whose small form looks like no Latin letter
			'M\u03B1ra', // Greek small alpha
			'\u039Cara', // Greek capital Mu
			'\u13B7ara', // Cherokee capital MU
			'\uFF2Dara', // fullwidth M
			'rnara', // r + n, which looks like m
			'MARA'
		]) {
			expect(nicknameKey(lookAlike), JSON.stringify(lookAlike)).toBe(mara);
		}
		// a capital I is still an i, whatever its script; 0 and 1 read as o and l
		expect(['Ivan', 'ivan', '\u0406van', '\u0399van'].map(nicknameKey)).toEqual([
			'ivan',
			'ivan',
			'ivan',
			'ivan'
		]);
		expect(nicknameKey('B0b')).toBe(nicknameKey('Bob'));
		expect(nicknameKey('Lia')).not.toBe(nicknameKey('Mia'));
		expect(nicknameKey('Ana')).not.toBe(nicknameKey('Ann'));
	});

	it('refuses words from the list, in English and Spanish, leetspeak and spaced out too', () => {
		for (const word of [
			'fuck',
			'FuUuCk',
			'sh1t',
			'b1tch',
			'f u c k',
			'sh it',
			'Puta',
			'pUt4',
			'cabrón',
			'Pendejo',
			'Zorra'
		]) {
			expect(refused(word), word).toBe('That nickname is not allowed here. Choose another one.');
		}
	});

	it('refuses symbols, control, zero-width and direction characters', () => {
		expect(refused('a$$hole')).toMatch(/only letters, digits, spaces/);
		for (const sneaky of [
			'Ana\u200b',
			'A\u200dna',
			'\u202eAna',
			'An\u2066a',
			'Ana\u0007',
			'An\ta',
			'Ana\ufeff'
		]) {
			expect(refused(sneaky), JSON.stringify(sneaky)).toMatch(/invisible or control characters/);
		}
	});

	it('holds names to 2–20 characters and refuses a megabyte at once', () => {
		expect(refused('x')).toMatch(/at least 2/);
		expect(refused('a'.repeat(21))).toMatch(/20 characters or fewer/);
		expect(checkNickname('a'.repeat(20))).toMatchObject({ ok: true });
		const started = performance.now();
		expect(refused('a'.repeat(1024 * 1024))).toMatch(/20 characters or fewer/);
		expect(performance.now() - started).toBeLessThan(50);
		expect(refused('...')).toMatch(/at least one letter or digit/);
		expect(refused('   ')).toBe('Choose a nickname.');
		expect(refused(undefined)).toBe('Choose a nickname.');
		expect(refused(42)).toBe('Choose a nickname.');
	});
});
