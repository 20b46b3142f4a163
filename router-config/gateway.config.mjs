// Hive Gateway configuration for the OMS supergraph. The supergraph file is passed on the command
// line by the launcher (it rewrites subgraph URLs when the stack runs on other ports).
//
// Everything is driven by environment variables (defaults in brackets):
//   PORT [4000], HOST [127.0.0.1], OMS_GATEWAY_WORKERS [1], OMS_GATEWAY_LOG [info] (debug|info|warn|error|off)
//   OMS_LOG_FORMAT [json]          json: one JSON object per line; text: readable lines. Either way no
//                                  variables, bodies, headers or tokens (plugins/logging.mjs)
//   Prometheus metrics at /metrics on the same port (plugins/metrics.mjs lists them)
//   OMS_TRACING [on]  OMS_TRACING_SAMPLING [1.0]  OMS_ZIPKIN_URL [http://127.0.0.1:9411/api/v2/spans]
//                                  spans to Zipkin, W3C traceparent in and out (plugins/tracing.mjs)
//   OMS_ENV [production]           `development` turns on the GraphQL IDE, introspection, field
//                                  suggestions and subgraph names in errors; anything else is production
//   OMS_JWT_ISSUER, OMS_JWKS_URL, OMS_JWT_AUDIENCE (comma-separated)
//                                  all three: bearer tokens are verified at the router; none: no checks
//   OMS_JWT_CLOCK_SKEW_SECONDS [30]
//   OMS_MAX_DEPTH [12]  OMS_MAX_ALIASES [30]  OMS_MAX_TOKENS [2000]
//   OMS_MAX_REQUEST_BYTES [1048576]  (a 1,000-order createOrders batch is about half of that)
//   OMS_MAX_COST [50000]           the most an operation may cost (see plugins/cost.mjs for the model)
//   OMS_RATE_LIMIT [on]            `off` switches the per-caller budget off (load tests); the ceiling stays
//   OMS_QUERY_COST [on]            `off` drops cost estimation entirely: only for benchmark baselines
//   OMS_RATE_LIMIT_CAPACITY [200000]  OMS_RATE_LIMIT_REFILL [20000]  points per caller, refilled per second
//   OMS_HMAC_SECRET                the secret every subgraph request is signed with (HMAC); subgraphs refuse
//                                  unsigned requests
//   OMS_QUERY_PLANNER [rust]        Hive Router's query planner and executor (@graphql-hive/router-runtime);
//                                  `js`: Hive Gateway's JavaScript (stitching) runtime instead
//   OMS_CORS_ORIGINS [http://localhost:3000]  comma-separated origins that browsers may call from
//   OMS_UPSTREAM_TIMEOUT_MS [5000]  the longest one subgraph call may take (queries and mutations)
//   OMS_REQUEST_DEADLINE_MS [10000] the longest all subgraph calls of one operation may take together
//   OMS_UPSTREAM_RETRIES [2]        retries of a failed subgraph call, queries only (back-off 200 ms, ×2)
//   A subgraph that fails 5 times in a row is not called for 5 s (its fields answer SERVICE_UNAVAILABLE
//   at once), then tried again.
// Refusals (HTTP status, extensions.code): 401 UNAUTHENTICATED, 503 AUTHENTICATION_UNAVAILABLE (JWKS
// unreachable), 413 REQUEST_TOO_LARGE, 403 CSRF_BLOCKED, 400 DEPTH_LIMIT_EXCEEDED, TOO_MANY_ALIASES,
// TOKEN_LIMIT_EXCEEDED, INTROSPECTION_DISABLED, GRAPHQL_VALIDATION_FAILED, QUERY_TOO_COSTLY; 429 RATE_LIMITED. Tests: test/ (`npm test`).
import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler as rustQueryPlanner } from '@graphql-hive/router-runtime';
import {
  useCsrfPrevention,
  useDisableIntrospection,
  useErrorSanitizer,
  useOperationLimits,
  useRequestBodyLimit,
} from './plugins/hardening.mjs';
import { headerValue, useJwtAuth } from './plugins/jwt.mjs';
import { useQueryCost } from './plugins/cost.mjs';
import { upstreamTimeout, useSubgraphFailures } from './plugins/failures.mjs';
import { createLogger } from './plugins/logging.mjs';
import { useRequestSignature } from './plugins/signature.mjs';
import { usePrometheusMetrics } from './plugins/metrics.mjs';
import { setupTracing, tracingSettings } from './plugins/tracing.mjs';

