import { describe, expect, it, vi } from 'vitest';
import { createLocalChannels } from '../db/local-channels';
import { describeOnEachEngine } from '../db/testing';
import {
	createHub,
	decodeLiveNotification,
	encodeLiveNotification,
	liveChannel,
	publish,
	subscribe,
	type LiveChange,
	type LiveTransport
} from './hub';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function until(condition: () => boolean, timeoutMs = 5000) {
	return vi.waitFor(
		() => {
			if (!condition()) throw new Error('not yet');
		},
		{ timeout: timeoutMs, interval: 10 }
	);
}

/** A transport whose notify and reconnects the test controls. */
function fakeTransport() {
	let onPayload: ((payload: string) => void) | undefined;
	let onReconnect: (() => void) | undefined;
	const sent: string[] = [];
	let failNotify = false;
	const transport: LiveTransport = {
		async notify(channel, payload) {
			expect(channel).toBe(liveChannel);
			if (failNotify) throw new Error('connection lost');
			sent.push(payload);
		},
		async listen(_channel, handler, options) {
			onPayload = handler;
			onReconnect = options?.onReconnect;
			return async () => {
				onPayload = undefined;
			};
		}
	};
	return {
		transport,
		sent,
		receive: (payload: string) => onPayload?.(payload),
		reconnect: () => onReconnect?.(),
		failNotifications: () => (failNotify = true)
	};
}

describe('live notifications', () => {
	it('encode the session and the kind of change, and refuse anything else', () => {
		expect(encodeLiveNotification('abc123', 'answers')).toBe('abc123:answers');
		expect(decodeLiveNotification('abc123:answers')).toEqual({
			sessionId: 'abc123',
			change: 'answers'
		});
		expect(decodeLiveNotification('a:b:state')).toEqual({ sessionId: 'a:b', change: 'state' });
		expect(decodeLiveNotification('abc123:reveal')).toBeNull();
		expect(decodeLiveNotification(':state')).toBeNull();
		expect(decodeLiveNotification('state')).toBeNull();
	});
});

