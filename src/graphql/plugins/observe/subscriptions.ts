// Subscriptions are counted while open (a gauge at /metrics, and the events they send), and
// logged when they end: the request line of a stream is written when it starts, so its end
// (events sent, how long it stayed open) needs a line of its own.
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from '../../../observability/logger.js';
import type { RequestStates } from '../../../observability/request-state.js';

export function subscriptionsPlugin(logger: Logger, states: RequestStates, registry: Registry): Plugin & { open(): number } {
  let open = 0;
  const openGauge = new Gauge({ name: 'entente_subscriptions_open', help: 'Subscriptions open now.', registers: [registry] });
  const sent = new Counter({ name: 'entente_subscription_events_total', help: 'Events sent to subscribers.', registers: [registry] });
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
          openGauge.inc();
          let events = 0;
          return {
            onNext: () => {
              events++;
              sent.inc();
            },
            onEnd: () => {
              open--;
              openGauge.dec();
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
