// The actors file: each entry checked field by field, then the actors built from the valid
// ones, and their memberships checked once every actor's id is known.
import type { Actor } from '../domain/model.js';
import { contentsOf, type ParsedFile } from './data-files.js';
import { actorSchema, actorsFileSchema, type ActorEntry } from './file-schemas.js';
import { quoted, type DataProblem } from './problems.js';
import type { Declared } from './references.js';
import { entityName, itemsOf, validate, validateFields, writtenId, type Checked } from './schema-check.js';
import { votingRuleOf } from './votes.js';

/** An actor entry, field by field. */
export type ActorInput = Checked<ActorEntry> & { entity: string };

export interface ActorEntries {
  file: string;
  entries: ActorInput[];
  /** Every entry's id, valid or not: a reference to an invalid entry is not reported again as unknown. */
  declaredIds: Set<string>;
  /** Whether every entry is valid: if not, some memberships are unknown. */
  allValid: boolean;
}

/** An entry's valid memberships, with where to report their problems. */
export interface MembershipsInput {
  at: { file: string; entity: string };
  /** The entry's id, undefined when it is invalid. */
  id: string | undefined;
  memberOf: readonly (ActorEntry['memberOf'][number] | undefined)[];
}

/** The actors file's entries, each checked on its own; undefined when the file cannot be checked at all. */
export function checkActorsFile(parsed: ParsedFile, problems: DataProblem[]): ActorEntries | undefined {
  const contents = contentsOf(parsed, problems);
  if (!contents) return undefined;
  const { file } = parsed;
  const actorsFile = validate(actorsFileSchema, contents.value, { file }, problems);
  if (!actorsFile) return undefined;
  const declaredIds = new Set(actorsFile.actors.map(writtenId).filter((id) => id !== undefined));
  const entries = actorsFile.actors.map((raw, index) => ({
    entity: entityName('actor', raw, index),
    ...validateFields<ActorEntry>(actorSchema, raw, { file, entity: entityName('actor', raw, index) }, problems),
  }));
  return { file, entries, declaredIds, allValid: entries.every((entry) => entry.complete) };
}

/**
 * The valid actors by id, and every entry's memberships for checkMemberships. Every check runs
 * on the fields that are valid, so that a bad value does not hide the others' problems.
 */
export function buildActors({ file, entries }: ActorEntries, problems: DataProblem[]): { actors: Map<string, Actor>; memberships: MembershipsInput[] } {
  const actors = new Map<string, Actor>();
  const memberships: MembershipsInput[] = [];
  const seen = new Map<string, number>();
  entries.forEach((checked, index) => {
    const { entity, fields: entry, failed, complete } = checked;
    const at = { file, entity };
    if (entry.id !== undefined) {
      if (seen.has(entry.id)) {
        problems.push({ ...at, field: 'id', message: 'duplicate actor id' });
        return;
      }
      seen.set(entry.id, index);
    }
    const rule = entry.voting && votingRuleOf(entry.voting, 'voting.', (field, message) => problems.push({ ...at, field, message }));
    memberships.push({ at, id: failed.has('id') ? undefined : entry.id, memberOf: itemsOf(checked, 'memberOf') });
    if (!complete) return;
    const valid = entry as ActorEntry;
    const actor: Actor = {
      id: valid.id,
      name: valid.name,
      aliases: valid.aliases,
      kind: valid.kind,
      memberships: valid.memberOf.map((m) => ({
        of: m.actor,
        ...(m.role !== undefined && { role: m.role }),
        ...(m.seat !== undefined && { seat: m.seat }),
        ...(m.from !== undefined && { from: m.from }),
        ...(m.until !== undefined && { until: m.until }),
      })),
    };
    if (valid.description !== undefined) actor.description = valid.description;
    if (valid.voting && rule) actor.voting = { rule, members: valid.voting.members };
    actors.set(valid.id, actor);
  });
  return { actors, memberships };
}

/** Each membership names a declared actor other than its own, over dates in order. */
export function checkMemberships(memberships: readonly MembershipsInput[], declared: Pick<Declared, 'actorIds'>, problems: DataProblem[]): void {
  for (const { at, id, memberOf } of memberships) {
    memberOf.forEach((m, i) => {
      if (!m) return; // invalid: reported by the schema
      if (!declared.actorIds.has(m.actor)) problems.push({ ...at, field: `memberOf[${i}].actor`, message: `unknown actor "${m.actor}"` });
      if (m.actor === id) problems.push({ ...at, field: `memberOf[${i}].actor`, message: 'an actor cannot be a member of itself' });
      if (m.from !== undefined && m.until !== undefined && m.until <= m.from) {
        problems.push({ ...at, field: `memberOf[${i}].until`, message: `must be later than from, ${m.from} (found ${quoted(m.until)})` });
      }
    });
  }
}
