// Request hardening for the OMS router (Hive Gateway / GraphQL Yoga plugins). Every refusal is a
// GraphQL error with a stable `extensions.code` (the codes are listed in ERROR_CODES and in the README).
import { GraphQLError } from 'graphql';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';

export const ERROR_CODES = Object.freeze({
  requestTooLarge: 'REQUEST_TOO_LARGE',
  csrf: 'CSRF_BLOCKED',
  depth: 'DEPTH_LIMIT_EXCEEDED',
  aliases: 'TOO_MANY_ALIASES',
  tokens: 'TOKEN_LIMIT_EXCEEDED',
  introspection: 'INTROSPECTION_DISABLED',
});

/** A GraphQL error answered with `status`; `spec` errors get 200 for plain `application/json` clients (GraphQL over HTTP). */
export function httpError(message, code, status, { spec = false, headers } = {}) {
  return new GraphQLError(message, {
    extensions: { code, http: { status, ...(spec ? { spec: true } : {}), ...(headers ? { headers } : {}) } },
  });
}

// ---------------------------------------------------------------------------------------------
// Request body size: refused before the body is parsed. A declared Content-Length is checked
// without reading anything; a body without one (chunked) is read up to the limit and no further.

export function useRequestBodyLimit({ maxBytes }) {
  const tooLarge = () =>
    httpError(`Request body is larger than the ${maxBytes}-byte limit.`, ERROR_CODES.requestTooLarge, 413);
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared != null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
        throw tooLarge();
      }
      if (declared != null || request.body == null || requestParser == null) {
        return; // Node's HTTP parser never delivers more than a declared Content-Length
      }
      setRequestParser(async (req) => {
        const reader = req.body.getReader();
        const chunks = [];
        let size = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > maxBytes) {
            await reader.cancel().catch(() => {});
            throw tooLarge();
          }
          chunks.push(value);
        }
        const body = new Uint8Array(size);
        let offset = 0;
        for (const chunk of chunks) {
          body.set(chunk, offset);
          offset += chunk.byteLength;
        }
        return requestParser(new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body }));
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CSRF prevention, as Apollo Router and GraphQL Yoga do it: a browser sends a cross-origin request
// without a CORS preflight only if it is a "simple" request (GET, or POST with one of three
// content types and no custom header). Such requests are refused unless they carry a custom header.

const SIMPLE_CONTENT_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);
export const CSRF_HEADERS = Object.freeze([
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-graphql-client-name',
  'x-graphql-yoga-csrf',
]);

export function useCsrfPrevention({ requestHeaders = CSRF_HEADERS } = {}) {
  return {
    onRequestParse({ request }) {
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (contentType && !SIMPLE_CONTENT_TYPES.has(contentType)) {
        return; // a browser preflights this request, so CORS decides
      }
      if (requestHeaders.some((name) => (request.headers.get(name) ?? '').trim() !== '')) {
        return;
      }
      throw httpError(
        'This request has been blocked as a potential cross-site request forgery (CSRF). Send it with ' +
          "'content-type: application/json', or with a non-empty 'x-graphql-client-name' or " +
          "'apollo-require-preflight' header.",
        ERROR_CODES.csrf,
        403,
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Operation limits (GraphQL Armor) with stable codes. Depth counts nested fields only (fragments
// and inline fragments add no level, as in Apollo Router); aliases ignore `__typename`.

function reportAs(code) {
  return (context, error) => {
    const message = error.message.replace(/^Syntax Error:\s*/, '');
    context.reportError(new GraphQLError(message, { extensions: { code } }));
  };
}

export function useOperationLimits({ maxDepth, maxAliases, maxTokens }) {
  return [
    maxTokensPlugin({
      n: maxTokens,
      onReject: [
        (_, error) => {
          // thrown from inside the parser: stops lexing at once; Yoga answers it like a parse error
          throw new GraphQLError(error.message.replace(/^Syntax Error:\s*/, ''), {
            extensions: { code: ERROR_CODES.tokens, http: { status: 400, spec: true } },
          });
        },
      ],
    }),
    maxDepthPlugin({
      n: maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [reportAs(ERROR_CODES.depth)],
    }),
    maxAliasesPlugin({ n: maxAliases, propagateOnRejection: false, onReject: [reportAs(ERROR_CODES.aliases)] }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Introspection off: the two entry points `__schema` and `__type` are refused with a stable code;
// `__typename` stays allowed, clients need it.

function noIntrospectionRule(context) {
  return {
    Field(node) {
      const name = node.name.value;
      if (name === '__schema' || name === '__type') {
        context.reportError(
          new GraphQLError(`Introspection is disabled on this endpoint; "${name}" cannot be queried.`, {
            nodes: node,
            extensions: { code: ERROR_CODES.introspection },
          }),
        );
      }
    },
  };
}

export function useDisableIntrospection() {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospectionRule);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What leaves the router. Always: a request-level error (no `data`) without a code, e.g. a variable
// of the wrong type, gets GRAPHQL_VALIDATION_FAILED. In production also: no schema hints ("Did you
// mean ...?" from validation and from variable coercion), and of an error's extensions only the
// documented ones (subgraph errors keep `code` and `field`).

const SUGGESTION = /\s*Did you mean [^?]*\?/g;
// `http` and `unexpected` are read by Yoga for the status code and never sent
const PUBLIC_EXTENSIONS = new Set(['code', 'field', 'http', 'unexpected']);

function sanitizeError(error, { requestError, production }) {
  if (error == null || typeof error !== 'object') return;
  if (requestError && error.extensions && typeof error.extensions === 'object' && !error.extensions.code) {
    error.extensions.code = 'GRAPHQL_VALIDATION_FAILED';
  }
  if (!production) return;
  if (typeof error.message === 'string' && error.message.includes('Did you mean')) {
    error.message = error.message.replace(SUGGESTION, '').trim();
  }
  const extensions = error.extensions;
  if (extensions && typeof extensions === 'object') {
    for (const key of Object.keys(extensions)) {
      if (!PUBLIC_EXTENSIONS.has(key)) delete extensions[key];
    }
  }
}

function sanitizeResult(result, production) {
  if (result && Array.isArray(result.errors)) {
    const options = { requestError: !('data' in result), production };
    for (const error of result.errors) sanitizeError(error, options);
  }
  return result;
}

function mapAsyncIterable(iterable, fn) {
  const iterator = iterable[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const step = await iterator.next();
      return step.done ? step : { done: false, value: fn(step.value) };
    },
    return(value) {
      return iterator.return ? iterator.return(value) : Promise.resolve({ done: true, value });
    },
    throw(error) {
      return iterator.throw ? iterator.throw(error) : Promise.reject(error);
    },
  };
}

function sanitizeAny(result, setResult, production) {
  if (result == null) return;
  if (typeof result[Symbol.asyncIterator] === 'function') {
    setResult(mapAsyncIterable(result, (value) => sanitizeResult(value, production)));
  } else if (Array.isArray(result)) {
    for (const item of result) sanitizeResult(item, production);
  } else {
    sanitizeResult(result, production);
  }
}

export function useErrorSanitizer({ production }) {
  return {
    // every GraphQL result, over HTTP and over WebSocket
    onExecutionResult({ result, setResult }) {
      sanitizeAny(result, setResult, production);
    },
    // every HTTP response, including errors raised before execution (request parsing)
    onResultProcess({ result, setResult }) {
      sanitizeAny(result, setResult, production);
    },
  };
}
