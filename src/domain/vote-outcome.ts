// A vote's outcome, derived from its tally, its rule and its permanent members' ballots,
// so that an outcome or a veto is never stored beside the numbers it follows from.
import type { Ballot, BallotChoice, Tally, VoteOutcome, VotingRule } from './model.js';

/** Listed ballots counted by choice. */
export function countBallots(ballots: readonly Ballot[]): Record<Lowercase<BallotChoice>, number> {
  const counts = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const ballot of ballots) counts[ballot.choice.toLowerCase() as Lowercase<BallotChoice>]++;
  return counts;
}

/**
 * Whether the numbers carry the motion under the rule, before any veto. Majorities are of the
 * members present and voting: abstentions and absences count for neither side.
 */
export function carries(rule: VotingRule, tally: Tally): boolean {
  switch (rule.rule) {
    case 'FIXED':
      return tally.yes >= rule.required;
    case 'SIMPLE_MAJORITY':
      return tally.yes > tally.no;
    case 'TWO_THIRDS':
      // yes ≥ ⅔ (yes + no), in integers; and at least one vote in favour: nothing carries on no votes at all.
      return tally.yes > 0 && 3 * tally.yes >= 2 * (tally.yes + tally.no);
  }
}

/**
 * A motion the numbers carry is vetoed when a permanent member's listed ballot is No: those
 * members are the vetoers. A motion the numbers do not carry is rejected, and no No is a veto.
 */
export function deriveOutcome(
  rule: VotingRule,
  tally: Tally,
  ballots: readonly Ballot[],
  permanentMembers: ReadonlySet<string>,
): { outcome: VoteOutcome; vetoedByIds: string[] } {
  if (!carries(rule, tally)) return { outcome: 'REJECTED', vetoedByIds: [] };
  const vetoedByIds = ballots.filter((b) => b.choice === 'NO' && permanentMembers.has(b.actorId)).map((b) => b.actorId);
  return { outcome: vetoedByIds.length > 0 ? 'VETOED' : 'ADOPTED', vetoedByIds };
}
