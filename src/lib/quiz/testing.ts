// Test-only: a submitted form, built the way a browser would send it.
export function formData(entries: [string, string | Blob][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

/** bar id → count, for compact assertions on a response chart's counts */
export const countsOf = (counts: { id: string; count: number }[]) =>
	Object.fromEntries(counts.map(({ id, count }) => [id, count]));
