/**
 * Refusals of the teacher-article service: the status a route answers with and a message a
 * teacher can act on.
 */
import { Refusal } from '../refusal';

/** A refused request about a teacher's article (404 for anyone who may not see it). */
export class ArticleError extends Refusal {}

/** The one reply for an article someone may not see, whether or not it exists. */
export function articleNotFound(): ArticleError {
	return new ArticleError(404, 'There is no article here, or it is not shared with you.');
}
