// Tracing at the router: Hive Gateway's OpenTelemetry plugin records a span per request, operation,
// parse/validate/execute and per subgraph call (entity fetches included), continues a trace the client
// started (W3C `traceparent`) and passes the context on to the subgraphs in `traceparent`; spans go to
// Zipkin (the same backend the subgraphs report to).
//   OMS_TRACING [on]                  `off`: no spans; the client's traceparent is forwarded untouched
//   OMS_TRACING_SAMPLING [1.0]        share of new traces recorded (a client's sampled flag is kept)
//   OMS_ZIPKIN_URL [http://127.0.0.1:9411/api/v2/spans]
import { openTelemetrySetup } from '@graphql-hive/plugin-opentelemetry/setup';
import { trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';

export const TRACING_DEFAULTS = Object.freeze({
  zipkinUrl: 'http://127.0.0.1:9411/api/v2/spans',
  sampling: 1,
});

/** The tracing settings as read from the environment; throws on a bad sampling rate or URL. */
export function tracingSettings(env = process.env) {
  const enabled = (env.OMS_TRACING ?? 'on').trim().toLowerCase() !== 'off';
  const rawRate = env.OMS_TRACING_SAMPLING?.trim();
  const sampling = rawRate ? Number(rawRate) : TRACING_DEFAULTS.sampling;
  if (!Number.isFinite(sampling) || sampling < 0 || sampling > 1) {
    throw new Error(`OMS_TRACING_SAMPLING must be a number from 0 to 1, got "${rawRate}"`);
  }
  const zipkinUrl = new URL(env.OMS_ZIPKIN_URL?.trim() || TRACING_DEFAULTS.zipkinUrl).href;
  return { enabled, sampling, zipkinUrl };
}

let setUp = null;

/**
 * Registers the OpenTelemetry SDK once per process (tracer provider, async context, W3C propagation,
 * batched Zipkin export); answers the gateway's `openTelemetry` option, or undefined with tracing off.
 */
export function setupTracing(settings, serviceName = 'router') {
  if (!settings.enabled) return undefined;
  if (setUp == null) {
    openTelemetrySetup({
      contextManager: new AsyncLocalStorageContextManager(),
      resource: { serviceName },
      samplingRate: settings.sampling,
      traces: {
        exporter: new ZipkinExporter({ url: settings.zipkinUrl, serviceName }),
        // spans leave in batches; a Zipkin that is down costs dropped spans, never a request
        batching: { maxQueueSize: 4096, maxExportBatchSize: 512, scheduledDelayMillis: 1000 },
      },
      configureDiagLogger: false,
    });
    setUp = settings;
  }
  return {
    traces: {
      // schema loading and cache events add nothing an operator asks about
      spans: { schema: false },
      events: { cache: false },
    },
  };
}

/** The current span's ids, for log lines (empty outside a traced request). */
export function currentTraceIds() {
  const context = trace.getActiveSpan()?.spanContext();
  if (!context || !trace.isSpanContextValid(context)) return {};
  return { traceId: context.traceId, spanId: context.spanId };
}
