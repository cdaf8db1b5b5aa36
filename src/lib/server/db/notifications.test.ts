import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database';
import { openTestDatabase, testEngines } from './testing';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Collects payloads and lets a test wait until a given number have arrived. */
function collector() {
	const received: string[] = [];
	const waiters: { count: number; resolve: () => void }[] = [];
	return {
		received,
		push(payload: string) {
			received.push(payload);
			for (const waiter of waiters.filter((w) => received.length >= w.count)) waiter.resolve();
		},
		until(count: number, timeoutMs = 5000) {
			if (received.length >= count) return Promise.resolve();
			return new Promise<void>((resolve, reject) => {
				const timer = setTimeout(
					() => reject(new Error(`got ${received.length} of ${count}: ${received.join(', ')}`)),
					timeoutMs
				);
				waiters.push({
					count,
					resolve: () => {
						clearTimeout(timer);
						resolve();
					}
				});
			});
		}
	};
}

for (const engine of testEngines) {
	describe(`notify and listen [${engine}]`, () => {
		// two handles on one database: on PostgreSQL they stand for two app processes
		let first: Database;
		let second: Database;
		let drop: () => Promise<void>;

		beforeAll(async () => {
			if (engine === 'sqlite') {
				const opened = await openTestDatabase('sqlite');
				first = second = opened.db;
				drop = opened.drop;
				return;
			}
			const name = `evidencia_test_notify_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
			const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database "${name}"`);
			const url = new URL(adminUrl);
			url.pathname = `/${name}`;
			first = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
			second = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 2 });
			drop = async () => {
				await first.close();
				await second.close();
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
				await admin.end({ timeout: 5 });
			};
		});
		afterAll(async () => {
			await drop?.();
		});

		it('delivers every payload, in order, to listeners on the same handle and on another', async () => {
			const here = collector();
			const there = collector();
			const stopHere = await first.listen('evidencia_test_a', here.push);
			const stopThere = await second.listen('evidencia_test_a', there.push);

			for (let i = 0; i < 20; i++) await first.notify('evidencia_test_a', `p${i}:state`);
			await second.notify('evidencia_test_a', 'from-second');
			await Promise.all([here.until(21), there.until(21)]);

			const expected = [...Array.from({ length: 20 }, (_, i) => `p${i}:state`), 'from-second'];
			expect(here.received).toEqual(expected);
			expect(there.received).toEqual(expected);
			await stopHere();
			await stopThere();
		});

		it('keeps channels apart and stops delivering after unsubscribe', async () => {
			const stopped = collector();
			const other = collector();
			const control = collector();
			const stop = await first.listen('evidencia_test_b', stopped.push);
			const stopOther = await first.listen('evidencia_test_c', other.push);
			const stopControl = await second.listen('evidencia_test_b', control.push);

			await second.notify('evidencia_test_b', 'one');
			await Promise.all([stopped.until(1), control.until(1)]);
			await stop();
			await stop(); // a second call is harmless
			await second.notify('evidencia_test_b', 'two');
			// the control listener has seen 'two', so the stopped one would have too by now
			await control.until(2);
			await new Promise((resolve) => setTimeout(resolve, 50));

			expect(stopped.received).toEqual(['one']);
			expect(control.received).toEqual(['one', 'two']);
			expect(other.received).toEqual([]);
			await stopOther();
			await stopControl();
		});

		it('delivers after the notifier returns, never inside its call', async () => {
			const seen = collector();
			const stop = await second.listen('evidencia_test_d', seen.push);
			const sending = first.notify('evidencia_test_d', 'later');
			expect(seen.received).toEqual([]);
			await sending;
			await seen.until(1);
			expect(seen.received).toEqual(['later']);
			await stop();
		});

		it('lets the same function listen twice, as two listeners', async () => {
			const seen = collector();
			const stopA = await first.listen('evidencia_test_e', seen.push);
			const stopB = await first.listen('evidencia_test_e', seen.push);
			await second.notify('evidencia_test_e', 'x');
			await seen.until(2);
			await stopA();
			await second.notify('evidencia_test_e', 'y');
			await seen.until(3);
			expect(seen.received).toEqual(['x', 'x', 'y']);
			await stopB();
		});

		if (engine === 'sqlite') {
			it('keeps delivering to the others when one listener throws', async () => {
				const seen = collector();
				const stopBad = await first.listen('evidencia_test_f', () => {
					throw new Error('listener bug');
				});
				const stopGood = await first.listen('evidencia_test_f', seen.push);
				await expect(first.notify('evidencia_test_f', 'ok')).resolves.toBeUndefined();
				await seen.until(1);
				expect(seen.received).toEqual(['ok']);
				await stopBad();
				await stopGood();
			});
		}

		if (engine === 'postgres') {
			it('listens again after its connection is killed, and says so', async () => {
				const seen = collector();
				let reconnects = 0;
				const stop = await first.listen('evidencia_test_g', seen.push, {
					onReconnect: () => reconnects++
				});
				await second.notify('evidencia_test_g', 'before');
				await seen.until(1);

				// the LISTEN connection of `first` is the one session that has run LISTEN on this channel
				await second.executeRaw(
					`select pg_terminate_backend(pid) from pg_stat_activity
					 where datname = current_database() and pid <> pg_backend_pid()
					 and query ilike 'listen "evidencia_test_g"%'`
				);
				const deadline = Date.now() + 10_000;
				while (reconnects === 0 && Date.now() < deadline) {
					await new Promise((resolve) => setTimeout(resolve, 20));
				}
				await second.notify('evidencia_test_g', 'after');
				await seen.until(2);

				expect(reconnects).toBe(1);
				expect(seen.received).toEqual(['before', 'after']);
				await stop();
			});
		}
	});
}
