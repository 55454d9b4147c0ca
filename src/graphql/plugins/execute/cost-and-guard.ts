// Refuses abusive queries before any resolver runs, each with an error whose code and message
// name the limit, and reports every executed query's cost in extensions.cost.
import {
  GraphQLError,
  Lexer,
  type ExecutionArgs,
  type ExecutionResult,
  Source,
  TokenKind,
  type ASTVisitor,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { RequestState } from '../../../observability/request-state.js';
import type { ErrorCode } from '../../../support/error-codes.js';
import { LIMIT_SETTINGS, type Limits, type NumericLimit } from '../../limits/limits.js';
import { BoundedMemo } from '../../../support/bounded-memo.js';
import { guardExecution, type ExecutionGuard } from '../../limits/execution-guard.js';
import { jsonLengthUpTo } from '../../limits/response-size.js';
import { exactJson } from '../../../support/json-values.js';
import { costOf, measureDocument, type Cost, type PageDefaults } from '../../limits/query-analysis.js';

export type LimitCode = Extract<
  ErrorCode,
  | 'QUERY_TOO_LONG'
  | 'TOO_MANY_TOKENS'
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_DIRECTIVES'
  | 'QUERY_TOO_COSTLY'
  | 'TOO_MANY_NODES'
  | 'QUERY_TIMEOUT'
  | 'TOO_MANY_ERRORS'
  | 'RESPONSE_TOO_LARGE'
>;

function limitError(code: LimitCode, limit: NumericLimit, what: string, actual: number, max: number): GraphQLError {
  const setting = LIMIT_SETTINGS[limit].env;
  return new GraphQLError(`${what} ${actual} exceeds the limit of ${max} (${setting})`, {
    extensions: { code, limit: setting, actual, max, http: { status: 400 } },
  });
}

function measuresRule(limits: Limits) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      const { depth, aliases, directives } = measureDocument(document);
      if (depth > limits.maxDepth) context.reportError(limitError('QUERY_TOO_DEEP', 'maxDepth', 'Query depth', depth, limits.maxDepth));
      if (aliases > limits.maxAliases) context.reportError(limitError('TOO_MANY_ALIASES', 'maxAliases', 'Alias count', aliases, limits.maxAliases));
      if (directives > limits.maxDirectives) {
        context.reportError(limitError('TOO_MANY_DIRECTIVES', 'maxDirectives', 'Directive count', directives, limits.maxDirectives));
      }
      return false; // measured whole: no need to visit the nodes one by one
    },
  });
}

const COSTS_PER_DOCUMENT = 100;
/** Longer operation names and variables are costed afresh each time: remembering them would let a client fill memory. */
const MAX_REMEMBERED_KEY_LENGTH = 1000;

/**
 * Costs by document, operation and variables: a cost depends on nothing else, and clients
 * (dashboards above all) repeat the same few. Yoga's parser cache hands out one document object
 * per query text; each keeps at most COSTS_PER_DOCUMENT combinations of short variables.
 */
function costMemo(pageDefaults: PageDefaults) {
  // Null for variables that do not coerce (the memo keeps no undefined).
  const byDocument = new WeakMap<DocumentNode, BoundedMemo<string, Cost | null>>();
  return {
    of(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown>): Cost | undefined {
      const compute = () => costOf(schema, document, operationName, variables, pageDefaults);
      const variablesJson = exactJson(variables);
      const key = variablesJson === undefined ? undefined : `${operationName ?? ''}\0${variablesJson}`;
      if (key === undefined || key.length > MAX_REMEMBERED_KEY_LENGTH) return compute();
      let known = byDocument.get(document);
      if (!known) byDocument.set(document, (known = new BoundedMemo(COSTS_PER_DOCUMENT)));
      return known.get(key, () => compute() ?? null) ?? undefined;
    },
  };
}

