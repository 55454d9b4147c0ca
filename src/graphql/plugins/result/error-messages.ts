// How error messages reach clients, whoever wrote them (graphql-js, Yoga or us):
//  - with HIDE_SUGGESTIONS, without "Did you mean …?", so that the schema cannot be guessed
//    field by field (validation and variable coercion both suggest);
//  - never repeating more than a little of a client's value: graphql-js quotes an invalid
//    variable whole ("got invalid value "…""), so a megabyte sent would come back in the error;
//  - saying why graphql-js gave up validating (it bounds the work of comparing fields, and
//    answers only "Validation aborted.").
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const SUGGESTION = / Did you mean .*\?$/;
/** A quoted string in a message (JSON-style escapes included) longer than ECHOED_CHARACTERS. */
const LONG_QUOTE = /"((?:[^"\\]|\\.){80})(?:[^"\\]|\\.)+"/g;

const ABORTED = 'Validation aborted.';
const ABORTED_WHY =
  'Validation aborted: the document has too many fields to compare with one another (the same field asked for hundreds of times, or through many fragments); ask for each field once.';

function reworded(message: string, hideSuggestions: boolean): string {
  if (message === ABORTED) return ABORTED_WHY;
  const cut = message.replace(LONG_QUOTE, (_quote, start: string) => `"${start}…"`);
  return hideSuggestions ? cut.replace(SUGGESTION, '') : cut;
}

export function errorMessagesPlugin({ hideSuggestions }: { hideSuggestions: boolean }): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors) return;
      if (!result.errors.some((error) => reworded(error.message, hideSuggestions) !== error.message)) return;
      setResult({
        ...result,
        errors: result.errors.map((error) => {
          const message = reworded(error.message, hideSuggestions);
          return message === error.message ? error : new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions: error.extensions });
        }),
      });
    },
  };
}
