/** A packet document as a page shows it: a full citation, the excerpt if checked, our summary. */
export interface PacketDocumentView {
	id: string;
	title: string;
	/** "Wall Street Journal · Devlin Barrett · Nov 21, 2014" */
	citation: string;
	/** the machine date for <time>, at the precision the sources allow */
	date: string;
	url: string;
	kindLabel: string;
	excerpt: string | null;
	summary: string;
	checked: string;
	/** in a translated view: the document's own title (the one above is translated) */
	originalTitle?: string;
	/** in a translated view: the excerpt's language, so it is read in that language */
	excerptLang?: 'en' | 'es' | null;
	/** in a translated view: our translation of an excerpt not in the reader's language */
	excerptTranslation?: string | null;
}
