// The cost model and the per-caller budget (plugins/cost.mjs), on the committed supergraph, and the
// router's subgraph signing and CORS as gateway.config.mjs sets them up. Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway';
import { Buckets, estimateCost } from '../plugins/cost.mjs';
import { createGatewayConfig } from '../gateway.config.mjs';

const SUPERGRAPH_TEXT = readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8');
const SUPERGRAPH = parse(SUPERGRAPH_TEXT);
const SCHEMA = buildASTSchema(SUPERGRAPH, { assumeValidSDL: true });
const cost = (query, variables) => estimateCost({ schema: SCHEMA, document: parse(query), variables });

describe('the cost model', () => {
  test('objects cost 1, scalars nothing, a connection multiplies by first', () => {
    assert.equal(cost('{ products(first: 5) { edges { node { sku name } } } }'), 1 + 5 * (1 + 1));
    assert.equal(cost('query($n: Int) { products(first: $n) { edges { node { sku } } } }', { n: 50 }), 1 + 50 * 2);
    assert.equal(cost('{ products { edges { node { sku } } } }'), 1 + 20 * 2, 'the schema default of first');
  });

  test('nested connections multiply', () => {
    const nested =
      '{ customers(first: 100) { edges { node { orders(first: 100) { edges { node { number lines { sku } } } } } } } }';
    assert.equal(cost(nested), 1 + 100 * (1 + 1 + 1 + 100 * (1 + 1 + 10 * 1)));
  });

  test('a mutation costs its base plus its input, and its results count as many as its input', () => {
    const orders = Array.from({ length: 1000 }, () => ({ items: [{ sku: 'A', quantity: 1 }] }));
    const batch = cost(
      'mutation($i: CreateOrdersInput!) { createOrders(input: $i) { acceptedCount results { index order { id } } } }',
      { i: { orders } },
    );
    // 1 (payload) + 10 (mutation) + 2,000 input entries (orders and their items) + 1,000 results × (1 + order 1)
    assert.equal(batch, 1 + 10 + 2000 + 1000 * 2);
  });

  test('skipped fields and unknown fields cost nothing; fragments are counted once per use', () => {
    assert.equal(cost('{ products(first: 5) @skip(if: true) { edges { node { sku } } } }'), 0);
    assert.equal(
      cost('{ products(first: 2) { ...P } } fragment P on ProductConnection { edges { node { sku } } }'),
      1 + 2 * 2,
    );
  });
});

describe('the bucket', () => {
  test('spends, refuses with the seconds to wait, refills and refunds', () => {
    let t = 0;
    const buckets = new Buckets({ capacity: 100, refillPerSecond: 10, now: () => t });
    assert.deepEqual(buckets.take('a', 80), { ok: true, remaining: 20 });
    assert.deepEqual(buckets.take('a', 50), { ok: false, remaining: 20, retryAfter: 3 });
    assert.equal(buckets.take('b', 100).ok, true, 'callers have their own bucket');
    t = 3000;
    assert.equal(buckets.take('a', 50).ok, true);
    assert.equal(buckets.refund('a', 1000), 100, 'never above the capacity');
  });

  test('forgets the least recently seen callers beyond its size', () => {
    const buckets = new Buckets({ capacity: 10, refillPerSecond: 1, maxCallers: 2, now: () => 0 });
    buckets.take('a', 10);
    buckets.take('b', 1);
    buckets.take('c', 1);
    assert.equal(buckets.buckets.size, 2);
    assert.equal(buckets.buckets.has('a'), false);
  });
});

function router(env, subgraph = () => ({ data: { products: { edges: [{ node: { sku: 'LAMP-1' } }] } } })) {
  const calls = [];
  const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off', ...env });
  const runtime = createGatewayRuntime({
    ...config,
    supergraph: SUPERGRAPH,
    plugins: (ctx) => [
      ...config.plugins(ctx),
      useCustomFetch(async (url, init) => {
        const body = JSON.parse(init.body);
        calls.push(body);
        return Response.json(subgraph(body));
      }),
    ],
  });
  const query = async (q, variables, headers = {}) => {
    const response = await runtime.fetch('http://router/graphql', {
      method: 'POST',
      body: JSON.stringify({ query: q, variables }),
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    });
    return { status: response.status, headers: response.headers, json: await response.json() };
  };
  return { runtime, calls, query };
}

