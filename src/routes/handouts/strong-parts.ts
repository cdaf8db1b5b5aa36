// A message with named values that print in bold (place names on the map, key words on the notes sheet),
// split into plain and bold runs so the page can wrap the values in <strong> without {@html}.

export interface TextPart {
	text: string;
	strong: boolean;
}

const mark = '\u0000';

/**
 * Calls the message with each value wrapped in markers, then splits its text on them: the translation
 * decides where the values go, and the values (never the message's own words) come back bold.
 */
export function strongParts<Values extends Record<string, string>>(
	message: (inputs: Values) => string,
	values: Values
): TextPart[] {
	const marked = Object.fromEntries(
		Object.entries(values).map(([name, value]) => [name, `${mark}${value}${mark}`])
	) as Values;
	return message(marked)
		.split(mark)
		.map((text, index) => ({ text, strong: index % 2 === 1 }))
		.filter((part) => part.text !== '');
}
