// The router's logger. Hive Gateway logs a failed subgraph call with the whole subgraph request
// (query and variables: shipping addresses, names) and response body, and at debug level every
// request with its variables and headers. Everything goes through `redact` before it is written:
// variables, bodies, headers, connection params and cookies are replaced, tokens in any string are
// masked, a subgraph's unexpected answer quoted in a message is cut. OMS_LOG_FORMAT=json (the default) writes one JSON object per line, `text` Hive's
// readable lines.
import { ConsoleLogWriter, JSONLogWriter, Logger } from '@graphql-hive/logger';
import { currentTraceIds } from './tracing.mjs';

export const REDACTED = '[redacted]';
const SECRET_KEYS = new Set([
  'variables',
  'body',
  'headers',
  'requestheaders',
  'responseheaders',
  'authorization',
  'cookie',
  'set-cookie',
  'connectionparams',
  'token',
  'access_token',
  'password',
  'query',
]);
const TOKEN = /\b(Bearer\s+)?eyJ[\w-]+\.[\w-]+\.[\w-]*/g;
// the HTTP transport quotes a subgraph's unexpected answer (which may echo the request) in its message
const RESPONSE_BODY = /(Unexpected response:\s*)[\s\S]*/g;
const MAX_DEPTH = 8;

/** A copy of `value` with secrets and personal data removed (see above). */
export function redact(value, depth = 0) {
  if (typeof value === 'string') return value.replace(TOKEN, REDACTED).replace(RESPONSE_BODY, `$1${REDACTED}`);
  if (value == null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return REDACTED;
  if (value instanceof Error) {
    return redact(
      {
        name: value.name,
        message: value.message,
        ...(value.extensions ? { extensions: value.extensions } : {}),
        ...(value.path ? { path: value.path } : {}),
        stack: value.stack,
      },
      depth,
    );
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out = {};
  for (const [key, v] of Object.entries(value)) {
    const k = key.toLowerCase();
    if (SECRET_KEYS.has(k) || (k === 'request' && depth > 0)) out[key] = REDACTED;
    else if (k === 'response' && v && typeof v === 'object') out[key] = { status: v.status, statusText: v.statusText };
    else out[key] = redact(v, depth + 1);
  }
  return out;
}

/** A log writer that redacts, then hands on to `writer`. */
export class RedactingWriter {
  constructor(writer) {
    this.writer = writer;
  }

  write(level, attrs, msg) {
    // every line says where it came from and, inside a traced request, which trace and span
    const fields = { service: 'router', ...currentTraceIds(), ...(attrs == null ? {} : redact(attrs)) };
    return this.writer.write(level, fields, msg == null ? msg : redact(String(msg)));
  }
}

/**
 * The logger for `level` (debug|info|warn|error, or false for none) and `format` (json|text);
 * `writer` replaces the console (tests).
 */
export function createLogger({ level = 'info', format = 'json', writer } = {}) {
  if (format !== 'json' && format !== 'text') {
    throw new Error(`OMS_LOG_FORMAT must be json or text, got "${format}"`);
  }
  const sink = writer ?? (format === 'json' ? new JSONLogWriter() : new ConsoleLogWriter());
  return new Logger({ level, writers: [new RedactingWriter(sink)] });
}
