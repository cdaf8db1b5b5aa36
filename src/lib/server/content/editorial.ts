import type { BloomLevel } from '../../quiz/types';
import type { Question } from '../../quiz/registry';
import { PERIOD_MINUTES } from './reading-time';
import { ContentError } from './source';

/**
 * Sites that repost other publishers' work: a reader checking a claim needs the original, so no
 * lesson, fact entry or packet document may link here.
 */
export const repostingDomains = [
	'alaturkaonline.com',
	'banderasnews.com',
	'blogspot.com',
	'borderlandbeat.com',
	'breitbart.com',
	'cityroma.com',
	'dailycaller.com',
	'docslib.org',
	'freerepublic.com',
	'hotair.com',
	'newser.com',
	'pledgetimes.com',
	'scribd.com',
	'topicsexpress.com',
	'wordpress.com'
];

/** Every lesson with questions climbs at least this far up Bloom's taxonomy. */
export const requiredBloomLevels: BloomLevel[] = ['analyze', 'evaluate', 'create'];

const urlPattern = /https?:\/\/[^\s'"<>)\]]+/g;

/** Links in a file to a reposting site, each at its line. */
export function repostLinks(file: string, text: string): ContentError[] {
	return text.split('\n').flatMap((line, index) =>
		[...line.matchAll(urlPattern)].flatMap(([url]) => {
			let host: string;
			try {
				host = new URL(url).hostname.toLowerCase();
			} catch {
				return [];
			}
			const domain = repostingDomains.find((d) => host === d || host.endsWith(`.${d}`));
			return domain
				? [
						new ContentError(
							file,
							index + 1,
							`${url} is on ${domain}, a reposting site: link the original publisher instead`
						)
					]
				: [];
		})
	);
}

/** The Bloom levels a lesson's questions never reach, of the ones every lesson must. */
export function missingBloomLevels(questions: Question[]): BloomLevel[] {
	return requiredBloomLevels.filter((level) => !questions.some((q) => q.bloom === level));
}

/** Whether the core path fits a period, and if not, by how much, for the editor to cut. */
export function periodOverrun(coreMinutes: number): string | null {
	return coreMinutes > PERIOD_MINUTES
		? `the core path takes about ${coreMinutes} min, over one ${PERIOD_MINUTES}-minute period: ` +
				`move ${coreMinutes - PERIOD_MINUTES}+ min into <Extension> blocks or cut repetition`
		: null;
}
