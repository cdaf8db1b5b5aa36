/** The words of a player's result on the phone: places, counts and streaks. */

/** "1st", "2nd", "3rd", "4th", "11th", "22nd". */
export function ordinal(n: number): string {
	const teen = n % 100 >= 11 && n % 100 <= 13;
	const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
	return `${n}${suffix}`;
}

/** "1 point", "300 points". */
export function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "3 in a row" from two right answers running; nothing to say for fewer. */
export function streakText(streak: number): string | null {
	return streak >= 2 ? `${streak} in a row` : null;
}

/** "2nd of 24": the place among the session's players. */
export function placeText(rank: number, players: number): string {
	return `${ordinal(rank)} of ${players}`;
}
