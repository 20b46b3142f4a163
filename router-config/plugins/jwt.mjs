// JWT validation at the router: every request that carries `Authorization: Bearer <token>` is
// verified (RS256 signature against the issuer's JWKS, issuer, audience, expiry) before anything is
// parsed or any subgraph is called. Requests without a token pass as anonymous: the subgraphs decide
// what anonymous callers may do, and they validate forwarded tokens again themselves.
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { httpError } from './hardening.mjs';

export const UNAUTHENTICATED = 'UNAUTHENTICATED';
export const AUTHENTICATION_UNAVAILABLE = 'AUTHENTICATION_UNAVAILABLE';

// jose error codes that mean "this token is not acceptable" (as opposed to "the JWKS is unreachable")
const INVALID_TOKEN = new Set([
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
]);

// RFC 6750 b64token
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The value of a header, from the HTTP request or (WebSocket) from connectionParams, any case. */
export function headerValue(request, connectionParams, name) {
  const fromRequest = request?.headers?.get?.(name);
  if (fromRequest) return fromRequest;
  if (connectionParams && typeof connectionParams === 'object') {
    for (const [key, value] of Object.entries(connectionParams)) {
      if (key.toLowerCase() === name && typeof value === 'string' && value) return value;
    }
  }
  return undefined;
}

/**
 * @param {object} options
 * @param {string} options.issuer       expected `iss`
 * @param {string[]} options.audiences  acceptable `aud` values (one must match)
 * @param {string} [options.jwksUrl]    where the issuer's signing keys are published
 * @param {Function} [options.keySet]   a jose key resolver instead of jwksUrl (tests)
 * @param {number} [options.clockToleranceSeconds]
 * @param {object} [options.log]        Hive Gateway logger
 */
export function useJwtAuth({ issuer, audiences, jwksUrl, keySet, clockToleranceSeconds = 30, log }) {
  const keys = keySet ?? createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  const verifyOptions = {
    issuer,
    audience: audiences,
    algorithms: ['RS256'],
    clockTolerance: clockToleranceSeconds,
    requiredClaims: ['exp'],
  };

  // Verified tokens, by their exact text: a client sends the same token with every request until it
  // expires, and a signature that verified once verifies again, so only the expiry needs re-checking.
  // Bounded; the oldest entries go first.
  const verified = new Map();
  const MAX_CACHED = 10_000;
  const remember = (token, payload) => {
    if (verified.size >= MAX_CACHED) verified.delete(verified.keys().next().value);
    verified.set(token, payload);
  };

  const invalid = (message) =>
    httpError(message, UNAUTHENTICATED, 401, {
      headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` },
    });

  /** Resolves to the verified claims, to null for an anonymous request, or throws a GraphQL error. */
  async function authenticate(authorization) {
    if (authorization == null || authorization.trim() === '') return null;
    const match = BEARER.exec(authorization);
    if (!match) throw invalid('The Authorization header is not a bearer token.');
    const token = match[1];
    const known = verified.get(token);
    if (known) {
      if (Date.now() < known.exp * 1000) return known;
      verified.delete(token);
      throw invalid('The access token has expired.');
    }
    try {
      const { payload } = await jwtVerify(token, keys, verifyOptions);
      remember(token, payload);
      return payload;
    } catch (error) {
      if (INVALID_TOKEN.has(error?.code)) {
        log?.debug?.({ reason: error.code, detail: error.message }, 'Refused an access token');
        throw invalid(
          error.code === 'ERR_JWT_EXPIRED' ? 'The access token has expired.' : 'The access token is invalid.',
        );
      }
      log?.error?.({ err: error }, 'Cannot verify access tokens: the JWKS is unavailable');
      throw httpError(
        'Access tokens cannot be verified at the moment; try again later.',
        AUTHENTICATION_UNAVAILABLE,
        503,
        {
          headers: { 'Retry-After': '5' },
        },
      );
    }
  }

  return {
    // HTTP (including SSE subscriptions): before the body is parsed
    async onRequestParse({ request, serverContext }) {
      const claims = await authenticate(request.headers.get('authorization') ?? undefined);
      if (claims && serverContext) serverContext.jwt = { payload: claims };
    },
    // graphql-ws subscriptions: the token comes in connectionParams (browsers cannot set headers)
    async onContextBuilding({ context, extendContext }) {
      if (context.connectionParams == null || context.jwt) return;
      const claims = await authenticate(headerValue(context.request, context.connectionParams, 'authorization'));
      if (claims) extendContext({ jwt: { payload: claims } });
    },
    // every subscription needs a signed-in caller: refused here, before any subgraph is asked
    onSubscribe({ args, setResultAndStopExecution }) {
      if (args.contextValue?.jwt?.payload) return;
      setResultAndStopExecution({
        errors: [httpError('Sign in to subscribe: a bearer token is required.', UNAUTHENTICATED, 401)],
      });
    },
  };
}
