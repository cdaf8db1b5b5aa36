/**
 * One tap on an answer tile sends it, after a short wait in which Undo takes it back: a slip of the finger
 * costs nothing, and a tap on another tile in the wait changes the choice. Pure timing, no DOM.
 */

/** How long a tapped answer waits before it is sent. */
export const undoWindowMs = 2500;

export interface UndoTimers {
	set(run: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

const realTimers: UndoTimers = {
	set: (run, ms) => setTimeout(run, ms),
	clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface UndoableSend<T> {
	/** the tapped choice waiting to be sent; null when none waits */
	readonly waiting: T | null;
	/** waits with this choice, starting the wait again if another was waiting */
	tap(choice: T): void;
	/** takes the waiting choice back: nothing is sent */
	undo(): void;
	/** sends the waiting choice now (time is running out), if one waits */
	sendNow(): void;
}

/**
 * `send` gets the choice once the wait is over; `changed` hears every change of the waiting choice (to show
 * the Undo bar). Only the last tap is sent, and only once.
 */
export function undoableSend<T>(options: {
	send: (choice: T) => void;
	changed?: (waiting: T | null) => void;
	windowMs?: number;
	timers?: UndoTimers;
}): UndoableSend<T> {
	const { send, changed = () => {}, windowMs = undoWindowMs, timers = realTimers } = options;
	let waiting: T | null = null;
	let handle: unknown = null;

	const settle = (): T | null => {
		const choice = waiting;
		if (handle !== null) timers.clear(handle);
		handle = null;
		waiting = null;
		if (choice !== null) changed(null);
		return choice;
	};

	return {
		get waiting() {
			return waiting;
		},
		tap(choice) {
			if (handle !== null) timers.clear(handle);
			waiting = choice;
			changed(choice);
			handle = timers.set(() => {
				handle = null;
				const due = settle();
				if (due !== null) send(due);
			}, windowMs);
		},
		undo() {
			settle();
		},
		sendNow() {
			const due = settle();
			if (due !== null) send(due);
		}
	};
}