describe('createHub', () => {
	it('fans one notification out to every subscriber of that session only', async () => {
		const hub = createHub(createLocalChannels());
		await hub.ready;
		const heard: string[] = [];
		const stopA = hub.subscribe('s1', (kind) => heard.push(`a:${kind}`));
		hub.subscribe('s1', (kind) => heard.push(`b:${kind}`));
		hub.subscribe('s2', (kind) => heard.push(`other:${kind}`));

		hub.publish('s1', 'state');
		expect(heard).toEqual([]); // never inside the publisher's call
		await settle();
		expect(heard).toEqual(['a:state', 'b:state']);

		stopA();
		stopA();
		hub.publish('s1', 'answers');
		await settle();
		expect(heard).toEqual(['a:state', 'b:state', 'b:answers']);
		expect(hub.subscriberCount('s1')).toBe(1);
		expect(hub.subscriberCount()).toBe(2);
		await hub.close();
	});

	it('forgets a session when its last subscriber leaves', async () => {
		const hub = createHub(createLocalChannels());
		const stop1 = hub.subscribe('s1', () => undefined);
		const stop2 = hub.subscribe('s1', () => undefined);
		stop1();
		stop2();
		expect(hub.subscriberCount()).toBe(0);
		await hub.close();
	});

	it('keeps notifying the others when one subscriber throws', async () => {
		const hub = createHub(createLocalChannels());
		const heard: LiveChange[] = [];
		hub.subscribe('s1', () => {
			throw new Error('subscriber bug');
		});
		hub.subscribe('s1', (kind) => heard.push(kind));
		const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		hub.publish('s1', 'state');
		await settle();
		errors.mockRestore();
		expect(heard).toEqual(['state']);
		await hub.close();
	});

	it('sends answer counts at most once a window per session: the first at once, the rest folded into one', async () => {
		vi.useFakeTimers();
		try {
			const fake = fakeTransport();
			const hub = createHub(fake.transport, { answersEveryMs: 200 });
			for (let i = 0; i < 50; i++) hub.publish('s1', 'answers');
			hub.publish('s2', 'answers');
			hub.publish('s1', 'state'); // a change of state is never held back
			await vi.advanceTimersByTimeAsync(0);
			expect(fake.sent).toEqual(['s1:answers', 's2:answers', 's1:state']);
			await vi.advanceTimersByTimeAsync(200);
			expect(fake.sent).toEqual(['s1:answers', 's2:answers', 's1:state', 's1:answers']);
			// nothing came in the last window: nothing more is sent
			await vi.advanceTimersByTimeAsync(1000);
			expect(fake.sent).toHaveLength(4);
			hub.publish('s1', 'answers');
			await vi.advanceTimersByTimeAsync(0);
			expect(fake.sent.at(-1)).toBe('s1:answers');
			expect(fake.sent).toHaveLength(5);
			await hub.close();
		} finally {
			vi.useRealTimers();
		}
	});

	it('sends through the transport and delivers what the transport receives', async () => {
		const fake = fakeTransport();
		const hub = createHub(fake.transport);
		await hub.ready;
		const heard: LiveChange[] = [];
		hub.subscribe('s1', (kind) => heard.push(kind));

		hub.publish('s1', 'answers');
		await settle();
		expect(fake.sent).toEqual(['s1:answers']);
		expect(heard).toEqual([]); // only what comes back from the database counts

		const warnings = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		fake.receive('s1:state');
		fake.receive('garbage');
		fake.receive('s2:state');
		warnings.mockRestore();
		expect(heard).toEqual(['state']);
		await hub.close();
	});

	it('still tells its own process when the database refuses the notification', async () => {
		const fake = fakeTransport();
		const hub = createHub(fake.transport);
		const heard: LiveChange[] = [];
		hub.subscribe('s1', (kind) => heard.push(kind));
		fake.failNotifications();
		const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		hub.publish('s1', 'state');
		await settle();
		errors.mockRestore();
		expect(heard).toEqual(['state']);
		await hub.close();
	});

	it('asks every subscribed session to reload after listening resumes', async () => {
		const fake = fakeTransport();
		const hub = createHub(fake.transport);
		const heard: string[] = [];
		hub.subscribe('s1', (kind) => heard.push(`s1:${kind}`));
		hub.subscribe('s2', (kind) => heard.push(`s2:${kind}`));
		const warnings = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		fake.reconnect();
		warnings.mockRestore();
		expect(heard.sort()).toEqual(['s1:state', 's2:state']);
		await hub.close();
	});

	it('reports a transport that cannot listen through `ready`', async () => {
		const hub = createHub({
			notify: async () => undefined,
			listen: async () => {
				throw new Error('no listen for you');
			}
		});
		const errors = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
		await expect(hub.ready).rejects.toThrow('no listen for you');
		errors.mockRestore();
		await hub.close();
	});
});

describe('the module hub before initHub', () => {
	it('works in-process, so domain tests can watch publish()', async () => {
		const heard: LiveChange[] = [];
		const stop = subscribe('module-s1', (kind) => heard.push(kind));
		publish('module-s1', 'answers');
		publish('module-s1');
		await settle();
		stop();
		expect(heard).toEqual(['answers', 'state']);
	});
});

describeOnEachEngine('live hub over the database', (getDb) => {
	it('carries a publish from one hub to another on the same database', async () => {
		const teacherSide = createHub(getDb());
		const studentSide = createHub(getDb());
		await Promise.all([teacherSide.ready, studentSide.ready]);
		const heard: LiveChange[] = [];
		studentSide.subscribe('shared', (kind) => heard.push(kind));

		teacherSide.publish('shared', 'state');
		teacherSide.publish('shared', 'answers');
		await until(() => heard.length === 2);
		// two publishes may take two pooled connections: no order between them, and none is needed
		expect(heard.sort()).toEqual(['answers', 'state']);
		await teacherSide.close();
		await studentSide.close();
	});
});
