import type { ProjectorPart } from '../../quiz/module';
import type { PublicQuestion } from '../../quiz/registry';
import type { Choice } from '../../quiz/types';
import type { ResolvedEvidence } from '../../quiz/feedback';
import type {
	LiveJoinMode,
	LivePhase,
	LiveScoring,
	NicknameLanguage,
	TimeAccommodation
} from '../db/enums';

/**
 * What each audience of a live session sees, rebuilt from the database after every change. Players' views
 * never hold a key, feedback or explanation before the teacher reveals: only `reveal` carries them.
 */

export interface LiveOptions {
	/** null = no timer */
	timerSeconds: number | null;
	scoring: LiveScoring;
	showLeaderboard: boolean;
	/** whether everyone sees class members' real names; otherwise signed-in students pick nicknames too */
	showRealNames: boolean;
	/** who may join and how players are named (enums.ts liveJoinModes) */
	joinMode: LiveJoinMode;
	/** the lists names are drawn from when joinMode is 'generated' */
	nicknameLanguage: NicknameLanguage;
	/** user id → extra seconds per question (class members only) */
	extraTime: Record<string, number>;
}

export interface LiveQuestionView {
	index: number;
	total: number;
	lessonTitle: string;
	/** the answerless projection, as lesson pages get it */
	question: PublicQuestion;
	/** the choices answered with one tap (tile A, B, C… on the projector and the phone); null: compose, then send */
	tiles: Choice[] | null;
	/** epoch ms when answers close for this audience (with extra time for a player); null = no timer */
	closesAt: number | null;
	paused: boolean;
}

export interface OptionTally {
	id: string;
	label: string;
	correct: boolean;
	count: number;
}

/** Everything the reveal shows: the same for every player, plus each player's own result. */
export interface LiveRevealView {
	index: number;
	total: number;
	prompt: string;
	correctAnswer: string;
	explanation: string;
	evidence: ResolvedEvidence[];
	distribution: OptionTally[];
	answered: number;
	players: number;
}

export interface LeaderboardEntry {
	rank: number;
	nickname: string;
	points: number;
	correct: number;
}

export interface PlayerResult {
	answered: boolean;
	correct: boolean;
	earned: number;
	points: number;
	totalPoints: number;
	totalCorrect: number;
	/** right answers in a row, ending at this question (0 after a miss) */
	streak: number;
	/** place among the session's players by points (equal scores share it); null when the leaderboard is hidden */
	rank: number | null;
}

/** The projector and the teacher's controls (one view; the projector hides the controls). */
export interface HostView {
	version: number;
	sessionId: string;
	code: string;
	title: string;
	phase: LivePhase;
	paused: boolean;
	options: LiveOptions;
	players: {
		id: string;
		nickname: string;
		/** a signed-in player's display name, for the teacher's controls only (never the projector's screen) */
		realName: string | null;
		/** their accommodation's extra time in the session's class, for the teacher's controls only */
		timeAccommodation: TimeAccommodation | null;
		answered: boolean;
		points: number;
		correct: number;
	}[];
	/** how many networks (client addresses) have added as many guests as one may: more are turned away */
	fullGuestNetworks: number;
	/** the most guests one network may add */
	guestsPerNetwork: number;
	questionCount: number;
	/** with what the projector shows under the prompt (the choices, or how to answer) */
	question: (LiveQuestionView & { projector: ProjectorPart[] }) | null;
	answeredCount: number;
	/**
	 * While a timed question is open: the players yet to answer whose time outlasts the class's timer, and when
	 * the last of them closes (epoch ms; null when one has no time limit). The projector never shows it.
	 */
	extendedTime: { players: number; closesAt: number | null } | null;
	reveal: LiveRevealView | null;
	leaderboard: LeaderboardEntry[] | null;
}

/** One player's device. */
export interface PlayerView {
	version: number;
	code: string;
	title: string;
	phase: LivePhase;
	paused: boolean;
	nickname: string;
	playerCount: number;
	question: LiveQuestionView | null;
	/** this player has answered the open question: "answer received" */
	answeredCurrent: boolean;
	reveal: LiveRevealView | null;
	result: PlayerResult | null;
	leaderboard: LeaderboardEntry[] | null;
	/** false once the teacher removed this player */
	active: boolean;
}

export type LiveFailure = { ok: false; status: 400 | 403 | 404 | 409; message: string };
