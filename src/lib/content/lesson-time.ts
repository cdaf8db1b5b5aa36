import { m } from '$lib/i18n';

/** A lesson's computed time as a teacher plans by it: the core path, then what the extensions add. */
export function lessonTimeText(time: { coreMinutes: number; extensionMinutes: number }): string {
	return time.extensionMinutes > 0
		? m.lesson_time_core_extension({ core: time.coreMinutes, extension: time.extensionMinutes })
		: m.lesson_time_core({ minutes: time.coreMinutes });
}