describe('cost and rate limits at the router', () => {
  test('an answer reports its cost and the caller budget', async () => {
    const r = router({});
    try {
      const res = await r.query('{ products(first: 5) { edges { node { sku } } } }');
      assert.equal(res.status, 200);
      const costs = res.json.extensions.cost;
      assert.equal(costs.requestedQueryCost, 11);
      assert.equal(costs.actualQueryCost, 3, 'one connection, one edge, one node came back');
      assert.equal(costs.throttleStatus.maximumAvailable, 200_000);
      assert.ok(
        costs.throttleStatus.currentlyAvailable >= 200_000 - 11,
        'charged 11, refunded all but 3, refilled since',
      );
    } finally {
      await r.runtime.dispose();
    }
  });

  test('an operation above the ceiling is refused before any subgraph call', async () => {
    const r = router({ OMS_MAX_COST: '100' });
    try {
      const res = await r.query('{ products(first: 100) { edges { node { sku } } } }');
      assert.equal(res.status, 400);
      assert.equal(res.json.errors[0].extensions.code, 'QUERY_TOO_COSTLY');
      assert.equal(r.calls.length, 0);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('a caller over budget gets 429 with Retry-After, and OMS_RATE_LIMIT=off lifts the budget only', async () => {
    const full = () => ({
      data: { products: { edges: Array.from({ length: 100 }, (_, i) => ({ node: { sku: `P-${i}` } })) } },
    });
    const r = router({ OMS_RATE_LIMIT_CAPACITY: '250', OMS_RATE_LIMIT_REFILL: '10' }, full);
    const q = '{ products(first: 100) { edges { node { sku } } } }'; // costs 201, and all of it comes back
    try {
      assert.equal((await r.query(q)).status, 200);
      r.calls.length = 0;
      const refused = await r.query(q);
      assert.equal(refused.status, 429);
      assert.equal(refused.json.errors[0].extensions.code, 'RATE_LIMITED');
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      assert.equal(r.calls.length, 0, 'refused before any subgraph call');
    } finally {
      await r.runtime.dispose();
    }
    const off = router({ OMS_RATE_LIMIT: 'off', OMS_RATE_LIMIT_CAPACITY: '1', OMS_MAX_COST: '300' });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await off.query(q)).status, 200);
      assert.equal((await off.query('{ products(first: 100) { edges { node { sku name } } } } ')).status, 200);
      const tooCostly = await off.query(
        '{ customers(first: 100) { edges { node { orders(first: 2) { edges { cursor } } } } } }',
      );
      assert.equal(tooCostly.json.errors[0].extensions.code, 'QUERY_TOO_COSTLY', 'the ceiling stays');
    } finally {
      await off.runtime.dispose();
    }
  });
});

describe('subgraph signing and CORS', () => {
  test('every subgraph request carries the HMAC of its query and variables', async () => {
    const r = router({ OMS_HMAC_SECRET: 'router-test-secret' });
    try {
      await r.query('query($n: Int) { products(first: $n) { edges { node { sku } } } }', { n: 3 });
      const sent = r.calls[0];
      const stable = (v) =>
        v === null || typeof v !== 'object'
          ? JSON.stringify(v)
          : Array.isArray(v)
            ? `[${v.map(stable).join(',')}]`
            : `{${Object.keys(v)
                .sort()
                .filter((k) => v[k] !== undefined)
                .map((k) => `${JSON.stringify(k)}:${stable(v[k])}`)
                .join(',')}}`;
      const expected = createHmac('sha256', 'router-test-secret')
        .update(
          stable({
            query: sent.query,
            variables: sent.variables && Object.keys(sent.variables).length ? sent.variables : undefined,
          }),
        )
        .digest('base64');
      assert.equal(sent.extensions['hmac-signature'], expected);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('browsers may call only from the configured origins', async () => {
    const r = router({ OMS_CORS_ORIGINS: 'http://localhost:3000' });
    try {
      const preflight = (origin) =>
        r.runtime.fetch('http://router/graphql', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,authorization',
          },
        });
      const allowed = await preflight('http://localhost:3000');
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://localhost:3000');
      assert.equal(allowed.headers.get('access-control-allow-credentials'), 'true');
      const evil = await preflight('https://evil.example');
      assert.notEqual(evil.headers.get('access-control-allow-origin'), 'https://evil.example');
      assert.notEqual(evil.headers.get('access-control-allow-origin'), '*');
    } finally {
      await r.runtime.dispose();
    }
  });
});
