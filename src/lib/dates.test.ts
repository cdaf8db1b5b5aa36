import { afterEach, describe, expect, it } from 'vitest';
import { instantInZone, isTimeZone, showDate, wallTimeInZone, zoneName } from './dates';

const serverZone = process.env.TZ;
afterEach(() => {
	process.env.TZ = serverZone;
});

describe('one clock: dates shown in the class’s zone, whatever zone the server runs in', () => {
	const due = new Date('2026-12-05T23:30:00Z');
	const now = new Date('2026-12-01T12:00:00Z');

	it('shows a due date in the class’s zone and names the zone', () => {
		expect(showDate(due, 'America/Los_Angeles', 'due', { now })).toEqual({
			iso: '2026-12-05T23:30:00.000Z',
			text: 'Sat, Dec 5, 3:30 PM Pacific Time'
		});
		expect(showDate(due, 'Asia/Tokyo', 'due', { now }).text).toBe(
			'Sun, Dec 6, 8:30 AM Japan Standard Time'
		);
		expect(showDate(due, 'UTC', 'dateTime', { now }).text).toBe('Dec 5, 11:30 PM UTC');
		expect(showDate(due, 'America/Los_Angeles', 'date', { now }).text).toBe('Dec 5');
		expect(showDate(due, 'America/Los_Angeles', 'due', { now, withZone: false }).text).toBe(
			'Sat, Dec 5, 3:30 PM'
		);
	});

	it('adds the year only when it is not this year in that zone', () => {
		expect(showDate(new Date('2027-01-04T17:00:00Z'), 'UTC', 'date', { now }).text).toBe(
			'Jan 4, 2027'
		);
	});

	it('gives the same text on servers in different zones', () => {
		const texts = ['UTC', 'Pacific/Auckland', 'America/New_York'].map((zone) => {
			process.env.TZ = zone;
			return showDate(due, 'America/Los_Angeles', 'due', { now }).text;
		});
		expect(texts).toEqual(Array(3).fill('Sat, Dec 5, 3:30 PM Pacific Time'));
	});

	it('reads a typed wall-clock time in the class’s zone, across a daylight-saving change', () => {
		process.env.TZ = 'Asia/Kolkata';
		expect(
			instantInZone({ year: 2026, month: 12, day: 5, hour: 15, minute: 30 }, 'America/Los_Angeles')
		).toEqual(due);
		expect(
			instantInZone({ year: 2026, month: 7, day: 1, hour: 15, minute: 30 }, 'America/Los_Angeles')
		).toEqual(new Date('2026-07-01T22:30:00Z'));
		expect(wallTimeInZone(due, 'America/Los_Angeles')).toEqual({
			date: '2026-12-05',
			time: '15:30'
		});
	});

	it('knows a real zone from a made-up one, and says zones as people do', () => {
		expect([isTimeZone('America/Mexico_City'), isTimeZone('Mars/Olympus'), isTimeZone('')]).toEqual(
			[true, false, false]
		);
		expect(zoneName('Etc/UTC')).toBe('UTC');
		expect(zoneName('America/Los_Angeles', due)).toBe('Pacific Time');
	});
});

describe('dates in the reader’s language', () => {
	const due = new Date('2026-12-04T23:30:00Z');
	const now = new Date('2026-11-01T12:00:00Z');

	it('a Spanish reader sees the weekday, month, time and zone in Spanish, at the same instant', () => {
		const shown = showDate(due, 'America/Los_Angeles', 'due', { now, locale: 'es-419' });
		expect(shown.text).toBe('vie, 4 dic, 3:30 p.m. hora del Pacífico');
		expect(shown.iso).toBe('2026-12-04T23:30:00.000Z');
	});

	it('an English reader keeps the US form', () => {
		const shown = showDate(due, 'America/Los_Angeles', 'due', { now, locale: 'en-US' });
		expect(shown.text).toBe('Fri, Dec 4, 3:30 PM Pacific Time');
	});
});
