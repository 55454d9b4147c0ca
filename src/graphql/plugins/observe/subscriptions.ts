// Subscriptions are counted while open, and logged when they end: the request line of a stream
// is written when it starts, so its end (events sent, how long it stayed open) needs a line of its own.
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from '../../../observability/logger.js';
import type { RequestStates } from '../../../observability/request-state.js';

export function subscriptionsPlugin(logger: Logger, states: RequestStates): Plugin & { open(): number } {
  let open = 0;
  return {
    open: () => open,
    onSubscribe({ args }) {
      const started = performance.now();
      const request = (args.contextValue as { request?: Request }).request;
      const operationName = args.operationName ?? getOperationAST(args.document, args.operationName)?.name?.value;
      return {
        onSubscribeResult({ result }) {
          if (!(Symbol.asyncIterator in result)) return;
          open++;
          let events = 0;
          return {
            onNext: () => {
              events++;
            },
            onEnd: () => {
              open--;
              logger.log('info', {
                msg: 'subscription ended',
                requestId: request ? states.of(request).id : undefined,
                operationName,
                events,
                durationMs: Math.round(performance.now() - started),
                openSubscriptions: open,
              });
            },
          };
        },
      };
    },
  };
}
