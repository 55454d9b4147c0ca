// Holds a running query to its node budget, its error budget and its time limit. The cost model
// before execution multiplies page sizes, but plain lists (an event's actors, an actor's members)
// have no size until they are resolved, so their items are counted here as they are returned,
// each with the fields it asks for with arguments, each a piece of work of its own (a page, a
// histogram, a time rendered in a zone): twenty aliases of an actor's timeline under a fan-out of
// plain lists were 180,000 pages asked for at once, from a query the estimate costed at 17, and
// thirty zones under every event of such a fan-out 190,000 renderings; a list is refused before
// its items' fields are resolved;
// and a field whose arguments are wrong fails once for every object it is asked of (an actor's
// timeline with first: 0, under a hundred events), each error built, located and serialised at
// far more than the cost of a field of data, so errors are counted too.
//
// When the node or time limit is passed the guard does not throw from list fields: that would
// leave sibling promises rejected inside the executor. It records the refusal and makes every
// later list resolve empty, so execution winds down at once; the plugin then replaces the partial
// result with the refusal. A list it empties may hold promises that will reject (Query.nodes
// resolves each ID on its own): the guard observes each one, since an unobserved rejection would
// end the process. A field with arguments asked for after that fails at once with one error made
// once per request and already located, so that graphql-js builds no more.
//
// Past the error budget, fields with arguments fail the same way. Whether that changed the
// answer depends on the executor (graphql-js keeps one error where an error makes its parent
// null, and graphql-jit calls resolvers in another order): the plugin refuses the answer only
// if that error is in it, so that both executors answer alike.
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

export type StoppedBy = 'nodes' | 'time';

export interface ExecutionGuard {
  /** Objects returned by list fields, each with the fields it asks for with arguments, so far. */
  nodes: number;
  readonly nodeLimit: number;
  /** Errors of fields so far, and the first one's message. */
  errors: number;
  readonly errorLimit: number;
  firstError?: string;
  /** Set once the errors pass their limit: fields with arguments then fail with `stop`. */
  overErrorLimit?: boolean;
  /** performance.now() after which execution stops. */
  deadline: number;
  /** How long an execution may take: each event of a subscription gets as long. */
  readonly timeLimitMs: number;
  /** Set once a limit is passed. */
  stopped?: StoppedBy;
  /** What fields with arguments fail with once execution has stopped or errors passed their limit. */
  readonly stop: GraphQLError;
}

/** The part of a request's context the guard lives in. */
interface GuardedContext {
  guard?: ExecutionGuard;
}

function guardOf(context: object): ExecutionGuard | undefined {
  return (context as GuardedContext).guard;
}

export function guardExecution(context: object, limits: { nodeLimit: number; errorLimit: number; timeLimitMs: number }): ExecutionGuard {
  const guard: ExecutionGuard = {
    nodes: 0,
    nodeLimit: limits.nodeLimit,
    errors: 0,
    errorLimit: limits.errorLimit,
    deadline: performance.now() + limits.timeLimitMs,
    timeLimitMs: limits.timeLimitMs,
    // A path makes it "located": graphql-js passes it on as it is.
    stop: new GraphQLError('Execution stopped.', { path: [] }),
  };
  (context as GuardedContext).guard = guard;
  return guard;
}

/**
 * Starts the counts again for a second execution of the same request (a compiled run that met an
 * error is run again on graphql-js): the time already spent still counts.
 */
export function restartGuard(context: object): void {
  const guard = guardOf(context);
  if (!guard) return;
  guard.nodes = 0;
  guard.errors = 0;
  guard.firstError = undefined;
  guard.overErrorLimit = false;
  if (guard.stopped === 'nodes') guard.stopped = undefined;
}

/** Starts the limits again for the next event of a subscription: each is an execution of its own. */
export function renewGuard(context: object): void {
  const guard = guardOf(context);
  if (!guard) return;
  restartGuard(context);
  guard.stopped = undefined;
  guard.deadline = performance.now() + guard.timeLimitMs;
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
  const guard = guardOf(context);
  if (!guard) return () => undefined;
  return () => {
    if (!guard.stopped && performance.now() > guard.deadline) guard.stopped = 'time';
    if (guard.stopped) throw new ExecutionStopped(`execution stopped (${guard.stopped})`);
  };
}

function countError(guard: ExecutionGuard | undefined, error: unknown): void {
  if (!guard) return;
  guard.errors++;
  guard.firstError ??= error instanceof Error ? error.message : String(error);
  if (guard.errors > guard.errorLimit) guard.overErrorLimit = true;
}

/**
 * An error that a resolver answers with rather than throws (an invalid ID among nodes): counted,
 * and past the limit replaced by the request's one located error.
 */
export function admitFieldError(context: object, error: Error): Error {
  const guard = guardOf(context);
  countError(guard, error);
  return guard?.overErrorLimit ? guard.stop : error;
}

function ignoreRejection(): void {
  // The request is answered with the refusal; what this item would have been no longer matters.
}

