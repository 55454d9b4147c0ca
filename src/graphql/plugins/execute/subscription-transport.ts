// A subscription is refused before it starts when the client cannot take a stream: Yoga streams
// subscriptions as server-sent events only, and would otherwise start one (registering it with the
// change feed), find no way to send it, answer 406 and never end it.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../../../support/error-codes.js';
import { acceptsEventStream } from '../../../support/media-types.js';

export function subscriptionTransportPlugin(): Plugin {
  return {
    onSubscribe({ args, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
      if (!request || acceptsEventStream(request.headers.get('accept'))) return;
      const refusal = new GraphQLError(
        'A subscription is sent as server-sent events: ask for it with the header Accept: text/event-stream (as an EventSource does)',
        {
          extensions: { code: 'NOT_ACCEPTABLE' satisfies ErrorCode, header: 'accept', http: { status: 406 } },
        },
      );
      setResultAndStopExecution({ errors: [refusal] });
    },
  };
}
