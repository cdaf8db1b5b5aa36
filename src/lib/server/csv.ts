import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * RFC 4180 CSV: CRLF between records, fields with a comma, quote, CR or LF quoted and quotes doubled.
 * It starts with a UTF-8 byte order mark so that Excel reads accented names, and a text cell starting
 * with = + - @ tab or CR gets a leading ' so a spreadsheet shows it rather than running it as a formula.
 */
export function toCsv(header: string[], rows: CsvCell[][]): string {
	return stringify([header, ...rows], {
		bom: true,
		record_delimiter: 'windows',
		// giving record_delimiter turns off quoting of a lone \n or \r inside a field unless asked
		quote_record_delimiter: true,
		escape_formulas: true
	});
}
