import { describe, expect, it } from 'vitest';
import {
	generateCardPassword,
	generateJoinCode,
	joinCodeAlphabet,
	normalizeJoinCode
} from './join-codes';

describe('join codes', () => {
	it('are 6 characters from an alphabet without vowels or look-alikes', () => {
		for (const lookAlike of ['A', 'E', 'I', 'O', 'U', '0', '1', 'L', '5', 'S', '8', 'B']) {
			expect(joinCodeAlphabet).not.toContain(lookAlike);
		}
		const codes = Array.from({ length: 500 }, generateJoinCode);
		for (const code of codes) expect(code).toMatch(/^[CDFGHJKMNPQRTVWXYZ234679]{6}$/);
		expect(new Set(codes).size).toBeGreaterThan(490);
	});

	it('are read back ignoring case, spaces and dashes', () => {
		expect(normalizeJoinCode(' kx7-q2m ')).toBe('KX7Q2M');
		expect(normalizeJoinCode('KX7Q2')).toBeNull();
		expect(normalizeJoinCode('KX7Q2O')).toBeNull();
		expect(normalizeJoinCode('')).toBeNull();
	});

	it('card passwords are three groups of four readable characters', () => {
		expect(generateCardPassword()).toMatch(
			/^[cdfghjkmnpqrtvwxyz234679]{4}(-[cdfghjkmnpqrtvwxyz234679]{4}){2}$/
		);
	});
});
