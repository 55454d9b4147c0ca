// HTTP exports of the timeline for calendar apps, TimelineJS and schema.org consumers.
// They take the GraphQL timeline filter as query parameters (see exports/params.ts).
import type { Route } from '../../support/route.js';
import { toICalendar } from '../../exports/ical.js';
import { toJsonLd } from '../../exports/jsonld.js';
import { checkExportReferences, parseExportParams, type ExportRequest } from '../../exports/params.js';
import { toTimelineJs } from '../../exports/timelinejs.js';
import type { Actor, TimelineEvent } from '../../domain/model.js';
import { ALL } from '../../store/paging.js';
import type { Revisions } from '../../store/revisions.js';
import type { SourceMetadata, Store } from '../../store/store.js';
import type { ErrorCode } from '../../support/error-codes.js';
import { InputError } from '../../support/input-error.js';
import type { ExportContext } from '../../exports/describe.js';
import { logUnexpected, type Logger } from '../../observability/logger.js';
import type { RequestStates } from '../../observability/request-state.js';

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
    // Each format's zone policy is its module's ZONE_POLICY (TimelineJS: UTC unless `zone`).
    render: (events, context, request) => JSON.stringify(toTimelineJs(events, context, request.zone), null, 2),
  },
  '/export/events.jsonld': {
    contentType: 'application/ld+json; charset=utf-8',
    render: (events, context, request) => JSON.stringify(toJsonLd(events, context, request.zone), null, 2),
  },
};

async function exportContext(store: Store, events: readonly TimelineEvent[]): Promise<ExportContext> {
  const actorIds = [...new Set(events.flatMap((event) => event.actorIds))];
  const actors = (await store.getActors(actorIds)).filter((actor): actor is Actor => actor !== undefined);
  const sources: SourceMetadata[] = (await store.findSources(ALL)).items;
  return { actors: new Map(actors.map((a) => [a.id, a])), sources: new Map(sources.map((s) => [s.id, s])), now: new Date() };
}

function errorResponse(status: number, message: string, extensions: Record<string, unknown>) {
  return new Response(JSON.stringify({ errors: [{ message, extensions }] }), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/** The export routes: each runs the filter of its query parameters against one revision. */
export function exportRoutes(revisions: Revisions, logger: Logger, states: RequestStates, maxEvents: number): Route[] {
  const handle = async (format: ExportFormat, request: Request, url: URL): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return errorResponse(405, `${url.pathname} answers GET only`, { code: 'METHOD_NOT_ALLOWED' satisfies ErrorCode });
    }
    // One revision for the whole export, whatever is swapped in while it is written.
    const { store } = revisions.current();
    try {
      const exportRequest = parseExportParams(url.searchParams);
      await checkExportReferences(store, exportRequest);
      // One page one past the limit: an oversized export is refused without loading it whole.
      const [page] = await store.timelines([{ ...exportRequest.filter, page: { first: maxEvents + 1 } }]);
      const events = page?.items ?? [];
      if (events.length > maxEvents) {
        const total = page?.totalCount ?? events.length;
        const message = `Export of ${total} events exceeds the limit of ${maxEvents} (MAX_EXPORT_EVENTS): narrow it with days, from, to, actors, anyActors, speakers, sources, kinds, statuses or search`;
        return errorResponse(400, message, { code: 'EXPORT_TOO_LARGE' satisfies ErrorCode, limit: 'MAX_EXPORT_EVENTS', actual: total, max: maxEvents });
      }
      const body = format.render(events, await exportContext(store, events), exportRequest);
      return new Response(body, { headers: { 'content-type': format.contentType } });
    } catch (error) {
      if (error instanceof InputError) return errorResponse(400, error.message, { code: error.code, ...error.extensions });
      const requestId = states.of(request).id;
      logUnexpected(logger, requestId, error, { path: url.pathname });
      return errorResponse(500, 'Unexpected error.', { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode, requestId });
    }
  };
  return Object.entries(EXPORTS).map(([path, format]) => ({ path, handle: (request, url) => handle(format, request, url) }));
}
