// The router configuration (gateway.config.mjs + plugins/) in-process: the real Hive Gateway runtime
// on the committed supergraph, subgraphs replaced by a fake fetch that records what reaches them.
// Run: cd router-config && node --test
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { createGatewayRuntime, getGraphQLWSOptions, useCustomFetch } from '@graphql-hive/gateway';
import { createGatewayConfig, routerSettings, DEFAULTS } from '../gateway.config.mjs';
import { SIGNATURE_EXTENSION, signature } from '../plugins/signature.mjs';
import { ONE_ORDER, customerEntities } from './fake-subgraphs.mjs';

const SUPERGRAPH = parse(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));
const ISSUER = 'http://127.0.0.1:8180/realms/oms';
const AUDIENCE = 'oms-api';
const CATALOGUE = '{ products(first: 5) { edges { node { sku name } } } }';

/** A router for `env` whose subgraphs answer `subgraph(body)`; `calls` records every subgraph request. */
function router(
  env,
  subgraph = () => ({ data: { products: { edges: [{ node: { sku: 'LAMP-1', name: 'Lamp' } }] } } }),
) {
  const calls = [];
  const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off', ...env });
  const runtime = createGatewayRuntime({
    ...config,
    supergraph: SUPERGRAPH,
    plugins: (ctx) => [
      ...config.plugins(ctx),
      useCustomFetch(async (url, init) => {
        const body = JSON.parse(init.body);
        calls.push({ url: String(url), headers: new Headers(init.headers), body });
        return Response.json(subgraph(body));
      }),
    ],
  });
  const send = async (init = {}, path = '/graphql') => {
    const response = await runtime.fetch(`http://router${path}`, {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...init.headers },
    });
    const text = await response.text();
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  };
  const query = (q, headers = {}, variables) => send({ body: JSON.stringify({ query: q, variables }), headers });
  return { runtime, calls, send, query, config };
}

const code = (res) => res.json?.errors?.[0]?.extensions?.code;

describe('settings from the environment', () => {
  test('production is the default, with the documented limits', () => {
    const s = routerSettings({});
    assert.equal(s.development, false);
    assert.equal(s.jwt, null);
    assert.deepEqual(
      { maxDepth: s.maxDepth, maxAliases: s.maxAliases, maxTokens: s.maxTokens, maxRequestBytes: s.maxRequestBytes },
      {
        maxDepth: DEFAULTS.maxDepth,
        maxAliases: DEFAULTS.maxAliases,
        maxTokens: DEFAULTS.maxTokens,
        maxRequestBytes: DEFAULTS.maxRequestBytes,
      },
    );
    const config = createGatewayConfig({});
    assert.equal(config.graphiql, false);
    assert.equal(config.landingPage, false);
    assert.deepEqual(config.maskedErrors, { isDev: false });
    assert.deepEqual(config.subgraphErrors, { subgraphNameProp: false });
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 4000);
    assert.equal(config.fork, 1);
    // subscriptions reach the orders subgraph over SSE, which it serves on POST only
    assert.equal(config.transportEntries.orders.options.method, 'POST');
    assert.notEqual(config.disableWebsockets, true);
  });

  test('OMS_ENV=development turns on the IDE', () => {
    const config = createGatewayConfig({
      OMS_ENV: 'development',
      PORT: '4100',
      HOST: '0.0.0.0',
      OMS_GATEWAY_WORKERS: '2',
    });
    assert.equal(typeof config.graphiql, 'object');
    assert.equal(config.maskedErrors, true);
    assert.deepEqual([config.port, config.host, config.fork], [4100, '0.0.0.0', 2]);
    assert.equal(createGatewayConfig({ OMS_ENV: 'production' }).graphiql, false);
    assert.equal(createGatewayConfig({ OMS_ENV: 'staging' }).graphiql, false);
  });

  test('limits are configurable and must be positive integers', () => {
    const s = routerSettings({
      OMS_MAX_DEPTH: '5',
      OMS_MAX_ALIASES: '3',
      OMS_MAX_TOKENS: '100',
      OMS_MAX_REQUEST_BYTES: '2048',
    });
    assert.deepEqual([s.maxDepth, s.maxAliases, s.maxTokens, s.maxRequestBytes], [5, 3, 100, 2048]);
    assert.throws(() => routerSettings({ OMS_MAX_DEPTH: 'ten' }), /OMS_MAX_DEPTH/);
    assert.throws(() => routerSettings({ OMS_MAX_TOKENS: '0' }), /OMS_MAX_TOKENS/);
  });

  test('JWT needs all three variables', () => {
    assert.throws(() => routerSettings({ OMS_JWT_ISSUER: ISSUER }), /OMS_JWKS_URL, OMS_JWT_AUDIENCE/);
    const s = routerSettings({
      OMS_JWT_ISSUER: ISSUER,
      OMS_JWKS_URL: 'http://127.0.0.1:1/certs',
      OMS_JWT_AUDIENCE: 'a, b',
    });
    assert.deepEqual(s.jwt.audiences, ['a', 'b']);
  });
});

