// schema.org Events as JSON-LD, with ISO 8601 dates carrying their offsets.
import type { Actor, TimelineEvent } from '../domain/model.js';
import { encodeGlobalID, TYPE_OF_KIND } from '../domain/global-id.js';
import { formatInstant } from '../time/zones.js';
import { describeEvent, type ExportContext } from './describe.js';

/**
 * Each event's instants in its own zone, or all in `zone` when one is given: every date carries
 * its offset, so either names the same instants.
 */
export const ZONE_POLICY = "each event's own zone, or `zone` when given; every date an ISO 8601 instant with its offset";

const STATUS = {
  HELD: 'https://schema.org/EventScheduled',
  PLANNED: 'https://schema.org/EventScheduled',
  PROPOSED: 'https://schema.org/EventScheduled',
  CANCELLED: 'https://schema.org/EventCancelled',
} as const;

// schema.org types within the range of Event's attendee, organizer and performer (Person or Organization).
const TYPE_OF_ACTOR = {
  PERSON: 'Person',
  STATE: 'Organization',
  GOVERNMENT_BODY: 'GovernmentOrganization',
  ORGANIZATION: 'Organization',
  INTERNATIONAL_ORGANIZATION: 'Organization',
  MEDIA: 'NewsMediaOrganization',
} as const;

function agent(actor: Actor | undefined, id: string) {
  return {
    '@type': actor ? TYPE_OF_ACTOR[actor.kind] : 'Organization',
    // A state takes part as an organisation; schema.org's Country is a Place.
    ...(actor?.kind === 'STATE' && { additionalType: 'https://schema.org/Country' }),
    name: actor?.name ?? id,
    identifier: encodeGlobalID('Actor', id),
  };
}

export function toJsonLd(events: readonly TimelineEvent[], context: ExportContext, zone: string | undefined) {
  const actor = (id: string) => agent(context.actors.get(id), id);
  return {
    '@context': 'https://schema.org',
    '@graph': events.map((event) => {
      const render = (ms: number) => formatInstant(ms, zone ?? event.time.zone);
      const base = {
        '@type': 'Event',
        identifier: encodeGlobalID(TYPE_OF_KIND[event.kind], event.id),
        name: event.title,
        description: describeEvent(event, context).text,
        startDate: render(event.time.startMs),
        endDate: render(event.time.endMs),
        // The sources that report the event, each with the cited passage.
        subjectOf: event.citations.map((c) => ({ '@type': 'CreativeWork', name: context.sources.get(c.sourceId)?.title ?? c.sourceId, text: c.quote })),
      };
      if (event.kind === 'MEETING') {
        const organizers = event.participants.filter((p) => p.role === 'organiser' || p.role === 'host');
        return {
          ...base,
          eventStatus: STATUS[event.status],
          ...(event.location && {
            location: {
              '@type': 'Place',
              name: event.location.name,
              ...(event.location.country && { address: { '@type': 'PostalAddress', addressCountry: event.location.country } }),
            },
          }),
          ...(organizers.length > 0 && { organizer: organizers.map((p) => actor(p.actorId)) }),
          attendee: event.participants.filter((p) => !organizers.includes(p)).map((p) => actor(p.actorId)),
        };
      }
      if (event.kind === 'STATEMENT') {
        return { ...base, eventStatus: STATUS.HELD, performer: actor(event.speakerId), about: event.aboutIds.map(actor) };
      }
      return { ...base, eventStatus: STATUS.HELD, organizer: actor(event.bodyId), attendee: event.ballots.map((b) => actor(b.actorId)) };
    }),
  };
}
