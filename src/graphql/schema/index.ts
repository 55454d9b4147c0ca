// Assembles the schema: importing each type module registers its types with the builder.
import { isAbstractType, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './types/scalars.js';
import './types/enums.js';
import './types/time-span.js';
import './types/actor.js';
import './types/event.js';
import './types/meeting.js';
import './types/statement.js';
import './types/vote.js';
import './types/source.js';
import './types/timeline.js';
import './types/query.js';
import './types/dashboard.js';
import './types/live.js';

export const schema: GraphQLSchema = builder.toSchema({ sortSchema: false });

/** The schema as SDL, sorted so that the committed file only changes when the schema does. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}

/**
 * The concrete types of each interface and union, as Apollo Client's InMemoryCache takes them
 * (`possibleTypes`): without them, fragments on Event or Node match nothing from the cache.
 */
export function possibleTypes(): Record<string, string[]> {
  const sorted = lexicographicSortSchema(schema);
  const result: Record<string, string[]> = {};
  for (const type of Object.values(sorted.getTypeMap())) {
    if (type.name.startsWith('__') || !isAbstractType(type)) continue;
    result[type.name] = sorted
      .getPossibleTypes(type)
      .map((possible) => possible.name)
      .sort();
  }
  return result;
}
