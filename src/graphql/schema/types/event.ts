import type { TimelineEvent } from '../../../domain/model.js';
import { TYPE_OF_KIND } from '../../../domain/global-id.js';
import { builder } from '../builder.js';
import { lookupActors, lookupSource } from '../lookups.js';
import { ActorRef, CitationRef, EventRef, PlaceRef, SourceRef, TimeSpanRef } from '../type-refs.js';
import { EventKindEnum } from './enums.js';

/** True for timeline events of one kind: how the Event interface finds each object's type. */
export function isEventOfKind(kind: TimelineEvent['kind']) {
  return (value: unknown) => typeof value === 'object' && value !== null && 'citations' in value && (value as TimelineEvent).kind === kind;
}

CitationRef.implement({
  description: 'A passage of a source that supports an event.',
  fields: (t) => ({
    source: t.field({ type: SourceRef, description: 'The source the passage is from.', resolve: (c, _args, ctx) => lookupSource(ctx, c.sourceId) }),
    quote: t.exposeString('quote', { description: 'Exactly source.text.slice(start, end).' }),
    start: t.exposeInt('start', { description: 'Offset into Source.text in UTF-16 code units, inclusive.' }),
    end: t.exposeInt('end', { description: 'Offset into Source.text in UTF-16 code units, exclusive.' }),
  }),
});

PlaceRef.implement({
  description: 'Where an event takes place.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The place as the sources name it, e.g. Moscow.' }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2 code, e.g. RU.' }),
    zone: t.field({ type: 'TimeZone', description: 'The IANA zone of the place.', resolve: (place) => place.zone }),
  }),
});

EventRef.implement({
  description: 'Anything on the timeline: a meeting, a statement or a vote.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (event) => TYPE_OF_KIND[event.kind],
  fields: (t) => ({
    slug: t.string({ description: 'Stable human-readable key, e.g. rome-opposition-conference: what Query.event(slug:) takes.', resolve: (event) => event.id }),
    kind: t.field({ type: EventKindEnum, description: 'Which kind of event this is.', resolve: (event) => event.kind }),
    title: t.exposeString('title', { description: 'A one-line summary of the event.' }),
    time: t.field({ type: TimeSpanRef, description: 'When it happened or is planned.', resolve: (event) => event.time }),
    actors: t.field({ type: [ActorRef], description: 'Every actor involved, each once.', resolve: (event, _args, ctx) => lookupActors(ctx, event.actorIds) }),
    citations: t.field({
      type: [CitationRef],
      description: 'The passages that support this event; at least one.',
      resolve: (event) => event.citations,
    }),
    note: t.exposeString('note', {
      nullable: true,
      description: 'Editorial context that the cited passages do not state (e.g. a date known from other reports).',
    }),
  }),
});
