// `npm run check:content`: validates lessons/ (sources, facts, question banks) and lists every problem as file:line.
import { buildContent } from '../src/lib/server/content/build';
import { readContentFiles } from '../src/lib/server/content/content-files';

const built = buildContent(readContentFiles());
const { content } = built;
const problems = [...built.errors, ...built.editorial];

if (problems.length > 0) {
	console.error(`Content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`);
	for (const error of problems) console.error(`  ${error.message}`);
	process.exit(1);
}
console.log(
	`Content is valid: ${content.sources.size} source(s), ${content.facts.size} fact-sheet entries, ` +
		`${content.lessons.size} lesson(s), ${content.questions.size} question(s), ` +
		`${content.documents.size} packet document(s).`
);
for (const lesson of content.lessonsInOrder)
	console.log(
		`  ${String(lesson.number).padStart(2, '0')} ${lesson.slug}: core ${lesson.coreMinutes} min` +
			(lesson.extensionMinutes ? `, extension ${lesson.extensionMinutes} min` : '')
	);
