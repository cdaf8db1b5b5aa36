/** A promise-chain lock: callers run one at a time, in arrival order. */
export function createMutex() {
	let tail: Promise<unknown> = Promise.resolve();
	return {
		run<T>(task: () => Promise<T>): Promise<T> {
			const result = tail.then(task);
			// the next caller waits for this one to settle, whether it succeeded or not
			tail = result.catch(() => undefined);
			return result;
		}
	};
}
