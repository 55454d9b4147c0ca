// Holds a running query to its node budget and its time limit. The cost model before execution
// multiplies page sizes, but plain lists (an event's actors, an actor's members) have no size
// until they are resolved, so their items are counted here as they are returned.
//
// When a limit is passed the guard does not throw from list fields: that would leave sibling
// promises rejected inside the executor. It records the refusal and makes every later list
// resolve empty, so execution winds down at once; the plugin then replaces the partial result
// with the refusal. A list it empties may hold promises that will reject (Query.nodes resolves
// each ID on its own): the guard observes each one, since an unobserved rejection would end
// the process.
import { defaultFieldResolver, getNamedType, isCompositeType, isListType, isNonNullType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

export interface ExecutionGuard {
  /** Objects returned by list fields so far. */
  nodes: number;
  readonly nodeLimit: number;
  /** performance.now() after which execution stops. */
  readonly deadline: number;
  /** Set once a limit is passed. */
  stopped?: 'nodes' | 'time';
}

// Keyed by the request's context object, so that the context type stays the schema's own.
const guards = new WeakMap<object, ExecutionGuard>();

export function guardExecution(context: object, nodeLimit: number, timeLimitMs: number): ExecutionGuard {
  const guard: ExecutionGuard = { nodes: 0, nodeLimit, deadline: performance.now() + timeLimitMs };
  guards.set(context, guard);
  return guard;
}

/** Thrown inside a resolver once the request's time is up; the limits plugin answers QUERY_TIMEOUT in its place. */
export class ExecutionStopped extends Error {
  override name = 'ExecutionStopped';
}

/**
 * A check for loops inside resolvers (histogram buckets, counting events, pairing actors): each
 * call throws ExecutionStopped once the request has run out of time or another limit stopped it.
 */
export function deadlineCheck(context: object): () => void {
  const guard = guards.get(context);
  if (!guard) return () => undefined;
  return () => {
    if (!guard.stopped && performance.now() > guard.deadline) guard.stopped = 'time';
    if (guard.stopped) throw new ExecutionStopped(`execution stopped (${guard.stopped})`);
  };
}

function ignoreRejection(): void {
  // The request is answered with the refusal; what this item would have been no longer matters.
}

/** Empties a list the guard will not let through, observing every promise in it first. */
function drop(list: unknown[]): unknown[] {
  for (const item of list) if (item instanceof Promise) item.catch(ignoreRejection);
  return [];
}

function admit(list: unknown, guard: ExecutionGuard | undefined): unknown {
  if (!guard || !Array.isArray(list)) return list;
  if (guard.stopped) return drop(list);
  guard.nodes += list.length;
  if (guard.nodes > guard.nodeLimit) guard.stopped = 'nodes';
  else if (performance.now() > guard.deadline) guard.stopped = 'time';
  return guard.stopped ? drop(list) : list;
}

/** Wraps every field that returns a list of objects so that its items pass the request's guard. */
export function guardListFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type) || !('isTypeOf' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!isListType(unwrapped) || !isCompositeType(getNamedType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, object> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const guard = guards.get(context);
        if (guard?.stopped) return [];
        const result = resolve(source, args, context, info);
        // Synchronous results stay synchronous: no promise per field where none is needed.
        return result instanceof Promise ? result.then((list) => admit(list, guard)) : admit(result, guard);
      };
    }
  }
  return schema;
}
