// A timeline filter as a client gives it (GraphQL arguments or export parameters), validated and
// turned into the domain's filter. Its errors name the value as the caller's client wrote it:
// `filter.anyActors[1]` in GraphQL, `anyActors` in a URL, through the caller's `Naming`.
import { parseGlobalID, type NodeType } from '../domain/global-id.js';
import type { EventKind, MeetingStatus } from '../domain/model.js';
import type { TimelineFilter } from '../domain/timeline-filter.js';
import type { Store } from '../store/store.js';
import { echoed, InputError } from '../support/input-error.js';
import { localDaysWindow } from '../time/local-days.js';
import { searchWordsOf } from './search.js';

/** Values a filter's list may hold (actors, kinds, statuses). */
export const MAX_FILTER_VALUES = 100;

export interface LocalDaysInput {
  from: string;
  to: string;
  zone: string;
}

/** A filter as clients give it; instants are epoch milliseconds, already parsed. */
export interface TimelineFilterInput {
  from?: number | null;
  to?: number | null;
  days?: LocalDaysInput | null;
  actors?: readonly string[] | null;
  anyActors?: readonly string[] | null;
  speakers?: readonly string[] | null;
  includeMembers?: boolean | null;
  sources?: readonly string[] | null;
  kinds?: readonly EventKind[] | null;
  statuses?: readonly MeetingStatus[] | null;
  search?: string | null;
}

/** A field of the input, with the position of a value in a list or the part of `days`. */
export interface FieldPath {
  field: keyof TimelineFilterInput;
  index?: number;
  part?: 'from' | 'to';
}

/** How the caller's clients name a field: `filter.days.to` or `days`, under `argument` or `parameter`. */
export interface Naming {
  name(path: FieldPath): string;
  /** The extensions key that carries the name. */
  key: 'argument' | 'parameter';
}

/** An actor or source a filter names, with where it was named: checked against the store before the filter is used. */
export interface FilterReference {
  type: 'Actor' | 'Source';
  id: string;
  path: FieldPath;
}

/** A filter as the store takes it, and the actors and sources it names. */
export interface BuiltFilter {
  filter: TimelineFilter;
  references: FilterReference[];
}

function inputError(naming: Naming, path: FieldPath, message: string, extensions: Record<string, unknown> = {}): InputError {
  return new InputError(message, { ...extensions, [naming.key]: naming.name(path) });
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * An actor's or source's slug, or its global ID. The two cannot be confused: a slug is lowercase
 * letters, digits and hyphens, and the base64 of "Actor:" or "Source:" begins with capitals.
 */
function referenceId(value: string, type: FilterReference['type'], path: FieldPath, naming: Naming): string {
  if (SLUG.test(value)) return value;
  const where = naming.name(path);
  // Neither a slug nor base64: most likely a slug mistyped ("Russia", "russia "), so say what a slug is.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) {
    const what = type === 'Actor' ? 'actor' : 'source';
    const example = type === 'Actor' ? 'sergei-lavrov' : 'ria-novosti-2012-11-29';
    throw inputError(
      naming,
      path,
      `Unknown ${what} "${echoed(value)}" in ${where}: expected a slug (lowercase letters, digits and hyphens, e.g. ${example}) or a global ID`,
      { id: echoed(value) },
    );
  }
  const parsed = parseGlobalID(value);
  if (!parsed.ok) {
    const why =
      parsed.unknownType === undefined
        ? 'not a global ID (expected base64 of "Type:id")'
        : `unknown type "${echoed(parsed.unknownType)}" (expected one of Actor, Meeting, Statement, Vote, Source)`;
    throw inputError(naming, path, `Invalid ID "${echoed(value)}": ${why} (in ${where})`, { id: echoed(value) });
  }
  if (parsed.typename !== (type satisfies NodeType)) {
    const article = /^[AEIOU]/.test(parsed.typename) ? 'an' : 'a';
    throw inputError(naming, path, `Invalid ID "${echoed(value)}" in ${where}: it is ${article} ${parsed.typename} ID, expected ${type}`, {
      id: echoed(value),
    });
  }
  return parsed.id;
}

function checkedList<T>(values: readonly T[] | null | undefined, field: FieldPath['field'], naming: Naming): readonly T[] {
  if (!values) return [];
  const where = naming.name({ field });
  if (values.length === 0) {
    throw inputError(naming, { field }, `"${where}" is an empty list, which no event could match: leave it out to apply no such condition`);
  }
  if (values.length > MAX_FILTER_VALUES) {
    throw inputError(naming, { field }, `"${where}" has ${values.length} values; the limit is ${MAX_FILTER_VALUES}`, {
      actual: values.length,
      max: MAX_FILTER_VALUES,
    });
  }
  return values;
}

