import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

const bom = '\uFEFF';

/** A strict RFC 4180 reader: CRLF ends a record; a quoted field may hold commas, CR, LF and doubled quotes. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let index = 0;
	while (index < text.length) {
		if (text[index] === '"') {
			const close = readQuoted(text, index + 1);
			field += close.value;
			index = close.end;
		} else if (text[index] === ',') {
			record.push(field);
			field = '';
			index++;
		} else if (text.startsWith('\r\n', index)) {
			records.push([...record, field]);
			record = [];
			field = '';
			index += 2;
		} else {
			if (text[index] === '\r' || text[index] === '\n')
				throw new Error(`bare line break at ${index}`);
			field += text[index];
			index++;
		}
	}
	if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
	return records;
}

function readQuoted(text: string, start: number): { value: string; end: number } {
	let value = '';
	let index = start;
	for (;;) {
		const quote = text.indexOf('"', index);
		if (quote === -1) throw new Error(`unclosed quote from ${start - 1}`);
		value += text.slice(index, quote);
		if (text[quote + 1] !== '"') return { value, end: quote + 1 };
		value += '"';
		index = quote + 2;
	}
}

describe('toCsv', () => {
	it('starts with a UTF-8 byte order mark and ends every record with CRLF', () => {
		// Act
		const csv = toCsv(['name', 'grade'], [['Zoë', 90]]);

		// Assert
		expect(csv).toBe(`${bom}name,grade\r\nZoë,90\r\n`);
	});

	it('quotes a name with a comma and a double quote so it reads back whole', () => {
		// Arrange
		const name = 'Ana "Nina" López, Jr.';

		// Act
		const csv = toCsv(['name', 'grade'], [[name, 75]]);

		// Assert
		expect(csv).toContain('"Ana ""Nina"" López, Jr.",75\r\n');
		expect(parseCsv(csv.slice(bom.length))).toEqual([
			['name', 'grade'],
			[name, '75']
		]);
	});

	it('keeps line breaks inside a written answer, in one quoted field', () => {
		// Arrange
		const answer = 'First, the court filings.\nThen the official.\r\nLast: "the numbers".';

		// Act
		const csv = toCsv(
			['student', 'answer'],
			[
				['ana', answer],
				['ben', 'Short\ranswer']
			]
		);

		// Assert
		expect(parseCsv(csv.slice(bom.length))).toEqual([
			['student', 'answer'],
			['ana', answer],
			['ben', 'Short\ranswer']
		]);
	});

	it('neutralises text a spreadsheet would run as a formula, but not negative numbers', () => {
		// Arrange
		const rows = [
			['=HYPERLINK("http://evil.example","click")', '+1', '-1', '@SUM(A1)', -2, '\tx', 'a=b']
		];

		// Act
		const csv = toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g'], rows);

		// Assert
		expect(parseCsv(csv.slice(bom.length))[1]).toEqual([
			`'=HYPERLINK("http://evil.example","click")`,
			"'+1",
			"'-1",
			"'@SUM(A1)",
			'-2',
			"'\tx",
			'a=b'
		]);
	});

	it('writes null and undefined as empty cells', () => {
		// Act
		const csv = toCsv(['a', 'b', 'c', 'd'], [[null, 'x', undefined, 0]]);

		// Assert
		expect(csv).toBe(`${bom}a,b,c,d\r\n,x,,0\r\n`);
	});

	it('writes the header alone when there are no rows', () => {
		// Act
		const csv = toCsv(['name', 'grade'], []);

		// Assert
		expect(csv).toBe(`${bom}name,grade\r\n`);
	});
});
