import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A random 120-bit id, URL-safe; rows get ids from the app so both engines behave the same. */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(15)));
}
