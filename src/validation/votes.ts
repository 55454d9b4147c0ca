// A vote's checks and derived facts: which rule it followed, whether its listed ballots fit the
// body's membership on the day and the stated tally, whether every member's ballot is listed,
// and its outcome (src/domain/vote-outcome.ts).
import type { Actor, Ballot, BallotChoice, MajorityRule, Membership, Vote, VotingRule } from '../domain/model.js';
import type { VoteEntry } from './file-schemas.js';
import { quoted, quotedList, type Report } from './problems.js';
import { carries, countBallots, deriveOutcome } from '../domain/vote-outcome.js';

export interface Member {
  actorId: string;
  seat?: Membership['seat'];
}

/** What a vote's checks need to know of the actors. */
export interface VoteContext {
  /** The valid actors, by id. */
  actors: ReadonlyMap<string, Actor>;
  /** Whether an actor entry has this id, valid or not: an invalid entry's problems are reported on their own. */
  isDeclared(actorId: string): boolean;
  /** The actors whose memberships name the body on a local date (YYYY-MM-DD), with their seats. */
  membersOn(bodyId: string, date: string): readonly Member[];
  /**
   * False when an actor entry failed validation: its memberships are unknown, so the checks
   * against the membership wait until that entry (reported on its own) is fixed.
   */
  membershipsKnown: boolean;
}

/**
 * The members of a body on a local date (VoteContext.membersOn), from the actors' memberships.
 * They are indexed by body on the first call, once every actor is in: every vote asks for its body's.
 */
export function membersOnDate(actors: ReadonlyMap<string, Actor>): VoteContext['membersOn'] {
  let bodies: Map<string, { actorId: string; m: Membership }[]> | undefined;
  const membershipsOf = () => {
    if (bodies) return bodies;
    bodies = new Map();
    for (const actor of actors.values()) {
      for (const m of actor.memberships) {
        const list = bodies.get(m.of) ?? [];
        list.push({ actorId: actor.id, m });
        bodies.set(m.of, list);
      }
    }
    return bodies;
  };
  return (bodyId, date) => {
    const members: Member[] = [];
    for (const { actorId, m } of membershipsOf().get(bodyId) ?? []) {
      if ((m.from !== undefined && date < m.from) || (m.until !== undefined && date >= m.until)) continue;
      members.push({ actorId, ...(m.seat !== undefined && { seat: m.seat }) });
    }
    return members;
  };
}

export type VoteFields = Pick<Vote, 'rule' | 'tally' | 'ballots' | 'ballotsComplete' | 'outcome' | 'vetoedByIds'>;

const CHOICES = ['yes', 'no', 'abstain', 'absent'] as const;

/** A rule as a file writes it (`rule` and, for FIXED, `required`), with `at` the prefix of its fields. */
export function votingRuleOf(written: { rule: MajorityRule; required?: number | undefined }, at: string, report: Report): VotingRule | undefined {
  if (written.rule === 'FIXED') {
    if (written.required !== undefined) return { rule: 'FIXED', required: written.required };
    report(`${at}required`, 'is required with rule FIXED (the votes in favour a motion needs, e.g. 9)');
    return undefined;
  }
  if (written.required === undefined) return { rule: written.rule };
  report(`${at}required`, `only goes with rule FIXED (found rule ${written.rule})`);
  return undefined;
}

/** "a PERSON", "an ORGANIZATION". */
function withArticle(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word}`;
}

/** The vote's own rule when its record states one, else its body's. */
function ruleOfVote(entry: VoteEntry, body: Actor, report: Report): VotingRule | undefined {
  if (entry.rule !== undefined) return votingRuleOf({ rule: entry.rule, required: entry.required }, '', report);
  if (entry.required !== undefined) {
    report('required', `only goes with "rule: FIXED" on the vote itself (without a rule of its own, a vote follows its body's)`);
    return undefined;
  }
  if (!body.voting) report('body', `${quoted(body.id)} has no voting rule: give its actor entry "voting", or this vote a "rule"`);
  return body.voting?.rule;
}

/**
 * The listed ballots, each of a known actor and each actor once. Also what can be checked of the
 * ballots of a vote whose other fields are invalid (reported on their own).
 */
export function checkBallots(listed: VoteEntry['ballots'], context: Pick<VoteContext, 'actors' | 'isDeclared'>, report: Report): Ballot[] {
  const ballots: Ballot[] = [];
  const seen = new Set<string>();
  for (const key of CHOICES) {
    listed[key].forEach((actorId, i) => {
      const actor = context.actors.get(actorId);
      if (seen.has(actorId)) report(`ballots.${key}[${i}]`, `${quoted(actorId)} has more than one ballot`);
      else if (actor) ballots.push({ actorId: actor.id, choice: key.toUpperCase() as BallotChoice });
      else if (!context.isDeclared(actorId)) report(`ballots.${key}[${i}]`, `unknown actor ${quoted(actorId)}`);
      seen.add(actorId);
    });
  }
  return ballots;
}

