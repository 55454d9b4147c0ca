// Compiled execution (graphql-jit): an operation compiled into plain JavaScript skips graphql-js's
// per-field argument coercion and promise checks, and builds plain objects that serialise faster;
// the nested timeline page ran about twice as fast in process (2.8 to 1.2-1.5 ms). graphql-jit
// differs from graphql-js in places this API relies on, so an operation runs compiled only when
// it has none of them, which is decided once per document:
//  - a literal of a custom scalar (DateTime, TimeZone, ...), even inside an input object or a
//    variable's default: graphql-jit passes the string on without parseLiteral
//    (https://github.com/zalando-incubator/graphql-jit/issues/266);
//  - `nodes`: graphql-jit drops an item that fails rather than answering null in its place;
//  - more than one operation, to keep one compilation per document;
//  - introspection, which GraphiQL asks once per page;
// and per request: variables that do not coerce, since graphql-js words those errors.
// A document runs compiled only once it has been executed a few times, so that one-off queries
// (GraphiQL, fuzzers, a client making up queries) never pay for the compilation. Compiling takes
// time and makes code in proportion to the fields of the document with every fragment spread
// where it is used (about 0.15 ms and 4 to 10 KB a field, measured: 240 KB for the benchmark's
// nested page, 3.2 MB and 120 ms for 29 aliased pages; a chain of fragments that each spread the
// next twice doubles at each link, from a document of a kilobyte). So only documents of at most
// maxDocumentFields are compiled, and compilations are kept up to maxFields in all, least
// recently used out (see the README on memory). The plugin must come after the limits plugin, so
// that nothing the limits refuse is ever compiled.
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { measureDocument } from '../limits/query-analysis.js';
import {
  getNamedType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface JitOptions {
  /** The execution of a document from which it runs compiled: 1 compiles at once (tests). */
  fromExecution: number;
  /** Documents with more fields (fragments spread) always run on graphql-js; the dashboard's and the examples' have 15 to 60. */
  maxDocumentFields: number;
  /** Fields of the compiled documents kept, least recently used out. */
  maxFields: number;
}

export const DEFAULT_JIT: JitOptions = { fromExecution: 5, maxDocumentFields: 150, maxFields: 5000 };

/** What the cache holds for a document that runs on graphql-js (lru-cache keeps no null). */
const NOT_COMPILED = Symbol('not compiled');

const LITERALS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.ENUM]);

/** Whether graphql-jit answers every operation of the document exactly as graphql-js does. */
export function isCompilable(schema: GraphQLSchema, document: DocumentNode): boolean {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || operations[0]!.operation !== 'query') return false;
  let compilable = true;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        if (node.kind === Kind.FIELD) {
          const name = node.name.value;
          const introspection = name.startsWith('__') && name !== '__typename';
          if (introspection || (name === 'nodes' && typeInfo.getParentType() === schema.getQueryType())) compilable = false;
        } else if (LITERALS.has(node.kind)) {
          const type = getNamedType(typeInfo.getInputType() ?? undefined);
          if (type && isScalarType(type) && !isSpecifiedScalarType(type)) compilable = false;
        }
        return compilable ? undefined : BREAK;
      },
    }),
  );
  return compilable;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function';
}

/** The character offset of a line and column (both from 1) in the text, as GraphQLError's positions count. */
function offsetOf(body: string, { line, column }: SourceLocation): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const lineBreak = /\r\n|[\n\r]/g;
    lineBreak.lastIndex = offset;
    const found = lineBreak.exec(body);
    if (!found) break;
    offset = found.index + found[0].length;
  }
  return offset + column - 1;
}

/**
 * The result as graphql-js words it. graphql-jit's errors carry their locations but no source,
 * and Yoga rebuilds every error from its source and positions, so they would lose their
 * locations; graphql-js also puts errors before data.
 */
function likeGraphQLJs(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const source = document.loc?.source;
  const errors = result.errors.map((error) => {
    if (!source || !error.locations?.length) return error;
    const original = error.originalError ?? undefined;
    return new GraphQLError(error.message, {
      source,
      positions: error.locations.map((location) => offsetOf(source.body, location)),
      ...(error.path && { path: error.path }),
      ...(original && { originalError: original }),
      ...(error.extensions && { extensions: error.extensions }),
    });
  });
  const { errors: _jitErrors, ...rest } = result;
  return { errors, ...rest };
}

export function jitPlugin({ fromExecution, maxDocumentFields, maxFields }: JitOptions): Plugin {
  // Documents live in Yoga's parser cache (bounded): a count per document goes with it.
  const executions = new WeakMap<DocumentNode, number>();
  const compilations = new LRUCache<DocumentNode, { compiled: CompiledQuery | typeof NOT_COMPILED; fields: number }>({
    maxSize: maxFields,
    sizeCalculation: ({ compiled, fields }) => (compiled === NOT_COMPILED ? 1 : Math.max(1, fields)),
  });
  const compilationOf = (schema: GraphQLSchema, document: DocumentNode): CompiledQuery | undefined => {
    let known = compilations.get(document);
    if (known === undefined) {
      const { fields } = measureDocument(document);
      const result = fields <= maxDocumentFields && isCompilable(schema, document) ? compileQuery(schema, document) : undefined;
      known = { compiled: result && isCompiledQuery(result) ? result : NOT_COMPILED, fields };
      compilations.set(document, known);
    }
    return known.compiled === NOT_COMPILED ? undefined : known.compiled;
  };
  return {
    onExecute({ args, setExecuteFn }) {
      const { schema, document, operationName, variableValues } = args;
      // Yoga's parser cache hands out one document object per query text.
      const count = (executions.get(document) ?? 0) + 1;
      executions.set(document, count);
      if (count < fromExecution) return;
      const compiled = compilationOf(schema, document);
      if (!compiled) return;
      const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
      if (definitions.length > 0 && 'errors' in getVariableValues(schema, definitions, variableValues ?? {})) return;
      setExecuteFn((run) => {
        const result = compiled.query(run.rootValue, run.contextValue, run.variableValues);
        return isPromise(result) ? result.then((done) => likeGraphQLJs(done, document)) : likeGraphQLJs(result, document);
      });
    },
  };
}
