// `npm run check:content`: validates lessons/ (sources, facts, question banks) and lists every problem as file:line.
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';

const { content, errors } = buildContent(readContentFiles());

if (errors.length > 0) {
	console.error(`Content has ${errors.length} problem${errors.length === 1 ? '' : 's'}:`);
	for (const error of errors) console.error(`  ${error.message}`);
	process.exit(1);
}
console.log(
	`Content is valid: ${content.sources.size} source(s), ${content.facts.size} fact-sheet entries, ` +
		`${content.lessons.size} lesson(s), ${content.questions.size} question(s).`
);
