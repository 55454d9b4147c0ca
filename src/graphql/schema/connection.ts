import type { Page } from '../../store/paging.js';
import { builder } from './builder.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-args.js';

/** A Relay connection's shape: what a connection type's fields resolve from. */
export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

/** An edge whose cursor is encoded only when a query asks for it (most ask only for nodes). */
class Edge<T> {
  constructor(
    readonly node: T,
    private readonly cursorOf: (item: T) => string,
  ) {}

  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

/** Turns a store page into a connection, with a cursor for each item. */
export function toConnection<T>(page: Page<T>, cursorOf: (item: T) => string): ConnectionShape<T> {
  const edges = page.items.map((node) => new Edge(node, cursorOf));
  return {
    edges,
    totalCount: page.totalCount,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      get startCursor() {
        return edges[0]?.cursor ?? null;
      },
      get endCursor() {
        return edges.at(-1)?.cursor ?? null;
      },
    },
  };
}

/** The Relay paging arguments of a connection field, described for the items it pages over. */
export function pageArgs(items: string) {
  return builder.args((t) => ({
    first: t.int({ description: `Return the first n ${items} (1 to ${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}).` }),
    after: t.string({ description: `Only ${items} after this cursor.` }),
    last: t.int({ description: `Return the last n ${items} (1 to ${MAX_PAGE_SIZE}).` }),
    before: t.string({ description: `Only ${items} before this cursor.` }),
  }));
}
