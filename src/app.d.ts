// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** quoted on the error page so a teacher can report exactly which failure happened */
			errorId?: string;
		}
		interface Locals {
			/** names this request in every log line, the X-Request-Id header and the error page */
			requestId: string;
			user: import('$lib/server/auth/session').SessionUser | null;
			session: import('$lib/server/auth/session').SessionValidationResult['session'];
			/** an LMS origin this page's form posts to (the deep-linking answer), added to CSP form-action */
			formActionOrigin?: string;
		}
		/** What lesson pages give the components that lesson Markdown uses. */
		interface PageData {
			sourceId?: string;
			excerpts?: Record<string, string>;
			/** in Spanish: the excerpts' translations, shown beside the English */
			excerptTranslations?: Record<string, string>;
			facts?: Record<string, { title: string; sources: string[] }>;
			checks?: Record<string, import('$lib/quiz/feedback').QuestionState>;
		}
	}
}

export {};
