// Every check of the data, in one pass over files already read and parsed: the dataset the
// store serves when there is no problem, else every problem, each naming file, entity and
// field. Each file is checked on its own first, in file order, then the entries across files.
import type { Dataset, Source } from '../domain/model.js';
import { TimeSpecResolver } from '../time/time-spec.js';
import { buildActors, checkActorsFile, checkMemberships } from './actors.js';
import type { DataFiles } from './data-files.js';
import { buildEvents, checkEventEntries, type EventInput } from './events.js';
import type { DataProblem } from './problems.js';
import type { Declared } from './references.js';
import { buildSource, checkSourceFiles, type SourceInput } from './sources.js';
import { membersOnDate, type VoteContext } from './votes.js';

export interface DataCheck {
  /** Present only when there is no problem. */
  dataset?: Dataset;
  problems: DataProblem[];
}

export function validateDataFiles(files: DataFiles): DataCheck {
  const problems: DataProblem[] = [];
  const actorEntries = checkActorsFile(files.actors, problems);
  problems.push(...(files.layout ?? []));
  const inputs: SourceInput[] = [];
  for (const source of files.sources) {
    const input = checkSourceFiles(source, problems);
    if (input) inputs.push(input);
  }
  // Without the actors file, every reference to an actor would be a problem of its own.
  if (!actorEntries) return { problems };

  const { actors, memberships } = buildActors(actorEntries, problems);
  // By id: of a source written twice (reported with the layout), the last one read is the one cited.
  const sources = new Map<string, SourceInput>();
  const meetingIds = new Set<string>();
  const eventInputs: EventInput[] = [];
  for (const input of inputs) {
    sources.set(input.id, input);
    eventInputs.push(...checkEventEntries(input, meetingIds, problems));
  }
  const declared: Declared = {
    actorIds: actorEntries.declaredIds,
    sourceIds: new Set(files.sources.map((source) => source.id)),
    actorsValid: actorEntries.allValid,
    meetingIds,
  };
  checkMemberships(memberships, declared, problems);

  // One resolver for every time: it remembers the specs it has resolved, which many entries share.
  const times = new TimeSpecResolver();
  const builtSources: Source[] = [];
  for (const input of sources.values()) {
    const source = input.source && buildSource(input, input.source, declared, times, problems);
    if (source) builtSources.push(source);
  }
  const votes: VoteContext = {
    actors,
    isDeclared: (actorId) => declared.actorIds.has(actorId),
    membersOn: membersOnDate(actors),
    membershipsKnown: declared.actorsValid,
  };
  const events = buildEvents(eventInputs, { declared, actors, texts: sources, times, votes }, problems);
  if (problems.length > 0) return { problems };
  return { dataset: { actors: [...actors.values()], sources: builtSources, events, version: files.version }, problems };
}