/**
 * Checks the vote and derives what follows from it; undefined when something is wrong (reported).
 * `date` is the vote's local date, undefined when its time is invalid (reported already).
 */
export function buildVote(entry: VoteEntry, date: string | undefined, context: VoteContext, report: Report): VoteFields | undefined {
  const body = context.actors.get(entry.body);
  if (!body) {
    // An unknown body is reported with the event's other references; the ballots can still be checked.
    checkBallots(entry.ballots, context, report);
    return undefined;
  }
  let ok = true;
  const fail: Report = (field, message) => {
    ok = false;
    report(field, message);
  };
  const rule = ruleOfVote(entry, body, fail);
  const ballots = checkBallots(entry.ballots, context, fail);
  // An unknown actor's ballot is left out of `ballots`: checks of who is listed would then mislead.
  const ballotsValid = ok;
  const listed = new Set(ballots.map((b) => b.actorId));
  const counts = countBallots(ballots);
  const { tally } = entry;
  const membersKnown = date !== undefined && context.membershipsKnown;
  const members = membersKnown ? context.membersOn(body.id, date) : [];
  const memberList = body.voting?.members ?? 'LISTED';

  if (membersKnown && memberList === 'LISTED') {
    const memberIds = new Set(members.map((m) => m.actorId));
    for (const key of CHOICES) {
      entry.ballots[key].forEach((actorId, i) => {
        if (context.actors.has(actorId) && !memberIds.has(actorId))
          fail(`ballots.${key}[${i}]`, `${quoted(actorId)} was not a member of ${quoted(body.id)} on ${date}`);
      });
    }
    const counted = tally.yes + tally.no + tally.abstain + (tally.absent ?? 0);
    if (counted > members.length) fail('tally', `counts ${counted} members, but ${quoted(body.id)} had ${members.length} on ${date}`);
  }
  if (memberList === 'STATES') {
    // The members are not listed one by one: what can be checked is that each is a state.
    for (const key of CHOICES) {
      entry.ballots[key].forEach((actorId, i) => {
        const actor = context.actors.get(actorId);
        if (actor && actor.kind !== 'STATE')
          fail(
            `ballots.${key}[${i}]`,
            `${quoted(actorId)} is ${withArticle(actor.kind)}, but the members of ${quoted(body.id)} are states (voting.members: STATES)`,
          );
      });
    }
  }

  // Complete: every member on the day has a listed ballot. Without a list of members, that is
  // known only when the tally states the absent too, and every member it counts is listed.
  const ballotsComplete =
    memberList === 'LISTED'
      ? membersKnown && members.every((m) => listed.has(m.actorId))
      : tally.absent !== undefined && ballots.length === tally.yes + tally.no + tally.abstain + tally.absent;
  for (const key of CHOICES) {
    const stated = tally[key];
    if (stated === undefined) continue;
    if (counts[key] > stated) fail(`tally.${key}`, `is ${stated}, but ${counts[key]} ballots are listed under ballots.${key}`);
    else if (ballotsComplete && counts[key] !== stated)
      fail(`tally.${key}`, `is ${stated}, but every member's ballot is listed, and ${counts[key]} of them under ballots.${key}`);
  }

  // A No of a permanent member is a veto: with No votes unlisted and permanent members
  // unlisted, the outcome of a motion the numbers carry cannot be known.
  const permanent = new Set(members.filter((m) => m.seat === 'PERMANENT').map((m) => m.actorId));
  const unlistedNo = tally.no - counts.no;
  const silent = [...permanent].filter((id) => !listed.has(id));
  if (ballotsValid && rule && carries(rule, tally) && unlistedNo > 0 && silent.length > 0) {
    const who = silent.length === 1 ? 'a permanent member, whose No is a veto) has' : 'permanent members, whose No is a veto) have';
    fail(
      'ballots.no',
      `the outcome depends on who voted against: ${unlistedNo} of the ${tally.no} votes against are not listed, and ${quotedList(silent)} (${who} no listed ballot`,
    );
  }

  if (!ok || !rule) return undefined;
  const absent = tally.absent ?? (ballotsComplete ? counts.absent : undefined);
  return {
    rule,
    tally: { yes: tally.yes, no: tally.no, abstain: tally.abstain, ...(absent !== undefined && { absent }) },
    ballots,
    ballotsComplete,
    ...deriveOutcome(rule, tally, ballots, permanent),
  };
}