/** Empties a list the guard will not let through, observing every promise in it first. */
function drop(list: unknown[]): unknown[] {
  for (const item of list) if (item instanceof Promise) item.catch(ignoreRejection);
  return [];
}

function admit(list: unknown, guard: ExecutionGuard | undefined, weight: number): unknown {
  if (!guard || !Array.isArray(list)) return list;
  if (guard.stopped) return drop(list);
  guard.nodes += list.length * weight;
  if (guard.nodes > guard.nodeLimit) guard.stopped = 'nodes';
  else if (performance.now() > guard.deadline) guard.stopped = 'time';
  return guard.stopped ? drop(list) : list;
}

/**
 * What each item of a list counts: itself, and every field with arguments it selects (a page, a
 * histogram, a time rendered in a zone: each is work of its own), through the objects it holds
 * but not through lists, whose items count themselves. A fragment counts at each spread.
 */
const itemWeights = new WeakMap<FieldNode, number>();

/**
 * What a field with arguments counts: the field and the work its arguments ask for. Measured
 * over a fan-out of plain lists, a time rendered in a zone costs twice an item or more, and a
 * weight of 1 let two connections hold a probe close to half a second.
 */
const ARGUMENT_WEIGHT = 2;

function itemWeight(info: GraphQLResolveInfo): number {
  const node = info.fieldNodes[0]!;
  const known = itemWeights.get(node);
  if (known !== undefined) return known;
  const fragmentWeights = new Map<string, number>();
  const weigh = (set: SelectionSetNode | undefined, type: GraphQLNamedType | undefined | null): number => {
    let weight = 0;
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const field = type && isCompositeType(type) && 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        if (field.args.length > 0) weight += ARGUMENT_WEIGHT;
        if (!isListType(getNullableType(field.type))) weight += weigh(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        weight += weigh(selection.selectionSet, selection.typeCondition ? info.schema.getType(selection.typeCondition.name.value) : type);
      } else {
        const name = selection.name.value;
        let fragmentWeight = fragmentWeights.get(name);
        if (fragmentWeight === undefined) {
          fragmentWeights.set(name, 0); // a cycle (invalid anyway) counts nothing
          const fragment = info.fragments[name];
          fragmentWeight = fragment ? weigh(fragment.selectionSet, info.schema.getType(fragment.typeCondition.name.value)) : 0;
          fragmentWeights.set(name, fragmentWeight);
        }
        weight += fragmentWeight;
      }
    }
    return weight;
  };
  let weight = 1;
  for (const fieldNode of info.fieldNodes) weight += weigh(fieldNode.selectionSet, getNamedType(info.returnType));
  itemWeights.set(node, weight);
  return weight;
}

/** A list field's items pass the guard: counted, and none once a limit is passed. */
function guardList(resolve: GraphQLFieldResolver<unknown, object>): GraphQLFieldResolver<unknown, object> {
  return (source, args, context, info) => {
    const guard = guardOf(context);
    if (guard?.stopped) return [];
    const result = resolve(source, args, context, info);
    const weight = itemWeight(info);
    // Synchronous results stay synchronous: no promise per field where none is needed.
    return result instanceof Promise ? result.then((list) => admit(list, guard, weight)) : admit(result, guard, weight);
  };
}

/**
 * A field with arguments: it checks the deadline (the work grows with its arguments), its
 * errors are counted, and once a limit is passed it fails at once.
 * Its errors leave as rejections, as an async resolver's do: graphql-jit loses track of an error
 * thrown at once from a field under a list (the promise it makes of it is never observed, and an
 * unobserved rejection is a defect), and a rejection costs graphql-js nothing more.
 */
function guardArguments(resolve: GraphQLFieldResolver<unknown, object>): GraphQLFieldResolver<unknown, object> {
  return (source, args, context, info) => {
    const guard = guardOf(context);
    if (guard && !guard.stopped && performance.now() > guard.deadline) guard.stopped = 'time';
    if (guard && (guard.stopped || guard.overErrorLimit)) return Promise.reject(guard.stop);
    let result: unknown;
    try {
      result = resolve(source, args, context, info);
    } catch (error) {
      countError(guard, error);
      return Promise.reject(guard?.overErrorLimit ? guard.stop : error);
    }
    if (!(result instanceof Promise)) return result;
    // Resolvers that fail asynchronously have all been called by the time the first failure is
    // seen: past the limit, each fails with the located error, built once.
    return result.catch((error: unknown) => {
      countError(guard, error);
      throw guard?.overErrorLimit ? guard.stop : error;
    });
  };
}

/** Wraps a field's resolver as the guard watches it: a list of objects is counted, a field with arguments checked. */
export function guardResolver(
  resolve: GraphQLFieldResolver<unknown, object>,
  { listOfObjects, hasArguments }: { listOfObjects: boolean; hasArguments: boolean },
): GraphQLFieldResolver<unknown, object> {
  let guarded = resolve;
  if (listOfObjects) guarded = guardList(guarded);
  if (hasArguments) guarded = guardArguments(guarded);
  return guarded;
}
