import type { Ballot, BallotChoice, VoteOutcome } from '../model.js';

/** Ballots counted by choice: what the schema, the exports and the outcome all read. */
export function tallyOf(ballots: readonly Ballot[]): Record<Lowercase<BallotChoice>, number> {
  const tally = { yes: 0, no: 0, abstain: 0, absent: 0 };
  for (const ballot of ballots) tally[ballot.choice.toLowerCase() as Lowercase<BallotChoice>]++;
  return tally;
}

/**
 * Derives a vote's outcome from its ballots, so that a veto is never stored twice.
 * A motion with `required` votes in favour passes unless a permanent member votes No:
 * then it is vetoed, and those members are the vetoers. With fewer votes in favour it
 * is rejected, and no No counts as a veto.
 */
export function deriveOutcome(
  ballots: readonly Ballot[],
  permanentMembers: ReadonlySet<string>,
  required: number,
): { outcome: VoteOutcome; vetoedByIds: string[] } {
  if (tallyOf(ballots).yes < required) return { outcome: 'REJECTED', vetoedByIds: [] };
  const vetoedByIds = ballots.filter((b) => b.choice === 'NO' && permanentMembers.has(b.actorId)).map((b) => b.actorId);
  return { outcome: vetoedByIds.length > 0 ? 'VETOED' : 'ADOPTED', vetoedByIds };
}
