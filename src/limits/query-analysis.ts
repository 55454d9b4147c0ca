// Measures a GraphQL document before it runs: depth, aliases, directives, and the cost and
// node count its page sizes imply (GitHub's model: a connection multiplies what it selects).
import {
  getArgumentValues,
  getNamedType,
  isCompositeType,
  Kind,
  type DocumentNode,
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
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
}

/**
 * Depth (fields nested in fields, through fragments), aliases and directives of a document.
 * Fragments count once per use, so that spreading a fragment many times is no way around a limit;
 * a fragment cycle (invalid anyway) counts as deep as the limit can see.
 */
export function measureDocument(document: DocumentNode): Measures {
  const fragments = fragmentsOf(document);
  let aliases = 0;
  let directives = 0;
  const walk = (set: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    let deepest = 0;
    for (const selection of set?.selections ?? []) {
      directives += selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        deepest = Math.max(deepest, 1 + walk(selection.selectionSet, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || seen.has(name)) continue;
        directives += fragment.directives?.length ?? 0;
        deepest = Math.max(deepest, walk(fragment.selectionSet, new Set([...seen, name])));
      }
    }
    return deepest;
  };
  let depth = 0;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    directives += definition.directives?.length ?? 0;
    depth = Math.max(depth, walk(definition.selectionSet, new Set()));
  }
  return { depth, aliases, directives };
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
  interactions: number;
}

/**
 * The number of items a field can return, when an argument sizes it: a connection's first/last
 * (or the default page), the IDs passed to nodes, the pairs asked of interactions.
 */
function sizeOf(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, defaults: PageDefaults): number | undefined {
  const count = (value: unknown) => (typeof value === 'number' ? Math.max(0, value) : undefined);
  if (getNamedType(field.type).name.endsWith('Connection')) return count(args.first) ?? count(args.last) ?? defaults.connection;
  if (field.name === 'nodes' && Array.isArray(args.ids)) return args.ids.length;
  if (field.name === 'interactions') return count(args.first) ?? defaults.interactions;
  return undefined;
}

/** Cost and nodes of one operation, with its variables, before it runs. The document must be valid. */
export function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  defaults: PageDefaults,
): Cost {
  const fragments = fragmentsOf(document);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => (operationName ? o.name?.value === operationName : true));
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return { cost: 0, nodes: 0 };

  const walk = (set: SelectionSetNode | undefined, type: GraphQLCompositeType): Cost => {
    const total = { cost: 0, nodes: 0 };
    for (const selection of set?.selections ?? []) {
      let inner: Cost = { cost: 0, nodes: 0 };
      if (selection.kind === Kind.FIELD) {
        const field = 'getFields' in type ? type.getFields()[selection.name.value] : undefined;
        if (!field) continue; // __typename and other meta fields cost nothing
        const named = getNamedType(field.type);
        const children = isCompositeType(named) ? walk(selection.selectionSet, named) : { cost: 0, nodes: 0 };
        const size = sizeOf(field, getArgumentValues(field, selection, variables), defaults);
        const own = isCompositeType(named) ? 1 : 0;
        inner = size === undefined ? { cost: own + children.cost, nodes: children.nodes } : { cost: own + size * children.cost, nodes: size * (1 + children.nodes) };
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        const condition = fragment?.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
        if (fragment && condition && isCompositeType(condition)) inner = walk(fragment.selectionSet, condition);
      }
      total.cost += inner.cost;
      total.nodes += inner.nodes;
    }
    return total;
  };
  return walk(operation.selectionSet, root);
}
