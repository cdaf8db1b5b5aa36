import { m } from '$lib/i18n';

/**
 * Seconds left until `closesAt` (epoch ms, server clock), corrected by how far the server's clock is
 * ahead of this device's; never below 0.
 */
export function secondsLeft(closesAt: number, now: number, clockOffset = 0): number {
	return Math.max(0, Math.ceil((closesAt - (now + clockOffset)) / 1000));
}

/**
 * How far the server's clock is ahead of this device's, from the server's time in the page data. Only a
 * real skew (over 5 s) counts: a smaller difference is mostly the page's own travel and start-up time.
 */
export function clockOffset(serverNow: number, deviceNow: number): number {
	const offset = serverNow - deviceNow;
	return Math.abs(offset) > 5000 ? offset : 0;
}

/** "1:05", "0:09": how the timer reads on screen. */
export function formatSeconds(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What a screen reader hears about the timer: one line from 10 seconds left and one when time is up,
 * so a countdown never talks over the question (a live region speaks only when its text changes).
 */
export function timerAnnouncement(seconds: number): string {
	if (seconds === 0) return m.live_time_up();
	if (seconds <= 10) return m.live_ten_seconds_left();
	return '';
}