describe('production router', () => {
  const r = router({});
  after(() => r.runtime.dispose());

  test('anonymous catalogue query reaches the subgraph', async () => {
    const res = await r.query(CATALOGUE);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.json.data.products.edges[0].node.sku, 'LAMP-1');
  });

  test('introspection is refused, __typename is not', async () => {
    const res = await r.query('{ __schema { types { name } } }');
    assert.equal(res.status, 400);
    assert.equal(code(res), 'INTROSPECTION_DISABLED');
    assert.equal(code(await r.query('{ __type(name: "Order") { name } }')), 'INTROSPECTION_DISABLED');
    assert.deepEqual((await r.query('{ __typename }')).json.data, { __typename: 'Query' });
  });

  test('no GraphQL IDE', async () => {
    const res = await r.send({ method: 'GET', headers: { accept: 'text/html' } });
    assert.notEqual(res.status, 200);
    assert.doesNotMatch(res.text, /<html/i);
  });

  test('no field or enum suggestions', async () => {
    for (const q of [
      '{ prodcts(first: 1) { edges { cursor } } }',
      '{ orders(first: 1, filter: {status: [DELIVERD]}) { edges { cursor } } }',
    ]) {
      const res = await r.query(q);
      assert.equal(code(res), 'GRAPHQL_VALIDATION_FAILED');
      assert.doesNotMatch(res.text, /Did you mean/);
    }
    const res = await r.query(
      'query($s: [OrderStatus!]) { orders(first: 1, filter: {status: $s}) { edges { cursor } } }',
      {},
      { s: ['DELIVERD'] },
    );
    assert.equal(code(res), 'GRAPHQL_VALIDATION_FAILED');
    assert.doesNotMatch(res.text, /Did you mean/);
  });

  test('limits answer with stable codes, before any subgraph call', async () => {
    const before = r.calls.length;
    let deep = 'name';
    for (let i = 0; i < 6; i++) deep = `customer { orders(first: 1) { edges { node { ${deep} } } } }`;
    const depth = await r.query(`{ order(id: "1") { ${deep} } }`);
    assert.equal(code(depth), 'DEPTH_LIMIT_EXCEEDED', depth.text);
    const aliases = await r.query(
      `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: products(first: 1) { pageInfo { hasNextPage } }`).join(' ')} }`,
    );
    assert.equal(code(aliases), 'TOO_MANY_ALIASES', aliases.text);
    const tokens = await r.query(`{ ${'__typename '.repeat(2001)}}`);
    assert.equal(code(tokens), 'TOKEN_LIMIT_EXCEEDED', tokens.text);
    assert.equal(r.calls.length, before);
  });

  test('a body over the limit is refused with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(DEFAULTS.maxRequestBytes) } });
    const declared = await r.send({ body: big, headers: { 'content-length': String(Buffer.byteLength(big)) } });
    assert.equal(declared.status, 413);
    assert.equal(code(declared), 'REQUEST_TOO_LARGE');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const chunked = await r.send({ body: stream, duplex: 'half' });
    assert.equal(chunked.status, 413);
    assert.equal(code(chunked), 'REQUEST_TOO_LARGE');
    const small = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"query":"{ __typename }"}'));
        controller.close();
      },
    });
    assert.equal((await r.send({ body: small, duplex: 'half' })).status, 200);
  });

  test('CSRF: simple requests need a custom header', async () => {
    const plain = await r.send({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(plain.status, 403);
    assert.equal(code(plain), 'CSRF_BLOCKED');
    const form = await r.send({
      body: 'query=%7B__typename%7D',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(code(form), 'CSRF_BLOCKED');
    const get = await r.send({ method: 'GET', headers: { 'content-type': '' } }, '/graphql?query=%7B__typename%7D');
    assert.equal(get.status, 403);
    assert.equal(code(get), 'CSRF_BLOCKED');
    const getWithHeader = await r.send(
      { method: 'GET', headers: { 'content-type': '', 'x-graphql-client-name': 'crm' } },
      '/graphql?query=%7B__typename%7D',
    );
    assert.equal(getWithHeader.status, 200, getWithHeader.text);
    const plainWithHeader = await r.send({
      body: JSON.stringify({ query: '{ __typename }' }),
      headers: { 'content-type': 'text/plain', 'apollo-require-preflight': 'true' },
    });
    assert.notEqual(plainWithHeader.status, 403);
  });

  test('subgraph errors keep message and code, nothing else', async () => {
    const r2 = router({}, () => ({
      data: { products: null },
      errors: [
        {
          message: 'Nope',
          path: ['products'],
          extensions: { code: 'FORBIDDEN', classification: 'DataFetchingException', debug: 'x' },
        },
      ],
    }));
    try {
      const res = await r2.query(CATALOGUE);
      const error = res.json.errors[0];
      assert.equal(error.message, 'Nope');
      assert.deepEqual(error.extensions, { code: 'FORBIDDEN' });
      assert.doesNotMatch(res.text, /inventory|127\.0\.0\.1|localhost/);
    } finally {
      await r2.runtime.dispose();
    }
  });

  test('an unreachable subgraph gives a masked error without its URL', async () => {
    const r2 = router({}, () => {
      throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:8082');
    });
    try {
      const res = await r2.query(CATALOGUE);
      assert.ok(res.json.errors?.length, res.text);
      assert.doesNotMatch(res.text, /ECONNREFUSED|8082|inventory|stack/);
    } finally {
      await r2.runtime.dispose();
    }
  });
});

describe('development router', () => {
  const r = router({ OMS_ENV: 'development' });
  after(() => r.runtime.dispose());

  test('serves the IDE, answers introspection and suggests fields', async () => {
    const ide = await r.send({ method: 'GET', headers: { accept: 'text/html' } });
    assert.equal(ide.status, 200);
    assert.match(ide.text, /<html/i);
    const schema = await r.query('{ __schema { queryType { name } } }');
    assert.equal(schema.json.data.__schema.queryType.name, 'Query');
    assert.match((await r.query('{ prodcts(first: 1) { edges { cursor } } }')).text, /Did you mean/);
  });

  test('the limits still apply', async () => {
    assert.equal(code(await r.query(`{ ${'__typename '.repeat(2001)}}`)), 'TOKEN_LIMIT_EXCEEDED');
  });
});

describe('JWT validation', () => {
  let jwksServer;
  let jwksUrl;
  let keys;
  let strangerKeys;
  let r;

  before(async () => {
    keys = await generateKeyPair('RS256', { extractable: true });
    strangerKeys = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'oms-1', alg: 'RS256', use: 'sig' };
    jwksServer = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${jwksServer.address().port}/realms/oms/protocol/openid-connect/certs`;
    r = router({ OMS_JWT_ISSUER: ISSUER, OMS_JWKS_URL: jwksUrl, OMS_JWT_AUDIENCE: `${AUDIENCE},other` });
  });
  after(async () => {
    await r.runtime.dispose();
    jwksServer.close();
  });

  const token = (claims = {}, { key = keys.privateKey, kid = 'oms-1', alg = 'RS256', exp = '5m' } = {}) =>
    new SignJWT({ sub: 'user-1', realm_access: { roles: ['customer'] }, ...claims })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(claims.iss ?? ISSUER)
      .setAudience(claims.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key);
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

  async function refused(authorization, expectedCode = 'UNAUTHENTICATED', status = 401) {
    const before = r.calls.length;
    const res = await r.query(CATALOGUE, { authorization });
    assert.equal(res.status, status, `${authorization}: ${res.text}`);
    assert.equal(code(res), expectedCode, res.text);
    assert.equal(r.calls.length, before, 'no subgraph call');
    return res;
  }

  test('a valid token passes and is forwarded unchanged', async () => {
    const authorization = `Bearer ${await token()}`;
    const res = await r.query(CATALOGUE, { authorization });
    assert.equal(res.status, 200, res.text);
    assert.equal(r.calls.at(-1).headers.get('authorization'), authorization);
  });

  test('any one of the configured audiences is accepted', async () => {
    const res = await r.query(CATALOGUE, { authorization: `Bearer ${await token({ aud: ['account', 'other'] })}` });
    assert.equal(res.status, 200, res.text);
  });

  test('no token: anonymous, nothing forwarded', async () => {
    const res = await r.query(CATALOGUE);
    assert.equal(res.status, 200, res.text);
    assert.equal(r.calls.at(-1).headers.get('authorization'), null);
    assert.equal((await r.query(CATALOGUE, { authorization: '' })).status, 200);
  });

  test('garbage and non-bearer credentials', async () => {
    const res = await refused('Bearer not-a-jwt');
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
    await refused('Bearer a.b.c');
    await refused('Basic dXNlcjpwYXNz');
    await refused('Bearer ');
  });

  test('expired, wrong issuer, wrong audience', async () => {
    const expired = await refused(`Bearer ${await token({}, { exp: Math.floor(Date.now() / 1000) - 3600 })}`);
    assert.match(expired.json.errors[0].message, /expired/);
    await refused(`Bearer ${await token({ iss: 'http://evil.example/realms/oms' })}`);
    await refused(`Bearer ${await token({ aud: 'account' })}`);
  });

  test('signed by an unknown key, with a known or unknown kid', async () => {
    await refused(`Bearer ${await token({}, { key: strangerKeys.privateKey })}`);
    await refused(`Bearer ${await token({}, { key: strangerKeys.privateKey, kid: 'stranger' })}`);
  });

  test('alg none and HS256 (key confusion) are refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'admin', iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
    await refused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await refused(`Bearer ${b64({ alg: 'none', typ: 'JWT', kid: 'oms-1' })}.${b64(claims)}.`);
    const publicPem = new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey)));
    await refused(
      `Bearer ${await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: 'oms-1' }).sign(publicPem)}`,
    );
  });

  test('JWKS unreachable: 503 AUTHENTICATION_UNAVAILABLE, not 401', async () => {
    const down = router({
      OMS_JWT_ISSUER: ISSUER,
      OMS_JWKS_URL: 'http://127.0.0.1:9/certs',
      OMS_JWT_AUDIENCE: AUDIENCE,
    });
    try {
      const res = await down.query(CATALOGUE, { authorization: `Bearer ${await token()}` });
      assert.equal(res.status, 503, res.text);
      assert.equal(code(res), 'AUTHENTICATION_UNAVAILABLE');
      assert.equal(down.calls.length, 0);
      assert.equal((await down.query(CATALOGUE)).status, 200, 'anonymous requests do not need the JWKS');
    } finally {
      await down.runtime.dispose();
    }
  });

  test('graphql-ws: the token from connectionParams is verified and forwarded', async () => {
    // what the gateway's WebSocket server does for each subscribe message
    const ws = getGraphQLWSOptions(r.runtime, () => ({ request: new Request('http://router/graphql') }));
    const run = async (connectionParams) =>
      ws.execute(await ws.onSubscribe({ connectionParams }, '1', { query: CATALOGUE }));
    const authorization = `Bearer ${await token()}`;
    const ok = await run({ Authorization: authorization });
    assert.equal(ok.data?.products?.edges?.[0]?.node?.sku, 'LAMP-1', JSON.stringify(ok));
    assert.equal(r.calls.at(-1).headers.get('authorization'), authorization);
    const before = r.calls.length;
    const bad = await run({ authorization: 'Bearer not-a-jwt' });
    assert.equal(bad.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', JSON.stringify(bad));
    assert.equal(r.calls.length, before);
    assert.ok((await run({})).data, 'anonymous');
  });

  test('limits are checked for authenticated callers too', async () => {
    const res = await r.query(`{ ${'__typename '.repeat(2001)}}`, { authorization: `Bearer ${await token()}` });
    assert.equal(code(res), 'TOKEN_LIMIT_EXCEEDED');
  });
});

describe('subgraph request signature', () => {
  test('signs every subgraph request of a federated query over what it sends', async () => {
    const secret = 'router-test-secret';
    const r = router({ OMS_HMAC_SECRET: secret }, (body) =>
      body.variables?.representations ? customerEntities(body.variables.representations) : ONE_ORDER,
    );
    try {
      const res = await r.query(
        'query($n: Int!) { orders(first: $n) { edges { node { number customer { name } } } } }',
        {},
        { n: 1 },
      );
      assert.equal(res.json?.data?.orders?.edges?.[0]?.node?.customer?.name, 'Name c1', res.text);
      const PORTS = { 8081: 'customers', 8083: 'orders' };
      assert.deepEqual(
        r.calls.map((c) => PORTS[new URL(c.url).port]),
        ['orders', 'customers'],
      );
      for (const { url, body } of r.calls) {
        assert.equal(
          body.extensions?.[SIGNATURE_EXTENSION],
          signature(secret, body.query, body.variables),
          `the request to ${url} is signed over what it sends`,
        );
      }
    } finally {
      await r.runtime.dispose();
    }
  });
});
