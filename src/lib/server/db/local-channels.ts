import { log } from '../log';

type Listener = (payload: string) => void;

/**
 * Notify/listen inside one process, with PostgreSQL's delivery rules: asynchronous (never inside the notifier's
 * call stack, so never inside its write transaction), in order, and a failing listener hurts no other.
 */
export function createLocalChannels() {
	const channels = new Map<string, Set<Listener>>();

	return {
		async notify(channel: string, payload: string): Promise<void> {
			await Promise.resolve();
			// a copy: listeners that subscribe or unsubscribe while this runs take effect from the next payload
			for (const listener of [...(channels.get(channel) ?? [])]) {
				try {
					listener(payload);
				} catch (error) {
					log.error('notification listener failed', { channel, error: String(error) });
				}
			}
		},
		async listen(channel: string, onPayload: Listener): Promise<() => Promise<void>> {
			// a wrapper per call, so the same function listening twice is two listeners
			const listener: Listener = (payload) => onPayload(payload);
			const listeners = channels.get(channel) ?? new Set<Listener>();
			channels.set(channel, listeners);
			listeners.add(listener);
			return async () => {
				listeners.delete(listener);
				if (listeners.size === 0 && channels.get(channel) === listeners) channels.delete(channel);
			};
		}
	};
}
