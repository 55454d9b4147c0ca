// Assembles the schema: importing each type module registers its types with the builder.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { guardFields } from '../limits/execution-guard.js';
import { builder } from './builder.js';
import { resolveGlobalIDsSynchronously } from './global-id.js';
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

export const schema: GraphQLSchema = guardFields(resolveGlobalIDsSynchronously(builder.toSchema({ sortSchema: false })));

/** The schema as SDL, sorted so that the committed file only changes when the schema does. */
export function printSortedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
