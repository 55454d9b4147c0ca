import { lookupActors, lookupSourceText } from '../lookups.js';
import { formatInstant } from '../../../time/zones.js';
import { ActorRef, PlaceRef, SourceRef, TimeSpanRef } from '../type-refs.js';
import { pageArgs } from '../connection.js';
import { decodeEventCursor } from '../cursors.js';
import { pageRequest } from '../page-args.js';
import { SourceKindEnum } from './enums.js';
import { EventConnectionRef, timelinePages } from './timeline.js';

SourceRef.implement({
  description: 'A published text that the data is drawn from, stored word for word.',
  isTypeOf: (value) => typeof value === 'object' && value !== null && 'sha256' in value,
  fields: (t) => ({
    kind: t.field({ type: SourceKindEnum, description: 'An article or an official record.', resolve: (s) => s.kind }),
    title: t.exposeString('title', { description: 'The title, or a summary of the lead where the source has none (see note).' }),
    note: t.exposeString('note', { nullable: true, description: 'Editorial remarks: how the text was compiled, whether the title is the original.' }),
    creditedTo: t.field({
      type: [ActorRef],
      description: 'Agencies or bodies the text or its facts are credited to.',
      resolve: (s, _args, ctx) => lookupActors(ctx, s.creditedToIds),
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'First instant of the publication date or time (see `published` for its precision).',
      args: { zone: t.arg({ type: 'TimeZone', description: "Render in this IANA zone instead of the source's own." }) },
      resolve: (s, args) => (s.published ? formatInstant(s.published.startMs, args.zone ?? s.published.zone) : null),
    }),
    published: t.field({
      type: TimeSpanRef,
      nullable: true,
      description: 'When it was published, at the precision known (a whole day for the seed article).',
      resolve: (s) => s.published ?? null,
    }),
    place: t.field({ type: PlaceRef, nullable: true, description: 'Where it was published (its dateline).', resolve: (s) => s.place ?? null }),
    slug: t.string({ description: 'Stable human-readable key, e.g. ria-novosti-2012-11-29: what TimelineFilter.sources takes.', resolve: (s) => s.id }),
    url: t.exposeString('url', { nullable: true, description: 'Where the source can be read, when known.' }),
    events: t.field({
      type: EventConnectionRef,
      description: 'The events that cite this source, in timeline order (Query.timeline with filter { sources } gives the same, with more conditions).',
      args: pageArgs('events'),
      resolve: (s, args, ctx) => {
        const page = pageRequest(args, decodeEventCursor);
        return timelinePages(ctx).load({ sourceIds: [s.id], page });
      },
    }),
    references: t.exposeStringList('references', { description: 'Identifiers of the underlying documents, e.g. UN press release numbers.' }),
    // Read on its own, through the request's lookups: titles and citations never fetch texts.
    text: t.string({
      description: 'The full text; citations point into it.',
      resolve: (s, _args, ctx) => lookupSourceText(ctx, s.id),
    }),
    sha256: t.exposeString('sha256', { description: 'SHA-256 of the text (UTF-8), to check a copy against.' }),
  }),
});
