/** Why a launch or service call was refused: an HTTP status, a code the tests and logs name, a message for people. */
export class LtiRefusal extends Error {
	constructor(
		readonly status: 400 | 401 | 403 | 404 | 409 | 502,
		readonly code: string,
		message: string
	) {
		super(message);
		this.name = 'LtiRefusal';
	}
}
