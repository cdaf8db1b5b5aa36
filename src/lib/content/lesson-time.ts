/** A lesson's computed time as a teacher plans by it: the core path, then what the extensions add. */
export function lessonTimeText(time: { coreMinutes: number; extensionMinutes: number }): string {
	const core = `${time.coreMinutes} min core path`;
	return time.extensionMinutes > 0 ? `${core} + ${time.extensionMinutes} min extension` : core;
}
