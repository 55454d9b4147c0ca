// A route beside GraphQL: a plain handler from Request to Response, which knows nothing of Yoga.
export interface Route {
  /** The exact path it answers. */
  path: string;
  /** Which requests at the path it takes (others go on, e.g. to GraphQL at /graphql); all when absent. */
  accepts?: (request: Request) => boolean;
  handle(request: Request, url: URL): Response | Promise<Response>;
}

/** GET and HEAD, as files and probes are asked for. */
export const isRead = (request: Request) => request.method === 'GET' || request.method === 'HEAD';
