import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { isRead, type Route } from '../../../support/route.js';

/**
 * Prometheus metrics on a registry of this app's own (never prom-client's global one): the plugin
 * that measures, and the route that serves them at /metrics.
 */
export function metrics(): { plugin: Plugin; route: Route; registry: Registry } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The exact Node version tells an attacker which known bugs to try; monitoring needs it rarely.
  registry.removeSingleMetric('nodejs_version_info');
  const plugin = usePrometheus({
    registry,
    // Served by the route below, with the other routes beside GraphQL.
    endpoint: false,
    // No label a client chooses: each value is a series kept for ever, so a client could grow the
    // registry (and every scrape) without bound. Out: the operation name, the URL (path, query
    // string and Host header) and an error's path (made of the client's aliases). What is left
    // (method, status, operation type, phase) takes few values.
    labels: { operationName: false, url: false, path: false },
    // Every metric named, since the plugin turns on the ones left out. Off: the deprecated-field
    // counter (no field is deprecated, yet it walks every document with TypeInfo), the request
    // summary (quantiles on every observation; the duration histogram has the same data), and
    // the context, subscribe and schema-change phases (trivial, none, and never).
    metrics: {
      graphql_yoga_http_duration: true,
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
      graphql_envelop_phase_parse: true,
      graphql_envelop_phase_validate: true,
      graphql_envelop_phase_execute: true,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
  const route: Route = {
    path: '/metrics',
    accepts: isRead,
    handle: async () => new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }),
  };
  return { plugin, route, registry };
}
