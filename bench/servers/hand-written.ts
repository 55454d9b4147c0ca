// What a team would write without GraphQL: plain node:http, one handler per benchmark query,
// building the same JSON as Entente from the same store on every request. It batches its store
// calls the way Entente's DataLoaders do (one call per level), and reuses the domain's own time
// rendering, so the difference from Entente is the GraphQL layer and nothing else.
import { createServer } from 'node:http';
import { loadDataset } from '../../src/data/load-dataset.js';
import type { Actor, TimelineEvent } from '../../src/domain/model.js';
import type { SourceMetadata } from '../../src/store/store.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { formatInstant, parseInstant } from '../../src/time/zones.js';
import { NESTED_PAGE, SMALL_LOOKUP, WINDOW } from '../queries.js';
import { dataDir, listen, readBody } from './shared.js';

const store = new MemoryStore(await loadDataset(dataDir()));

const TYPE_OF_KIND = { MEETING: 'Meeting', STATEMENT: 'Statement', VOTE: 'Vote' } as const;

/** The same global IDs as Entente (src/domain/global-id.ts): base64 of "Type:id". */
function globalId(typename: string, id: string): string {
  return Buffer.from(`${typename}:${id}`, 'utf8').toString('base64');
}

function unique<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** One batched lookup, as a map; a dangling reference is a bug in the data, as it is for Entente. */
async function byId<T extends { id: string }>(ids: string[], load: (ids: string[]) => Promise<(T | undefined)[]>, what: string) {
  const found = new Map<string, T>();
  (await load(ids)).forEach((item, i) => {
    if (!item) throw new Error(`no ${what} ${ids[i]}`);
    found.set(item.id, item);
  });
  return (id: string): T => found.get(id) as T;
}

/** Actor.memberOf: each body once, in membership order. */
function memberOf(actor: Actor): string[] {
  return unique(actor.memberships.map((m) => m.of));
}

async function smallLookup(variables: Record<string, unknown>) {
  const slug = variables.slug;
  if (typeof slug !== 'string') throw new BadRequest('variables.slug must be a string');
  const [actor] = await store.getActors([slug]);
  return { actor: actor ? { id: globalId('Actor', actor.id), name: actor.name, kind: actor.kind } : null };
}

async function nestedPage() {
  const [page] = await store.timelines([{ page: { first: 50 } }]);
  const events: TimelineEvent[] = page?.items ?? [];
  const [actor, source] = await Promise.all([
    byId(unique(events.flatMap((e) => e.actorIds)), (ids) => store.getActors(ids), 'actor'),
    byId<SourceMetadata>(unique(events.flatMap((e) => e.citations.map((c) => c.sourceId))), (ids) => store.getSources(ids), 'source'),
  ]);
  const bodyIds = unique(unique(events.flatMap((e) => e.actorIds)).flatMap((id) => memberOf(actor(id))));
  const body = await byId(bodyIds, (ids) => store.getActors(ids), 'actor');
  return {
    timeline: {
      edges: events.map((event) => ({
        node: {
          id: globalId(TYPE_OF_KIND[event.kind], event.id),
          title: event.title,
          time: {
            start: formatInstant(event.time.startMs, event.time.zone),
            end: formatInstant(event.time.endMs, event.time.zone),
            precision: event.time.precision,
          },
          citations: event.citations.map((c) => ({ quote: c.quote, source: { title: source(c.sourceId).title } })),
          actors: event.actorIds.map((id) => {
            const a = actor(id);
            return {
              id: globalId('Actor', a.id),
              name: a.name,
              memberOf: memberOf(a).map((bodyId) => {
                const b = body(bodyId);
                return { id: globalId('Actor', b.id), name: b.name };
              }),
            };
          }),
        },
      })),
    },
  };
}

function instant(variables: Record<string, unknown>, name: string): number {
  const value = variables[name];
  const parsed = typeof value === 'string' ? parseInstant(value) : undefined;
  if (!parsed) throw new BadRequest(`variables.${name} must be an ISO 8601 instant with an offset`);
  return parsed.toMillis();
}

async function window(variables: Record<string, unknown>) {
  const from = instant(variables, 'from');
  const to = instant(variables, 'to');
  if (from >= to) throw new BadRequest('from must be before to');
  const [page] = await store.timelines([{ from, to, page: { first: 20 } }]);
  return {
    timeline: {
      totalCount: page?.totalCount ?? 0,
      edges: (page?.items ?? []).map((event) => ({
        node: {
          id: globalId(TYPE_OF_KIND[event.kind], event.id),
          title: event.title,
          time: { start: formatInstant(event.time.startMs, event.time.zone), end: formatInstant(event.time.endMs, event.time.zone) },
        },
      })),
    },
  };
}

class BadRequest extends Error {}

// The benchmark's clients post GraphQL bodies, so the "routes" are the three query texts.
const ROUTES = new Map<string, (variables: Record<string, unknown>) => Promise<unknown>>([
  [SMALL_LOOKUP, smallLookup],
  [NESTED_PAGE, nestedPage],
  [WINDOW, window],
]);

const server = createServer(async (request, response) => {
  let text: string;
  let status = 200;
  try {
    const { query, variables } = JSON.parse(await readBody(request)) as { query?: unknown; variables?: Record<string, unknown> };
    const route = typeof query === 'string' ? ROUTES.get(query) : undefined;
    if (!route) throw new BadRequest('not a benchmark query');
    text = JSON.stringify({ data: await route(variables ?? {}) });
  } catch (error) {
    status = error instanceof BadRequest || error instanceof SyntaxError ? 400 : 500;
    text = JSON.stringify({ error: String(error) });
  }
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
});
listen(server, 'hand-written');
