import { z } from 'zod';
import type { ContentError } from './source';
import { readYaml, zodIssuesToErrors } from './yaml-file';

const factsSchema = z.array(
	z.strictObject({
		id: z.string().regex(/^B\d{1,2}$/, 'fact ids look like B5'),
		title: z.string().min(1),
		sources: z.array(z.url())
	})
);

export type Fact = z.infer<typeof factsSchema>[number];

/** The fact-check entries (B1…B25) that questions cite for what other sources say. */
export function parseFacts(
	text: string,
	file: string
): { facts: Map<string, Fact>; errors: ContentError[] } {
	const yaml = readYaml(text, file);
	const parsed = factsSchema.safeParse(yaml.data);
	if (!parsed.success)
		return { facts: new Map(), errors: zodIssuesToErrors(yaml, parsed.error.issues) };
	return { facts: new Map(parsed.data.map((fact) => [fact.id, fact])), errors: [] };
}
