// The request's parameters before anything reads them: JSON that does not parse, and variables
// nested deeper than any input type, are refused as bad requests with fixed messages.
//  - GET requests and form posts carry `variables` and `extensions` as JSON inside URL-encoded
//    parameters. Yoga parses them with a bare JSON.parse, so bad JSON became an unexpected
//    error; it is refused here as a bad request that names the parameter.
//  - Yoga's own refusal of a JSON body that does not parse carries V8's message, which quotes
//    the body: a megabyte sent came back as six. No error repeats the input.
//  - Deeply nested values (`[[[…]]]` ten thousand deep fits in 20 KB) overflow the stack of
//    whatever walks them recursively (JSON.stringify with a replacer, for one).
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { MAX_VARIABLE_DEPTH, nestedTooDeep } from '../../../support/json-values.js';
import type { ErrorCode } from '../../../support/error-codes.js';

const JSON_PARAMS = ['variables', 'extensions'] as const;

function badRequest(message: string, parameter?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_REQUEST' satisfies ErrorCode, ...(parameter && { parameter }), http: { status: 400 } } });
}

function badJson(params: URLSearchParams): string | undefined {
  for (const name of JSON_PARAMS) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    try {
      JSON.parse(value);
    } catch {
      return name;
    }
  }
  return undefined;
}

export function requestParamsPlugin(): Plugin {
  return {
    onRequestParse({ request, url, requestParser, setRequestParser }) {
      if (!requestParser) return;
      const isForm = request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded') ?? false;
      const inUrl = request.method === 'GET' || isForm;
      // The parser consumes a form's body: keep a copy to find the offending parameter.
      const copy = isForm ? request.clone() : undefined;
      setRequestParser(async (incoming) => {
        try {
          return await requestParser(incoming);
        } catch (error) {
          if (inUrl && error instanceof SyntaxError) {
            const bad = badJson(copy ? new URLSearchParams(await copy.text()) : url.searchParams);
            throw bad ? badRequest(`The "${bad}" parameter is not valid JSON`, bad) : badRequest('A parameter is not valid JSON');
          }
          // Yoga's parse errors keep the parser's message (which quotes the input) in extensions.
          // Its status then stays 400 for every media type (Yoga would answer 200 to
          // application/json for a "spec" status once that message is gone).
          if (error instanceof GraphQLError && error.extensions.originalError !== undefined) {
            const { originalError: _quotesTheInput, http, ...extensions } = error.extensions as { originalError: unknown; http?: { status?: number } };
            throw new GraphQLError(error.message, { extensions: { ...extensions, http: { status: http?.status ?? 400 } } });
          }
          throw error;
        }
      });
    },
    onParams({ params }) {
      // Yoga lets any JSON through here, and the executor then fails to find the operation.
      if (params.operationName !== undefined && params.operationName !== null && typeof params.operationName !== 'string') {
        throw badRequest('The "operationName" parameter must be a string', 'operationName');
      }
      for (const name of JSON_PARAMS) {
        if (nestedTooDeep(params[name])) {
          throw badRequest(`"${name}" nests objects and arrays more than ${MAX_VARIABLE_DEPTH} levels deep`, name);
        }
      }
    },
  };
}
