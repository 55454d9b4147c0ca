// A GET request's `variables` and `extensions` are JSON in the query string. Yoga parses them
// with a bare JSON.parse, so bad JSON became an unexpected error; refuse it as a bad request
// that names the parameter.
import type { Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

export function getParamsPlugin(graphqlEndpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== graphqlEndpoint) return;
      for (const name of JSON_PARAMS) {
        const value = url.searchParams.get(name);
        if (value === null || value === '') continue;
        try {
          JSON.parse(value);
        } catch (error) {
          const why = error instanceof SyntaxError ? error.message : 'invalid JSON';
          const body = { errors: [{ message: `The "${name}" parameter is not valid JSON: ${why}`, extensions: { code: 'BAD_REQUEST', parameter: name } }] };
          endResponse(new fetchAPI.Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json; charset=utf-8' } }));
          return;
        }
      }
    },
  };
}
