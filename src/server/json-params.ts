// GET requests and form posts carry `variables` and `extensions` as JSON inside URL-encoded
// parameters. Yoga parses them with a bare JSON.parse, so bad JSON became an unexpected
// error; it is refused here as a bad request that names the parameter.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

function badJson(params: URLSearchParams): { name: string; why: string } | undefined {
  for (const name of JSON_PARAMS) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    try {
      JSON.parse(value);
    } catch (error) {
      return { name, why: error instanceof Error ? error.message : String(error) };
    }
  }
  return undefined;
}

export function jsonParamsPlugin(): Plugin {
  return {
    onRequestParse({ request, url, requestParser, setRequestParser }) {
      if (!requestParser) return;
      const isForm = request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded') ?? false;
      if (request.method !== 'GET' && !isForm) return;
      // The parser consumes a form's body: keep a copy to find the offending parameter.
      const copy = isForm ? request.clone() : undefined;
      setRequestParser(async (incoming) => {
        try {
          return await requestParser(incoming);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const bad = badJson(copy ? new URLSearchParams(await copy.text()) : url.searchParams);
          const what = bad ? `The "${bad.name}" parameter is not valid JSON: ${bad.why}` : `A parameter is not valid JSON: ${error.message}`;
          throw new GraphQLError(what, { extensions: { code: 'BAD_REQUEST', ...(bad && { parameter: bad.name }), http: { status: 400 } } });
        }
      });
    },
  };
}
