/**
 * Solo play on the server, in parts: seats (a player and its machine), create (new rounds), play
 * (each step of a round) and view (what the player may see). The answer key (the frozen
 * `questions` of a game) never leaves these modules before the player has answered, the server
 * clock decides every time question, and every write happens in one transaction.
 */
export { SOLO_COOKIE, SoloError, insertSoloPlayer, resetSoloSeat } from './seats';
export { createPracticeGame, createSoloGame } from './create';
export {
	answerSoloQuestion,
	nextSoloQuestion,
	quitSoloGame,
	startSoloGame,
	timeoutSoloQuestion
} from './play';
export { getSoloView, loadLeaderboard } from './view';
