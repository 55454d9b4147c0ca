// Counts, during execution, the objects that list fields actually return, and stops a request
// that passes its budget. The cost model before execution multiplies page sizes only; plain
// lists (an event's actors, an actor's members) are counted here, as they are resolved.
import { GraphQLError, getNamedType, isCompositeType, isListType, isNonNullType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

export interface NodeBudget {
  used: number;
  limit: number;
}

export function nodeBudgetExceeded(budget: NodeBudget): GraphQLError {
  return new GraphQLError(`Node count ${budget.used} exceeds the limit of ${budget.limit} (MAX_NODES)`, {
    extensions: { code: 'TOO_MANY_NODES', limit: 'MAX_NODES', actual: budget.used, max: budget.limit },
  });
}

function charge(value: unknown, budget: NodeBudget | undefined): unknown {
  if (!budget || !Array.isArray(value)) return value;
  budget.used += value.length;
  if (budget.used > budget.limit) throw nodeBudgetExceeded(budget);
  return value;
}

/** Wraps every field that returns a list of objects so that its items are charged to `context.nodeBudget`. */
export function chargeListFields(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type) || !('isTypeOf' in type || 'resolveType' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
      if (!('resolve' in field) || !isListType(unwrapped) || !isCompositeType(getNamedType(field.type))) continue;
      const resolve: GraphQLFieldResolver<unknown, { nodeBudget?: NodeBudget }> | undefined = field.resolve;
      if (!resolve) continue;
      field.resolve = (source, args, context, info) => {
        const result = resolve(source, args, context, info);
        // Keep synchronous results synchronous: no promise per field where none is needed.
        return result instanceof Promise ? result.then((value) => charge(value, context.nodeBudget)) : charge(result, context.nodeBudget);
      };
    }
  }
  return schema;
}
