// Compiled execution (graphql-jit): an operation compiled into plain JavaScript skips graphql-js's
// per-field argument coercion and promise checks, and builds plain objects that serialise faster,
// which on deep pages is most of the time an answer takes (bench/results.md). graphql-jit
// differs from graphql-js in places this API relies on, so an operation runs compiled only when
// it has none of them, which is decided once per document:
//  - a literal of a custom scalar (DateTime, TimeZone, ...), even inside an input object or a
//    variable's default: graphql-jit passes the string on without parseLiteral
//    (https://github.com/zalando-incubator/graphql-jit/issues/266);
//  - `nodes`: graphql-jit drops an item that fails rather than answering null in its place;
//  - more than one operation, to keep one compilation per document;
//  - introspection, which GraphiQL asks once per page;
//  - a field with arguments below a list that no argument sizes (see hasArgumentsUnderUnsizedLists):
//    when the execution guard stops such a run, graphql-jit still goes through every field of every
//    item it has (twenty pages under nine thousand actors: three seconds), where graphql-js drops
//    the rest at once;
// and per request: variables that do not coerce, since graphql-js words those errors. Errors are
// graphql-js's too: graphql-jit words them otherwise and reports every error under a field that
// must not be null where graphql-js keeps the first, so a compiled run that meets one is run again
// on graphql-js, and the document runs there from then on (a query that fails rarely runs often).
//
// A document runs compiled only once it has been answered a few times without an error, so that
// one-off queries (GraphiQL, fuzzers, a client making up queries) and refused ones never pay for
// the compilation. Compiling takes
// time and makes code in proportion to the fields of the document with every fragment spread
// where it is used (bench/results.md has the cost per field; a chain of fragments that each
// spread the next twice doubles at each link, from a document of a kilobyte). So only documents of at most
// maxDocumentFields are compiled, and compilations, which keep their documents, are kept up to
// maxSize in all, least recently used out (see the README on memory). The plugin must come after
// the limits plugin, so that nothing the limits refuse is ever compiled.
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { restartGuard } from '../../limits/execution-guard.js';
import { hasArgumentsUnderUnsizedLists, measureDocument, tokenCount } from '../../limits/query-analysis.js';
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
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface JitOptions {
  /** The execution of a document from which it runs compiled: 1 compiles at once (tests). */
  fromExecution: number;
  /** Documents with more fields (fragments spread) always run on graphql-js; the dashboard's and the examples' have 15 to 60. */
  maxDocumentFields: number;
  /**
   * Compilations kept, least recently used out, each counted as its fields plus a tenth of its
   * document's tokens: a field's code and ten tokens of a document weigh about the same.
   */
  maxSize: number;
}

export const DEFAULT_JIT: JitOptions = { fromExecution: 5, maxDocumentFields: 150, maxSize: 4000 };

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
  return compilable && !hasArgumentsUnderUnsizedLists(schema, document);
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T>)?.then === 'function';
}

export function jitPlugin({ fromExecution, maxDocumentFields, maxSize }: JitOptions): Plugin {
  // Documents live in Yoga's parser cache (bounded): what is known of each goes with it.
  const executions = new WeakMap<DocumentNode, number>();
  // Documents that run on graphql-js: not compilable, too large, or whose compiled run met an error.
  const interpreted = new WeakSet<DocumentNode>();
  const compilations = new LRUCache<DocumentNode, { compiled: CompiledQuery; size: number }>({ maxSize, sizeCalculation: ({ size }) => size });
  const compilationOf = (schema: GraphQLSchema, document: DocumentNode): CompiledQuery | undefined => {
    if (interpreted.has(document)) return undefined;
    const known = compilations.get(document);
    if (known) return known.compiled;
    const { fields } = measureDocument(document);
    const result = fields <= maxDocumentFields && isCompilable(schema, document) ? compileQuery(schema, document) : undefined;
    if (!result || !isCompiledQuery(result)) {
      interpreted.add(document);
      return undefined;
    }
    compilations.set(document, { compiled: result, size: fields + Math.ceil(tokenCount(document) / 10) });
    return result;
  };
  // Yoga's parser cache hands out one document object per query text.
  const countAnswer = (document: DocumentNode) => ({
    onExecuteDone({ result }: { result: ExecutionResult | AsyncIterable<ExecutionResult> }) {
      if (!(Symbol.asyncIterator in result) && !result.errors?.length) executions.set(document, (executions.get(document) ?? 0) + 1);
    },
  });
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const { schema, document, operationName, variableValues } = args;
      if ((executions.get(document) ?? 0) + 1 < fromExecution) return countAnswer(document);
      const compiled = compilationOf(schema, document);
      if (!compiled) return;
      const definitions = getOperationAST(document, operationName)?.variableDefinitions ?? [];
      if (definitions.length > 0 && 'errors' in getVariableValues(schema, definitions, variableValues ?? {})) return;
      setExecuteFn((run) => {
        const settle = (result: ExecutionResult) => {
          if (!result.errors?.length) return result;
          interpreted.add(document);
          compilations.delete(document);
          restartGuard(run.contextValue as object);
          return executeFn(run);
        };
        const result = compiled.query(run.rootValue, run.contextValue, run.variableValues);
        return isPromise(result) ? result.then(settle) : settle(result);
      });
    },
  };
}
