// `tsx bench/profile-summary.ts <file.cpuprofile> [rows]`: the functions a V8 CPU profile (BENCH_PROFILE) spent
// the most time in, by self time and by inclusive time, as percentages of the whole profile.
import { readFileSync } from 'node:fs';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

const [file, rowsArg] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [rows]');
const rows = Number(rowsArg ?? 40);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parentOf.set(child, node.id);

// a frame's name: its function and where it lives, shortened to the package or build path
const keyOf = (node: ProfileNode) => {
	const { functionName, url, lineNumber } = node.callFrame;
	const where = url.replace(/.*\/(node_modules\/|build\/|src\/)/, '$1');
	return `${functionName || '(anonymous)'} ${where}:${lineNumber}`;
};

const timeOfNode = new Map<number, number>();
profile.samples.forEach((id, i) =>
	timeOfNode.set(id, (timeOfNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
);
const total = [...timeOfNode.values()].reduce((a, b) => a + b, 0);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, time] of timeOfNode) {
	const node = byId.get(id);
	if (!node) continue;
	self.set(keyOf(node), (self.get(keyOf(node)) ?? 0) + time);
	// each frame counts once per sample, however often it recurs up the stack
	const seen = new Set<string>();
	for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
		const key = keyOf(byId.get(at)!);
		if (seen.has(key)) continue;
		seen.add(key);
		inclusive.set(key, (inclusive.get(key) ?? 0) + time);
	}
}

const top = (times: Map<string, number>) =>
	[...times]
		.sort((a, b) => b[1] - a[1])
		.slice(0, rows)
		.map(([key, time]) => `${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`)
		.join('\n');
console.log(`self time\n${top(self)}\n\ninclusive time\n${top(inclusive)}`);
