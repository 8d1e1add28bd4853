/**
 * A request the server refuses, with the HTTP status the route answers with and a message a person
 * can act on. Each service has its own subclass, so a route catches only its service's refusals.
 */
export class Refusal extends Error {
	constructor(
		readonly status: number,
		message: string
	) {
		super(message);
		this.name = new.target.name;
	}
}
