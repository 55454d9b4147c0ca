// Measures a GraphQL document before it runs: depth, aliases, directives, and the cost and
// node count its page sizes imply (GitHub's model: a connection multiplies what it selects).
import {
  getArgumentValues,
  getVariableValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface Measures {
  depth: number;
  aliases: number;
  directives: number;
  /** Field selections once every fragment is spread where it is used: what execution (and compiling it) walks. */
  fields: number;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
}

/**
 * Depth (fields nested in fields, through fragments), aliases, directives and fields of a document.
 * Fragments count at each use, so that spreading a fragment many times is no way around a limit.
 * Each fragment is measured once and its measures reused: a document that spreads fragments
 * exponentially costs linear time here (its counts still grow, and are refused).
 */
export function measureDocument(document: DocumentNode): Measures {
  const fragments = fragmentsOf(document);
  const measured = new Map<string, Measures>();
  const inProgress = new Set<string>(); // a cycle (invalid anyway) counts as nothing
  const none = (): Measures => ({ depth: 0, aliases: 0, directives: 0, fields: 0 });
  const walk = (set: SelectionSetNode | undefined): Measures => {
    const total = none();
    for (const selection of set?.selections ?? []) {
      total.directives += selection.directives?.length ?? 0;
      let inner: Measures;
      if (selection.kind === Kind.FIELD) {
        const child = walk(selection.selectionSet);
        inner = { depth: 1 + child.depth, aliases: child.aliases + (selection.alias ? 1 : 0), directives: child.directives, fields: 1 + child.fields };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = walk(selection.selectionSet);
      } else {
        inner = fragmentMeasures(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
      total.directives += inner.directives;
      total.fields += inner.fields;
    }
    return total;
  };
  const fragmentMeasures = (name: string): Measures => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return none();
    inProgress.add(name);
    const inner = walk(fragment.selectionSet);
    inProgress.delete(name);
    const result = { ...inner, directives: inner.directives + (fragment.directives?.length ?? 0) };
    measured.set(name, result);
    return result;
  };
  const result = none();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const inner = walk(definition.selectionSet);
    result.depth = Math.max(result.depth, inner.depth);
    result.aliases += inner.aliases;
    result.directives += inner.directives + (definition.directives?.length ?? 0);
    result.fields += inner.fields;
  }
  return result;
}

/** Lexical tokens of a parsed document (it keeps them all): a measure of what it holds, and of what compiling it makes. */
export function tokenCount(document: DocumentNode): number {
  let count = 0;
  for (let token = document.loc?.startToken ?? null; token; token = token.next) count++;
  return Math.max(1, count);
}

export interface Cost {
  /** Object fields the query may resolve, each multiplied by the page sizes above it. */
  cost: number;
  /** Items the query may return through connections and lists sized by an argument. */
  nodes: number;
}

/** Page sizes assumed where a query gives none: the server's defaults. */
export interface PageDefaults {
  connection: number;
}

/** How many items a list field returns, known from its arguments before it runs, and what each costs beyond its selection. */
export interface FieldSize {
  items: number;
  itemCost: number;
}

/**
 * A field whose work grows with its arguments says so in its extensions: `size(args)` (args
 * as execution coerces them) gives its items before execution. See sizeOf.
 */
export type SizeOfField = (args: Record<string, unknown>) => FieldSize;

/**
 * The items a field can return, when its arguments size it: a connection's first/last (or the
 * default page), whose edges and nodes are counted as fields; or what the field's own `size`
 * extension says (the IDs passed to nodes, the pairs asked of interactions, a histogram's buckets).
 */
function sizeOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, defaults: PageDefaults): FieldSize | undefined {
  const count = (value: unknown) => (typeof value === 'number' ? Math.max(0, value) : undefined);
  if (getNamedType(field.type).name.endsWith('Connection')) return { items: count(args.first) ?? count(args.last) ?? defaults.connection, itemCost: 0 };
  const size = field.extensions.size as SizeOfField | undefined;
  return size?.(args);
}

/**
 * Whether a field with arguments stands below a list that no argument sizes (an event's actors,
 * an actor's members), through fragments. Such a field runs once for every item those lists
 * multiply to, which nothing before execution can know: the guard stops it during execution,
 * where graphql-js then drops the rest at once, but compiled code goes through every item.
 */
