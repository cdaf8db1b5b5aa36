import { afterEach, describe, expect, it, vi } from 'vitest';
import { log, requestIdFrom, withRequestId } from './log';

const linesFrom = (spy: { mock: { calls: unknown[][] } }) =>
	spy.mock.calls
		.flatMap(([text]) => String(text).split('\n').filter(Boolean))
		.map((line) => JSON.parse(line) as Record<string, unknown>);

const spyOnOutput = () => ({
	out: vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
	err: vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
});
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('log', () => {
	afterEach(() => vi.restoreAllMocks());

	it('writes one JSON object per line, with the request id of the request it runs in', async () => {
		const { out, err } = spyOnOutput();
		await withRequestId('req-aaaa-1111', async () => {
			log.info('first', { path: '/lessons' });
			// a line written after an await, as in a database call, still knows its request
			await new Promise((resolve) => setTimeout(resolve, 1));
			log.error('later', { status: 500 });
		});
		log.warn('outside any request');
		await nextTurn();

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
		const { out } = spyOnOutput();
		const slow = withRequestId('request-slow', async () => {
			await new Promise((resolve) => setTimeout(resolve, 5));
			log.info('slow done');
		});
		const fast = withRequestId('request-fast', async () => log.info('fast done'));
		await Promise.all([slow, fast]);
		await nextTurn();
		const byMessage = Object.fromEntries(linesFrom(out).map((l) => [l.message, l.requestId]));
		expect(byMessage).toEqual({ 'slow done': 'request-slow', 'fast done': 'request-fast' });
	});
});

describe('log output', () => {
	afterEach(() => vi.restoreAllMocks());

	it('sends the lines of one turn of the event loop in one write, and an error at once after them', async () => {
		const { out, err } = spyOnOutput();
		log.info('one');
		log.info('two');
		expect(out).not.toHaveBeenCalled();
		log.error('three');
		// the waiting lines went out first, so the order in a merged log is kept
		expect(out).toHaveBeenCalledTimes(1);
		expect(linesFrom(out).map((l) => l.message)).toEqual(['one', 'two']);
		expect(linesFrom(err).map((l) => l.message)).toEqual(['three']);
		log.info('four');
		await nextTurn();
		expect(out).toHaveBeenCalledTimes(2);
		expect(linesFrom(out).map((l) => l.message)).toEqual(['one', 'two', 'four']);
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