export const DEFAULTS = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxRequestBytes: 1024 * 1024,
  clockSkewSeconds: 30,
  maxCost: 50_000,
  rateLimitCapacity: 200_000,
  rateLimitRefill: 20_000,
  corsOrigins: ['http://localhost:3000'],
  upstreamTimeoutMs: 5_000,
  requestDeadlineMs: 10_000,
  upstreamRetries: 2,
});

function positiveInt(env, name, fallback) {
  const raw = env[name];
  if (raw == null || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

/** The router's settings as read from the environment; throws on a half-configured JWT setup. */
export function routerSettings(env = process.env) {
  const jwtVars = ['OMS_JWT_ISSUER', 'OMS_JWKS_URL', 'OMS_JWT_AUDIENCE'];
  const present = jwtVars.filter((name) => env[name]?.trim());
  if (present.length > 0 && present.length < jwtVars.length) {
    throw new Error(`JWT validation needs all of ${jwtVars.join(', ')}; only ${present.join(', ')} set`);
  }
  return {
    development: env.OMS_ENV?.trim().toLowerCase() === 'development',
    queryPlanner: queryPlanner(env.OMS_QUERY_PLANNER),
    jwt:
      present.length === 0
        ? null
        : {
            issuer: env.OMS_JWT_ISSUER.trim(),
            jwksUrl: new URL(env.OMS_JWKS_URL.trim()).href,
            audiences: env.OMS_JWT_AUDIENCE.split(',')
              .map((a) => a.trim())
              .filter(Boolean),
            clockToleranceSeconds: positiveInt(env, 'OMS_JWT_CLOCK_SKEW_SECONDS', DEFAULTS.clockSkewSeconds),
          },
    maxDepth: positiveInt(env, 'OMS_MAX_DEPTH', DEFAULTS.maxDepth),
    maxAliases: positiveInt(env, 'OMS_MAX_ALIASES', DEFAULTS.maxAliases),
    maxTokens: positiveInt(env, 'OMS_MAX_TOKENS', DEFAULTS.maxTokens),
    maxRequestBytes: positiveInt(env, 'OMS_MAX_REQUEST_BYTES', DEFAULTS.maxRequestBytes),
    maxCost: positiveInt(env, 'OMS_MAX_COST', DEFAULTS.maxCost),
    rateLimit: (env.OMS_RATE_LIMIT ?? 'on').trim().toLowerCase() !== 'off',
    queryCost: (env.OMS_QUERY_COST ?? 'on').trim().toLowerCase() !== 'off',
    rateLimitCapacity: positiveInt(env, 'OMS_RATE_LIMIT_CAPACITY', DEFAULTS.rateLimitCapacity),
    rateLimitRefill: positiveInt(env, 'OMS_RATE_LIMIT_REFILL', DEFAULTS.rateLimitRefill),
    hmacSecret: env.OMS_HMAC_SECRET?.trim() || null,
    upstreamTimeoutMs: positiveInt(env, 'OMS_UPSTREAM_TIMEOUT_MS', DEFAULTS.upstreamTimeoutMs),
    requestDeadlineMs: positiveInt(env, 'OMS_REQUEST_DEADLINE_MS', DEFAULTS.requestDeadlineMs),
    upstreamRetries:
      env.OMS_UPSTREAM_RETRIES?.trim() === '0' ? 0 : positiveInt(env, 'OMS_UPSTREAM_RETRIES', DEFAULTS.upstreamRetries),
    logLevel: env.OMS_GATEWAY_LOG?.trim() || 'info',
    logFormat: env.OMS_LOG_FORMAT?.trim().toLowerCase() || 'json',
    corsOrigins: env.OMS_CORS_ORIGINS?.trim()
      ? env.OMS_CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : DEFAULTS.corsOrigins,
  };
}

function queryPlanner(value) {
  const planner = value?.trim().toLowerCase() || 'rust';
  if (planner !== 'js' && planner !== 'rust') {
    throw new Error(`OMS_QUERY_PLANNER must be js or rust, got "${value}"`);
  }
  return planner;
}

/**
 * The whole gateway configuration for an environment (exported for the router-config tests, which
 * may pass `logWriter` to read what the router logs).
 */
export function createGatewayConfig(env = process.env, { logWriter } = {}) {
  const settings = routerSettings(env);
  const { development } = settings;
  const tracing = tracingSettings(env);
  // the trace context goes to the subgraphs as the router's own span when tracing is on
  const forwarded = tracing.enabled
    ? ['authorization', 'x-request-id']
    : ['authorization', 'traceparent', 'x-request-id'];
  return defineConfig({
    ...(settings.queryPlanner === 'rust' ? { unifiedGraphHandler: rustQueryPlanner } : {}),
    openTelemetry: setupTracing(tracing),
    port: Number(env.PORT ?? 4000),
    // one process by default (its memory is what `./oms up` reports); scale out with more replicas
    // or OMS_GATEWAY_WORKERS
    fork: Number(env.OMS_GATEWAY_WORKERS ?? 1),
    host: env.HOST ?? '127.0.0.1',
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthcheck',
    readinessCheckEndpoint: '/readiness',
    graphiql: development
      ? {
          title: 'OMS supergraph',
          defaultQuery: '{ orders(first: 5) { edges { node { number status customer { name } } } } }',
        }
      : false,
    landingPage: false,
    // browsers only from the configured front-end origins, never a wildcard with credentials
    cors: { origin: settings.corsOrigins, credentials: true, methods: ['GET', 'POST', 'OPTIONS'] },
    // a hung or dead subgraph costs only its own fields (null + SERVICE_UNAVAILABLE) within the timeout
    upstreamTimeout: upstreamTimeout({ timeoutMs: settings.upstreamTimeoutMs, deadlineMs: settings.requestDeadlineMs }),
    // unexpected errors become "Unexpected error." (details only in the router log); in production
    // never with stack traces, whatever NODE_ENV says
    maskedErrors: development ? true : { isDev: false },
    // subgraph errors keep their message and extensions.code; the subgraph's name only in development
    subgraphErrors: development ? {} : { subgraphNameProp: false },
    logging:
      settings.logLevel === 'off'
        ? false
        : createLogger({ level: settings.logLevel, format: settings.logFormat, writer: logWriter }),
    // Subscriptions: clients use graphql-transport-ws (WebSocket) or GraphQL over SSE on /graphql; the
    // router follows each one at the orders subgraph over SSE, a POST with Accept: text/event-stream
    // (the subgraph's SSE endpoint takes POST only), carrying the caller's token like any request.
    transportEntries: {
      orders: { options: { method: 'POST' } },
    },
    // forward the caller's credentials and trace headers to every subgraph (for graphql-ws
    // subscriptions the client sends them in connectionParams)
    propagateHeaders: {
      fromClientToSubgraphs({ request, context }) {
        const headers = {};
        for (const name of forwarded) {
          const value = headerValue(request, context?.connectionParams, name);
          if (value) headers[name] = value;
        }
        return headers;
      },
    },
    plugins(ctx) {
      const log = ctx.log;
      const plugins = [
        // first: it times every request, refused ones included, and answers /metrics itself
        usePrometheusMetrics({ log }),
        useRequestBodyLimit({ maxBytes: settings.maxRequestBytes }),
        useCsrfPrevention(),
      ];
      if (settings.jwt) {
        plugins.push(useJwtAuth({ ...settings.jwt, log }));
      } else {
        log.warn(
          'OMS_JWT_ISSUER, OMS_JWKS_URL and OMS_JWT_AUDIENCE are not set: bearer tokens are NOT verified at the router',
        );
      }
      plugins.push(...useOperationLimits(settings));
      if (settings.queryCost)
        plugins.push(
          useQueryCost({
            maxCost: settings.maxCost,
            rateLimit: settings.rateLimit,
            capacity: settings.rateLimitCapacity,
            refillPerSecond: settings.rateLimitRefill,
          }),
        );
      else log.warn('OMS_QUERY_COST=off: no cost ceiling and no rate limits (benchmark baselines only)');
      plugins.push(useSubgraphFailures({ development, log, retries: settings.upstreamRetries, delayMs: 200 }));
      // every subgraph request carries the router's HMAC signature; the subgraphs refuse anything else
      if (settings.hmacSecret) {
        plugins.push(useRequestSignature({ secret: settings.hmacSecret }));
      } else {
        log.warn('OMS_HMAC_SECRET is not set: subgraph requests are NOT signed, and the subgraphs will refuse them');
      }
      if (!development) plugins.push(useDisableIntrospection());
      plugins.push(useErrorSanitizer({ production: !development }));
      return plugins;
    },
  });
}

export const gatewayConfig = createGatewayConfig(process.env);
