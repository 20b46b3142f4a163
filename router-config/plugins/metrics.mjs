// Prometheus metrics of the router at /metrics (Hive Gateway's Prometheus plugin), with labels an
// operator can aggregate and that a client cannot multiply: operation names are capped (further
// ones count as "other"), URLs lose their query strings, error paths (which carry list indices) are
// left out, and errors carry their extensions.code instead.
//
//   graphql_envelop_request{operationType,operationName}                  operations executed
//   graphql_envelop_request_duration{operationType,operationName}         histogram, seconds
//   graphql_envelop_error_result{operationType,operationName,phase,code}  errors in answers
//   graphql_yoga_http_duration{method,path,statusCode}                    histogram of HTTP requests (401, 413, 429 too)
//   graphql_gateway_subgraph_execute_duration{subgraphName,operationType} histogram, per subgraph call
//   graphql_gateway_subgraph_execute_errors{subgraphName,operationType}   errors in subgraph answers
//   graphql_gateway_fetch_duration{url,method,statusCode}                 histogram of outgoing HTTP calls
import usePrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import { Registry } from 'prom-client';

export const METRICS_PATH = '/metrics';
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** Label values from a set that stops growing at `limit`: later newcomers are "other". */
export class BoundedNames {
  constructor(limit = 200) {
    this.limit = limit;
    this.seen = new Set();
  }

  of(name) {
    if (!name) return 'anonymous';
    if (!NAME.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(name);
    return name;
  }
}

function withoutQuery(url) {
  try {
    const u = new URL(String(url));
    return u.origin + u.pathname;
  } catch {
    return 'invalid';
  }
}

/** The plugin; `registry` is the router's own (one per gateway instance, so tests can run several). */
export function usePrometheusMetrics({ log, registry = new Registry(), maxOperationNames = 200 } = {}) {
  const names = new BoundedNames(maxOperationNames);
  const operation = (params) => ({
    operationType: params?.operationType ?? 'unknown',
    operationName: names.of(params?.operationName),
  });
  const subgraph = ({ subgraphName, executionRequest }) => ({
    subgraphName,
    operationType: executionRequest?.operationType ?? 'query',
  });
  const counter = (name, help, labelNames, fillLabelsFn, phases) =>
    createCounter({ registry, counter: { name, help, labelNames }, fillLabelsFn, phases });
  const histogram = (name, help, labelNames, fillLabelsFn, phases) =>
    createHistogram({ registry, histogram: { name, help, labelNames }, fillLabelsFn, phases });
  return usePrometheus({
    log,
    registry,
    endpoint: METRICS_PATH,
    metrics: {
      graphql_envelop_request: counter(
        'graphql_envelop_request',
        'GraphQL operations executed',
        ['operationType', 'operationName'],
        operation,
      ),
      graphql_envelop_request_duration: histogram(
        'graphql_envelop_request_duration',
        'Time to execute a GraphQL operation (seconds)',
        ['operationType', 'operationName'],
        operation,
        ['execute'],
      ),
      graphql_envelop_error_result: counter(
        'graphql_envelop_error_result',
        'Errors in GraphQL answers, by code',
        ['operationType', 'operationName', 'phase', 'code'],
        (params) => ({
          ...operation(params),
          phase: params?.errorPhase ?? 'execute',
          code: params?.error?.extensions?.code ?? 'UNKNOWN',
        }),
      ),
      graphql_yoga_http_duration: histogram(
        'graphql_yoga_http_duration',
        'Time to answer an HTTP request (seconds)',
        ['method', 'path', 'statusCode'],
        (params, { request, response }) => ({
          method: request.method,
          path: new URL(request.url).pathname === '/graphql' ? '/graphql' : 'other',
          statusCode: response.status,
        }),
      ),
      graphql_gateway_subgraph_execute_duration: histogram(
        'graphql_gateway_subgraph_execute_duration',
        'Time of one subgraph call (seconds)',
        ['subgraphName', 'operationType'],
        subgraph,
      ),
      graphql_gateway_subgraph_execute_errors: counter(
        'graphql_gateway_subgraph_execute_errors',
        'Errors in subgraph answers',
        ['subgraphName', 'operationType'],
        subgraph,
      ),
      graphql_gateway_fetch_duration: histogram(
        'graphql_gateway_fetch_duration',
        'Time of outgoing HTTP calls (seconds)',
        ['url', 'method', 'statusCode'],
        ({ url, options, response }) => ({
          url: withoutQuery(url),
          method: options?.method ?? 'GET',
          statusCode: response?.status ?? 0,
        }),
      ),
      // not needed for the dashboards, and costly (summaries) or unbounded (resolver paths)
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_execute_resolver: false,
    },
  });
}
