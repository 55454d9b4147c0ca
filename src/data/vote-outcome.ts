import type { Ballot, VoteOutcome } from '../model.js';

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
  const inFavour = ballots.filter((b) => b.choice === 'YES').length;
  if (inFavour < required) return { outcome: 'REJECTED', vetoedByIds: [] };
  const vetoedByIds = ballots.filter((b) => b.choice === 'NO' && permanentMembers.has(b.actorId)).map((b) => b.actorId);
  return { outcome: vetoedByIds.length > 0 ? 'VETOED' : 'ADOPTED', vetoedByIds };
}
