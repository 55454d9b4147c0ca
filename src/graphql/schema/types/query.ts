import { ALL } from '../../../store/paging.js';
import { encodeActorCursor, decodeActorCursor } from '../cursors.js';
import { builder } from '../builder.js';
import { pageArgs, toConnection } from '../connection.js';
import { pageRequest } from '../page-args.js';
import { decodeGlobalID, type NodeType } from '../global-id.js';
import { ActorRef, EventRef, MeetingRef, SourceRef, StatementRef, VoteRef } from '../type-refs.js';
import type { Context } from '../context.js';
import { badUserInput } from '../errors.js';
import { MAX_SEARCH_LENGTH, searchArgument } from '../search.js';
import { admitFieldError } from '../../limits/execution-guard.js';
import type { FieldSize } from '../../limits/query-analysis.js';
import { ActorKindEnum } from './enums.js';
import { checkedTimelineQuery } from '../timeline-filter.js';
import { EventConnectionRef, timelineArgs, timelinePages } from './timeline.js';

const ActorConnectionRef = builder.connectionObject(
  {
    type: ActorRef,
    name: 'ActorConnection',
    description: 'A page of actors, ordered by slug.',
    fields: (t) => ({
      totalCount: t.int({ description: 'How many actors match, on all pages together.', resolve: (connection) => connection.totalCount }),
    }),
  },
  { name: 'ActorEdge', description: 'An actor on a page, with its cursor.' },
);

const NODE_REFS = { Actor: ActorRef, Meeting: MeetingRef, Statement: StatementRef, Vote: VoteRef, Source: SourceRef } satisfies Record<NodeType, unknown>;

/** IDs one `nodes` call may ask for: each is a lookup and, if invalid, an error of its own. */
export const MAX_NODE_IDS = 100;

/**
 * What the cost model charges for each ID beyond its selection: a lookup through a DataLoader,
 * or an error of its own, is about twenty times the work of an ordinary object field (an invalid
 * ID's error is built, located and serialised four times over by graphql-js and Yoga).
 */
export const NODE_ID_COST = 20;

function nodesSize(args: Record<string, unknown>): FieldSize {
  return { items: Array.isArray(args.ids) ? args.ids.length : 1, itemCost: NODE_ID_COST };
}

/**
 * Loads one node by global ID through its type's DataLoader. An invalid ID is its item's error:
 * graphql-js answers an Error in a list as that item's error, with no promise to reject.
 */
function loadNode(globalID: string, ctx: Context): unknown {
  let decoded: ReturnType<typeof decodeGlobalID>;
  try {
    decoded = decodeGlobalID(globalID);
  } catch (error) {
    return error;
  }
  return NODE_REFS[decoded.typename].getDataloader(ctx).load(decoded.id);
}

builder.queryType({
  description: 'Who met whom, who said what, who voted how, and when.',
  fields: (t) => ({
    nodes: t.field({
      type: [builder.nodeInterfaceRef()],
      nullable: { list: false, items: true },
      description: `Fetches objects by their global IDs (at most ${MAX_NODE_IDS}), in the same order; null where there is none. An invalid ID is an error for its own item only.`,
      extensions: { size: nodesSize },
      args: { ids: t.arg.idList({ required: true, description: `Global IDs, as returned in any \`id\` field; at most ${MAX_NODE_IDS}.` }) },
      resolve: (_root, args, ctx) => {
        if (args.ids.length > MAX_NODE_IDS) {
          throw badUserInput(`"ids" has ${args.ids.length} IDs; the limit is ${MAX_NODE_IDS}: ask in several calls`, {
            argument: 'ids',
            actual: args.ids.length,
            max: MAX_NODE_IDS,
          });
        }
        return args.ids.map((id) => {
          const node = loadNode(id, ctx);
          return node instanceof Error ? admitFieldError(ctx, node) : node;
        });
      },
    }),
    actor: t.field({
      type: ActorRef,
      nullable: true,
      description: 'An actor by slug, e.g. sergei-lavrov; null if there is none.',
      args: { slug: t.arg.string({ required: true, description: "The actor's slug." }) },
      resolve: (_root, args, ctx) => ctx.lookups.actor(args.slug) ?? null,
    }),
    event: t.field({
      type: EventRef,
      nullable: true,
      description: 'An event by its slug, e.g. rome-opposition-conference; null if there is none.',
      args: { slug: t.arg.string({ required: true, description: "The event's slug." }) },
      resolve: (_root, args, ctx) => ctx.lookups.event(args.slug),
    }),
    actors: t.field({
      type: ActorConnectionRef,
      description: 'Actors by name; search matches names and aliases, case-insensitively.',
      args: {
        kind: t.arg({ type: ActorKindEnum, description: 'Only actors of this kind.' }),
        search: t.arg.string({ description: `Words that must all appear in the name or in one alias; at most ${MAX_SEARCH_LENGTH} characters.` }),
        ...pageArgs('actors'),
      },
      resolve: async (_root, args, ctx) => {
        const page = await ctx.store.findActors({
          ...(args.kind != null && { kind: args.kind }),
          words: searchArgument(args.search, 'search'),
          page: pageRequest(args, decodeActorCursor),
        });
        return toConnection(page, (actor) => encodeActorCursor(actor.id));
      },
    }),
    timeline: t.field({
      type: EventConnectionRef,
      description: 'All events in time order (earliest start first, then earliest end, then ID).',
      args: timelineArgs,
      // Through the loader: identical aliases are paged once, and the deadline is checked between pages.
      resolve: async (_root, args, ctx) => timelinePages(ctx).load(await checkedTimelineQuery(ctx, args)),
    }),
    sources: t.field({
      type: [SourceRef],
      description: 'Every source the data is drawn from.',
      // Every source, said so: the list is the data's sources, as the contract has it, not a page.
      resolve: async (_root, _args, ctx) => (await ctx.store.findSources(ALL)).items,
    }),
  }),
});