export function limitsPlugin(limits: Limits, pageDefaults: PageDefaults): Plugin {
  const costs = costMemo(pageDefaults);

  interface Admitted {
    guard: ExecutionGuard;
    extensions: { cost: { requested: number; limit: number; nodes: number; nodeLimit: number } };
  }

  /** The cost check before an operation runs, and its guard; undefined when refused (or left to execution to refuse). */
  const admit = (args: ExecutionArgs, refuse: (result: ExecutionResult) => void): Admitted | undefined => {
    const measured = costs.of(args.schema, args.document, args.operationName, args.variableValues ?? {});
    // Variables that do not coerce: execution refuses the request before any resolver runs.
    if (!measured) return undefined;
    const { cost, nodes } = measured;
    // For the request's log line; the client reads it in extensions.cost.
    const state = (args.contextValue as { requestState?: RequestState }).requestState;
    if (state) state.cost = cost;
    const extensions = { cost: { requested: cost, limit: limits.maxCost, nodes, nodeLimit: limits.maxNodes } };
    const refusal =
      cost > limits.maxCost
        ? limitError('QUERY_TOO_COSTLY', 'maxCost', 'Query cost', cost, limits.maxCost)
        : nodes > limits.maxNodes
          ? limitError('TOO_MANY_NODES', 'maxNodes', 'Node count', nodes, limits.maxNodes)
          : undefined;
    if (refusal) {
      refuse({ errors: [refusal], extensions });
      return undefined;
    }
    const guard = guardExecution(args.contextValue as object, { nodeLimit: limits.maxNodes, errorLimit: limits.maxErrors, timeLimitMs: limits.maxExecutionMs });
    return { guard, extensions };
  };

  /** A result as the limits leave it: the refusal of a limit passed during execution, or the result with its cost. */
  const finish = ({ guard, extensions }: Admitted, result: ExecutionResult, setResult: (result: ExecutionResult) => void): void => {
    if (!('data' in result || 'errors' in result)) return;
    if (guard.stopped === 'nodes') {
      setResult({ errors: [limitError('TOO_MANY_NODES', 'maxNodes', 'Node count', guard.nodes, limits.maxNodes)], extensions });
    } else if (guard.overErrorLimit && result.errors?.some((error) => error === guard.stop || error.originalError === guard.stop)) {
      const refusal = limitError('TOO_MANY_ERRORS', 'maxErrors', 'Error count', guard.errors, limits.maxErrors);
      // The first error says what is wrong with the query.
      setResult({ errors: [new GraphQLError(`${refusal.message}; the first: ${guard.firstError}`, { extensions: refusal.extensions })], extensions });
    } else if (guard.stopped === 'time') {
      const elapsed = Math.round(performance.now() - (guard.deadline - guard.timeLimitMs));
      setResult({ errors: [limitError('QUERY_TIMEOUT', 'maxExecutionMs', 'Execution time in ms', elapsed, limits.maxExecutionMs)], extensions });
    } else if ('data' in result && jsonLengthUpTo(result.data, limits.maxResponseBytes) > limits.maxResponseBytes) {
      const max = limits.maxResponseBytes;
      const refusal = new GraphQLError(`The answer would be more than ${max} bytes (MAX_RESPONSE_BYTES): select fewer fields, or ask for smaller pages`, {
        extensions: { code: 'RESPONSE_TOO_LARGE' satisfies LimitCode, limit: LIMIT_SETTINGS.maxResponseBytes.env, max, http: { status: 400 } },
      });
      setResult({ errors: [refusal], extensions });
    } else {
      setResult({ ...result, extensions: { ...result.extensions, ...extensions } });
    }
  };

  return {
    onParams({ params }) {
      const length = typeof params.query === 'string' ? params.query.length : 0;
      if (length > limits.maxQueryLength) throw limitError('QUERY_TOO_LONG', 'maxQueryLength', 'Query length', length, limits.maxQueryLength);
    },
    onParse({ params }) {
      // Counting stops one past the limit, so an oversized document costs no more than that.
      const source = typeof params.source === 'string' ? params.source : params.source.body;
      const lexer = new Lexer(new Source(source));
      let count = 0;
      try {
        while (lexer.advance().kind !== TokenKind.EOF) {
          if (++count > limits.maxTokens) throw limitError('TOO_MANY_TOKENS', 'maxTokens', 'Token count', count, limits.maxTokens);
        }
      } catch (error) {
        // A syntax error is for the parser to report, with its position.
        if (error instanceof GraphQLError && error.extensions.code === 'TOO_MANY_TOKENS') throw error;
      }
    },
    onValidate({ addValidationRule }) {
      addValidationRule(measuresRule(limits));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const started = admit(args, setResultAndStopExecution);
      if (!started) return;
      return {
        onExecuteDone: ({ result, setResult }) => {
          if (!(Symbol.asyncIterator in result)) finish(started, result, setResult);
        },
      };
    },
    // A subscription is held to the same cost before it starts, and each event it sends to the
    // node, error and time limits of an execution (the subscription renews them per event).
    onSubscribe({ args, setResultAndStopExecution }) {
      const started = admit(args, setResultAndStopExecution);
      if (!started) return;
      return {
        onSubscribeResult: () => ({
          onNext: ({ result, setResult }: { result: ExecutionResult; setResult: (result: ExecutionResult) => void }) => finish(started, result, setResult),
        }),
      };
    },
  };
}
