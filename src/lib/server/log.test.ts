import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, requestIdFrom, withRequestId } from './log';

const linesFrom = (spy: { mock: { calls: unknown[][] } }) =>
	spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);

describe('log', () => {
	afterEach(() => vi.restoreAllMocks());

	it('writes one JSON object per line, with the request id of the request it runs in', async () => {
		const out = vi.spyOn(console, 'log').mockImplementation(() => {});
		const err = vi.spyOn(console, 'error').mockImplementation(() => {});
		await withRequestId('req-aaaa-1111', async () => {
			log.info('first', { path: '/lessons' });
			// a line written after an await, as in a database call, still knows its request
			await new Promise((resolve) => setTimeout(resolve, 1));
			log.error('later', { status: 500 });
		});
		log.warn('outside any request');

		const [first, outside] = linesFrom(out);
		const [later] = linesFrom(err);
		expect(first).toMatchObject({
			level: 'info',
			message: 'first',
			requestId: 'req-aaaa-1111',
			path: '/lessons'
		});
		expect(later).toMatchObject({ level: 'error', requestId: 'req-aaaa-1111', status: 500 });
		expect(outside).toMatchObject({ level: 'warn', message: 'outside any request' });
		expect(outside).not.toHaveProperty('requestId');
	});

	it('keeps two overlapping requests apart', async () => {
		const out = vi.spyOn(console, 'log').mockImplementation(() => {});
		const slow = withRequestId('request-slow', async () => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			log.info('slow done');
		});
		const fast = withRequestId('request-fast', async () => log.info('fast done'));
		await Promise.all([slow, fast]);
		const byMessage = Object.fromEntries(linesFrom(out).map((l) => [l.message, l.requestId]));
		expect(byMessage).toEqual({ 'slow done': 'request-slow', 'fast done': 'request-fast' });
	});
});

describe('requestIdFrom', () => {
	it('keeps a plain id a proxy sent', () => {
		expect(requestIdFrom(new Headers({ 'x-request-id': 'abc123-def456' }))).toBe('abc123-def456');
	});

	it.each([
		['missing', undefined],
		['too short', 'abc'],
		['with spaces or markup', 'abc <script>alert(1)</script>'],
		['with a quote or brace', 'abcdefgh"},{"level":"error'],
		['too long', 'a'.repeat(65)]
	])('makes a new id when the sent one is %s', (_, sent) => {
		const headers = new Headers(sent === undefined ? {} : { 'x-request-id': sent });
		const id = requestIdFrom(headers);
		expect(id).not.toBe(sent);
		expect(id).toMatch(/^[0-9a-f-]{36}$/);
	});
});
