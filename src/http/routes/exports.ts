// HTTP exports of the timeline for calendar apps, TimelineJS and schema.org consumers.
// They take the GraphQL timeline filter as query parameters (see exports/params.ts).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { describeEvent } from '../../exports/describe.js';
import { toICalendar } from '../../exports/ical.js';
import { toJsonLd } from '../../exports/jsonld.js';
import { checkExportReferences, parseExportParams, type ExportRequest } from '../../exports/params.js';
import { toTimelineJs } from '../../exports/timelinejs.js';
import type { Actor, Source, TimelineEvent } from '../../domain/model.js';
import type { Store } from '../../store/store.js';
import type { ExportContext } from '../../exports/describe.js';
import { logUnexpected, requestIdOf, type Logger } from '../../observability/observability.js';

interface ExportFormat {
  contentType: string;
  render: (events: TimelineEvent[], context: ExportContext, request: ExportRequest) => string;
}

export const EXPORTS: Record<string, ExportFormat> = {
  '/export/calendar.ics': {
    contentType: 'text/calendar; charset=utf-8',
    render: (events, context) => toICalendar(events, context),
  },
  '/export/timeline.json': {
    contentType: 'application/json; charset=utf-8',
    // TimelineJS has no zones: without one we show UTC rather than mix each event's own.
    render: (events, context, request) => JSON.stringify(toTimelineJs(events, context, request.zone ?? 'UTC'), null, 2),
  },
  '/export/events.jsonld': {
    contentType: 'application/ld+json; charset=utf-8',
    render: (events, context, request) => JSON.stringify(toJsonLd(events, context, request.zone), null, 2),
  },
};

async function exportContext(store: Store, events: readonly TimelineEvent[]): Promise<ExportContext> {
  const actorIds = [...new Set(events.flatMap((event) => event.actorIds))];
  const actors = (await store.getActors(actorIds)).filter((actor): actor is Actor => actor !== undefined);
  const sources: Source[] = await store.listSources();
  return { actors: new Map(actors.map((a) => [a.id, a])), sources: new Map(sources.map((s) => [s.id, s])), now: new Date() };
}

function errorResponse(Response: typeof globalThis.Response, status: number, message: string, extensions: Record<string, unknown>) {
  return new Response(JSON.stringify({ errors: [{ message, extensions }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

export function exportsPlugin(store: Store, logger: Logger, maxEvents: number): Plugin {
  return {
    async onRequest({ url, request, endResponse, fetchAPI }) {
      const format = EXPORTS[url.pathname];
      if (!format) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(errorResponse(fetchAPI.Response, 405, `${url.pathname} answers GET only`, { code: 'METHOD_NOT_ALLOWED' }));
        return;
      }
      try {
        const exportRequest = parseExportParams(url.searchParams);
        await checkExportReferences(store, exportRequest);
        // One page one past the limit: an oversized export is refused without loading it whole.
        const [page] = await store.timelines([{ ...exportRequest.filter, page: { first: maxEvents + 1 } }]);
        const events = page?.items ?? [];
        if (events.length > maxEvents) {
          const total = page?.totalCount ?? events.length;
          const message = `Export of ${total} events exceeds the limit of ${maxEvents} (MAX_EXPORT_EVENTS): narrow it with days, from, to, actors, anyActors, speakers, sources, kinds, statuses or search`;
          endResponse(errorResponse(fetchAPI.Response, 400, message, { code: 'EXPORT_TOO_LARGE', limit: 'MAX_EXPORT_EVENTS', actual: total, max: maxEvents }));
          return;
        }
        const body = format.render(events, await exportContext(store, events), exportRequest);
        endResponse(new fetchAPI.Response(body, { headers: { 'content-type': format.contentType } }));
      } catch (error) {
        if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') {
          endResponse(errorResponse(fetchAPI.Response, 400, error.message, error.extensions));
          return;
        }
        const requestId = requestIdOf(request);
        logUnexpected(logger, requestId, error, { path: url.pathname });
        endResponse(errorResponse(fetchAPI.Response, 500, 'Unexpected error.', { code: 'INTERNAL_SERVER_ERROR', requestId }));
      }
    },
  };
}

