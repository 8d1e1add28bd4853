/**
 * Live views as screens read them: the compact question and reveal of a view as sent (docs/api.md)
 * decoded with the server's token boundaries. Every reader of live views decodes with this: the
 * host screen, the phone page, the benchmark client and the tests.
 */
import { decodeQuestion, decodeReveal } from '../game/wire';
import type { HostView, PlayerView, ShownHostView, ShownPlayerView } from '../game/views';

/** A view decoded for the screen; throws on a reveal without its question or a malformed excerpt. */
export function decodeView(view: PlayerView): ShownPlayerView;
export function decodeView(view: HostView): ShownHostView;
export function decodeView(view: PlayerView | HostView): ShownPlayerView | ShownHostView {
	const question = view.question && {
		...view.question,
		question: decodeQuestion(view.question.question)
	};
	if (!view.reveal) return { ...view, question, reveal: null };
	if (!question) throw new Error('A live view has a reveal but no question.');
	const reveal = decodeReveal(view.reveal.reveal, question.question.excerpt);
	// The same object either way: the branches only pair each role with its kind of reveal for the
	// type checker.
	return view.role === 'player'
		? { ...view, question, reveal: { ...view.reveal, reveal } }
		: { ...view, question, reveal: { ...view.reveal, reveal } };
}
