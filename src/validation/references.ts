// References between entries: what the files declare, the checks that an id names an entry,
// and the one string every reference to an actor shares.
import type { Actor } from '../domain/model.js';
import type { Report } from './problems.js';

/** What the files declare, valid or not: a reference to a broken entry is not reported again. */
export interface Declared {
  /** Every actor entry's id, valid or not. */
  actorIds: ReadonlySet<string>;
  /** Every source file's id, readable or not. */
  sourceIds: ReadonlySet<string>;
  /** Whether every actor entry is valid: if not, some memberships are unknown. */
  actorsValid: boolean;
  /** Ids of every meeting entry, valid or not, so that one bad meeting does not also break the statements that refer to it. */
  meetingIds: ReadonlySet<string>;
}

/**
 * Reports ids of no actor entry; an invalid entry's problems are reported on their own. A lone
 * id in a field that is not a list is named by the field alone.
 */
export function checkActorRefs(ids: readonly (string | undefined)[], field: string, declared: Pick<Declared, 'actorIds'>, report: Report): void {
  ids.forEach((id, i) => {
    if (id !== undefined && !declared.actorIds.has(id)) report(ids.length === 1 && !field.endsWith(']') ? field : `${field}[${i}]`, `unknown actor "${id}"`);
  });
}

/** Reports ids of no meeting entry: `meeting` holds one id, other fields a list. */
export function checkMeetingRefs(ids: readonly (string | undefined)[], field: string, declared: Pick<Declared, 'meetingIds'>, report: Report): void {
  ids.forEach((id, i) => {
    if (id !== undefined && !declared.meetingIds.has(id)) report(ids.length === 1 && field === 'meeting' ? field : `${field}[${i}]`, `unknown meeting "${id}"`);
  });
}

/** The actor's own id string for a reference: a million events then share a few thousand strings rather than each holding copies. */
export function actorRef(actors: ReadonlyMap<string, Actor>, id: string): string {
  return actors.get(id)?.id ?? id;
}