/** Validates a filter and builds the domain's filter; throws an InputError naming the field. The references are not looked up (see unknownReference). */
export function buildTimelineFilter(input: TimelineFilterInput, naming: Naming): BuiltFilter {
  const filter: TimelineFilter = {};
  const references: FilterReference[] = [];
  if (input.from != null) filter.from = input.from;
  if (input.to != null) filter.to = input.to;
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) {
    throw inputError(naming, { field: 'from' }, `"${naming.name({ field: 'from' })}" must be before "${naming.name({ field: 'to' })}"`);
  }
  if (input.days) {
    const { from, to, zone } = input.days;
    const daysTo = naming.name({ field: 'days', part: 'to' });
    const daysFrom = naming.name({ field: 'days', part: 'from' });
    if (from > to) {
      // In a URL both ends are one parameter (days=FROM..TO): say which end is which.
      const message =
        daysTo === daysFrom
          ? `"${daysTo}" ends (${to}) before it begins (${from}): write the first day first, ${to}..${from}`
          : `"${daysTo}" (${to}) must not be before "${daysFrom}" (${from})`;
      throw inputError(naming, { field: 'days', part: 'to' }, message);
    }
    const days = localDaysWindow(from, to, zone);
    const windowFrom = Math.max(days.from, filter.from ?? -Infinity);
    const windowTo = Math.min(days.to, filter.to ?? Infinity);
    if (windowFrom >= windowTo) {
      const window = `"${naming.name({ field: 'from' })}"/"${naming.name({ field: 'to' })}"`;
      throw inputError(naming, { field: 'days' }, `"${naming.name({ field: 'days' })}" and ${window} do not overlap: no event could match both`);
    }
    filter.from = windowFrom;
    filter.to = windowTo;
  }
  const ids = (field: 'actors' | 'anyActors' | 'speakers' | 'sources', type: FilterReference['type']): string[] | undefined => {
    const list = checkedList(input[field], field, naming);
    if (list.length === 0) return undefined;
    const decoded = list.map((value, index) => {
      const path = { field, index };
      const id = referenceId(value, type, path, naming);
      references.push({ type, id, path });
      return id;
    });
    return [...new Set(decoded)];
  };
  const actorIds = ids('actors', 'Actor');
  if (actorIds) filter.actorIds = actorIds;
  const anyActorIds = ids('anyActors', 'Actor');
  if (anyActorIds) filter.anyActorIds = anyActorIds;
  const speakerIds = ids('speakers', 'Actor');
  if (speakerIds) filter.speakerIds = speakerIds;
  if (input.includeMembers) filter.includeMembers = true;
  const sourceIds = ids('sources', 'Source');
  if (sourceIds) filter.sourceIds = sourceIds;
  const kinds = checkedList(input.kinds, 'kinds', naming);
  if (kinds.length > 0) filter.kinds = [...new Set(kinds)];
  const statuses = checkedList(input.statuses, 'statuses', naming);
  if (statuses.length > 0) filter.meetingStatuses = [...new Set(statuses)];
  const searchName = naming.name({ field: 'search' });
  const words = searchWordsOf(input.search, searchName, { [naming.key]: searchName });
  if (words.length > 0) filter.words = words;
  return { filter, references };
}

/** The first of a filter's references the store does not know, as an InputError; undefined when all exist. */
export async function unknownReference(store: Store, references: readonly FilterReference[], naming: Naming): Promise<InputError | undefined> {
  if (references.length === 0) return undefined;
  const actors = references.filter((r) => r.type === 'Actor');
  const sources = references.filter((r) => r.type === 'Source');
  const [foundActors, foundSources] = await Promise.all([
    actors.length > 0 ? store.getActors(actors.map((r) => r.id)) : [],
    sources.length > 0 ? store.getSources(sources.map((r) => r.id)) : [],
  ]);
  const missing = [...actors.filter((_r, i) => !foundActors[i]), ...sources.filter((_r, i) => !foundSources[i])];
  const first = missing[0];
  if (!first) return undefined;
  const what = first.type === 'Actor' ? 'actor' : 'source';
  return inputError(naming, first.path, `Unknown ${what} "${echoed(first.id)}" in ${naming.name(first.path)}: no ${what} has this slug or ID`, {
    id: echoed(first.id),
  });
}