export function hasArgumentsUnderUnsizedLists(schema: GraphQLSchema, document: DocumentNode): boolean {
  const fragments = fragmentsOf(document);
  const known = new Map<string, boolean>();
  const walk = (set: SelectionSetNode | undefined, type: GraphQLCompositeType, under: boolean): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue;
        if (under && field.args.length > 0) return true;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        const unsized = isListType(getNullableType(field.type)) && !type.name.endsWith('Connection') && field.extensions.size === undefined;
        if (walk(selection.selectionSet, named, under || unsized)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition) && walk(selection.selectionSet, condition, under)) return true;
      } else {
        const key = `${selection.name.value}\0${under}`;
        let found = known.get(key);
        if (found === undefined) {
          known.set(key, false); // a cycle (invalid anyway) finds nothing
          const fragment = fragments.get(selection.name.value);
          const condition = fragment && schema.getType(fragment.typeCondition.name.value);
          found = !!fragment && !!condition && isCompositeType(condition) && walk(fragment.selectionSet, condition, under);
          known.set(key, found);
        }
        if (found) return true;
      }
    }
    return false;
  };
  return document.definitions.some((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION) return false;
    const root = schema.getRootType(definition.operation);
    return !!root && walk(definition.selectionSet, root, false);
  });
}

/** The field's size, or undefined when its arguments do not coerce (it fails when it runs, and returns nothing). */
function sizeOrUnknown(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
  defaults: PageDefaults,
): FieldSize | undefined {
  try {
    return sizeOf(field, getArgumentValues(field, node, variables), defaults);
  } catch {
    return undefined;
  }
}

/**
 * Cost and nodes of one operation, with its variables, before it runs; undefined when its
 * variables do not coerce (execution then refuses the request before any resolver runs, with
 * graphql-js's own error). The document must be valid. Nothing here throws: an argument that
 * does not coerce fails its field during execution, so the field counts as unsized.
 */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown>,
  defaults: PageDefaults,
): Cost | undefined {
  const fragments = fragmentsOf(document);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => (operationName ? o.name?.value === operationName : true));
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { cost: 0, nodes: 0 };
  // Page sizes as execution will see them: variables coerced, with their declared defaults.
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (!coerced.coerced) return undefined;
  const variables = coerced.coerced;

  // A named fragment's cost depends only on the fragment: computed once, reused at each spread.
  const fragmentCosts = new Map<string, Cost>();
  const inProgress = new Set<string>();
  const fragmentCost = (name: string): Cost => {
    const known = fragmentCosts.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    const condition = fragment && schema.getType(fragment.typeCondition.name.value);
    if (!fragment || !condition || !isCompositeType(condition) || inProgress.has(name)) return { cost: 0, nodes: 0 };
    inProgress.add(name);
    const cost = walk(fragment.selectionSet, condition);
    inProgress.delete(name);
    fragmentCosts.set(name, cost);
    return cost;
  };

  const walk = (set: SelectionSetNode | undefined, type: GraphQLCompositeType): Cost => {
    const total = { cost: 0, nodes: 0 };
    for (const selection of set?.selections ?? []) {
      let inner: Cost = { cost: 0, nodes: 0 };
      if (selection.kind === Kind.FIELD) {
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __typename and other meta fields cost nothing
        const named = getNamedType(field.type);
        const children = isCompositeType(named) ? walk(selection.selectionSet, named) : { cost: 0, nodes: 0 };
        const size = sizeOrUnknown(field, selection, variables, defaults);
        const own = isCompositeType(named) ? 1 : 0;
        // An object asked for with arguments (a page, a histogram) is a node of its own (the
        // execution guard counts it under lists too, with the work its arguments ask for).
        const ownNode = field.args.length > 0 && isCompositeType(named) ? 1 : 0;
        inner =
          size === undefined
            ? { cost: own + children.cost, nodes: ownNode + children.nodes }
            : { cost: own + size.items * (size.itemCost + children.cost), nodes: ownNode + size.items * (1 + children.nodes) };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) inner = walk(selection.selectionSet, condition);
      } else {
        inner = fragmentCost(selection.name.value);
      }
      total.cost += inner.cost;
      total.nodes += inner.nodes;
    }
    return total;
  };
  return walk(operation.selectionSet, root);
}
