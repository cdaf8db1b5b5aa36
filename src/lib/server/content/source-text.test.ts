import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import expectedHashes from './source-paragraphs.sha256.json';
import { parseSource } from './source';

// The article as saved by the team, outside the repository; its non-empty lines are the page's 44 blocks.
const articlePath = '../shared/content/source-article.txt';
// 1-based blocks of the saved page that are not body paragraphs (chrome, headline, dek, caption, pull quotes)
const notBody = new Set([1, 2, 3, 4, 8, 28, 42, 43, 44]);
const sourcePath = 'lessons/sources/truthout-2014.md';

const source = parseSource(readFileSync(sourcePath, 'utf8'), sourcePath);
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const bodyIds = Array.from({ length: 35 }, (_, index) => `p${String(index + 1).padStart(2, '0')}`);

describe('the source file truthout-2014.md', () => {
	it('has exactly the 35 body paragraphs p01…p35, in order', () => {
		// Arrange
		const body = source.blocks.filter((block) => block.kind === 'body');

		// Act
		const ids = body.map((block) => block.id);

		// Assert
		expect(ids).toEqual(bodyIds);
		expect([...source.paragraphs.keys()]).toEqual(bodyIds);
	});

	it('has body paragraphs whose SHA-256 hashes match the committed fixture', () => {
		// Arrange
		const expected = Object.entries(expectedHashes);

		// Act
		const actual = [...source.paragraphs.values()].map((block) => [block.id, sha256(block.text)]);

		// Assert
		expect(expected.map(([id]) => id)).toEqual(bodyIds);
		expect(actual).toEqual(expected);
	});

	it('has body paragraphs equal to the saved article, block for block', () => {
		// Arrange
		const saved = existsSync(articlePath) ? readFileSync(articlePath, 'utf8') : null;

		// Act
		const blocks = saved?.split('\n').filter((line) => line.trim() !== '') ?? [];
		const body = blocks.filter((_, index) => !notBody.has(index + 1));

		// Assert
		if (saved === null) {
			// the shared folder is not part of the repository: the committed hashes stand in for it
			expect(Object.keys(expectedHashes)).toHaveLength(35);
			return;
		}
		expect(blocks).toHaveLength(44);
		expect([...source.paragraphs.values()].map((block) => block.text)).toEqual(body);
		expect(source.blocks.filter((block) => block.kind !== 'body').map((b) => b.text)).toEqual(
			blocks.filter((_, index) => notBody.has(index + 1))
		);
	});

	it('keeps pull quotes pq1, pq2 and site chrome x01…x04 out of the body paragraphs', () => {
		// Arrange
		const kinds = new Map(source.blocks.map((block) => [block.id, block.kind]));

		// Act
		const extras = ['pq1', 'pq2', 'x01', 'x02', 'x03', 'x04'].map((id) => [id, kinds.get(id)]);

		// Assert
		expect(extras).toEqual([
			['pq1', 'pull-quote'],
			['pq2', 'pull-quote'],
			['x01', 'chrome'],
			['x02', 'chrome'],
			['x03', 'chrome'],
			['x04', 'chrome']
		]);
		for (const [id] of extras) expect(source.paragraphs.has(id ?? '')).toBe(false);
		expect(source.paragraphs.size).toBe(35);
	});

	it('has pull quote pq2 word for word the same as p33', () => {
		// Arrange
		const pq2 = source.blocks.find((block) => block.id === 'pq2');

		// Act
		const p33 = source.paragraphs.get('p33');

		// Assert
		expect(pq2?.text).toBeTruthy();
		expect(pq2?.text).toBe(p33?.text);
	});
});
