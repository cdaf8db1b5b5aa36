import { listLessons } from '$lib/content/lessons';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ lessons: listLessons() });
