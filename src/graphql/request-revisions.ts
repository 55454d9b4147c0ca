// The revision each request reads, chosen once: the response cache's key (made before the context)
// and the context that executes the request name the same revision, whatever is swapped in between.
import type { Revisions, Served } from '../store/revisions.js';

export class RequestRevisions {
  private readonly pinned = new WeakMap<Request, Served>();

  constructor(private readonly revisions: Revisions) {}

  of(request: Request): Served {
    let served = this.pinned.get(request);
    if (!served) {
      served = this.revisions.current();
      this.pinned.set(request, served);
    }
    return served;
  }
}
