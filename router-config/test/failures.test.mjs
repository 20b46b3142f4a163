// A hung or dead subgraph costs only its own fields: the router's timeouts, retries, circuit breaker
// and SERVICE_UNAVAILABLE errors (plugins/failures.mjs, gateway.config.mjs), on the committed
// supergraph with fake subgraphs. Run: node --test
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway';
import { createGatewayConfig } from '../gateway.config.mjs';
import { Breakers } from '../plugins/failures.mjs';

const SUPERGRAPH = parse(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));
const PAGE = '{ orders(first: 2) { edges { node { number customer { name } shipment { status } } } } }';
const ORDERS = {
  data: {
    orders: {
      edges: ['ORD-1', 'ORD-2'].map((number, i) => ({
        node: {
          __typename: 'Order',
          id: `o${i}`,
          number,
          customer: { __typename: 'Customer', id: `c${i}` },
        },
      })),
    },
  },
};
const PORTS = { 8081: 'customers', 8082: 'inventory', 8083: 'orders', 8084: 'shipping' };

/** A router whose subgraph `name` behaves as `faults[name]` says: 'dead', 'hung' or fine. */
function router(env, faults) {
  const calls = { customers: 0, inventory: 0, orders: 0, shipping: 0 };
  const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off', ...env });
  const runtime = createGatewayRuntime({
    ...config,
    supergraph: SUPERGRAPH,
    plugins: (ctx) => [
      ...config.plugins(ctx),
      useCustomFetch(async (url, init) => {
        const name = PORTS[new URL(String(url)).port];
        calls[name] += 1;
        if (faults[name] === 'dead')
          throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:' + new URL(String(url)).port);
        if (faults[name] === 'hung') {
          return new Promise((resolve, reject) =>
            init.signal?.addEventListener('abort', () => reject(init.signal.reason)),
          );
        }
        const body = JSON.parse(init.body);
        if (name === 'orders')
          return Response.json(
            body.query.includes('mutation') ? { data: { cancelOrder: { order: null, userErrors: [] } } } : ORDERS,
          );
        const reps = body.variables?.representations ?? [];
        if (name === 'customers')
          return Response.json({
            data: { _entities: reps.map((r) => ({ __typename: 'Customer', name: `Name ${r.id}` })) },
          });
        return Response.json({
          data: {
            _entities: reps.map(() => ({
              __typename: 'Order',
              shipment: { __typename: 'Shipment', id: 's', status: 'DISPATCHED' },
            })),
          },
        });
      }),
    ],
  });
  const query = async (q) => {
    const started = Date.now();
    const response = await runtime.fetch('http://router/graphql', {
      method: 'POST',
      body: JSON.stringify({ query: q }),
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    });
    return { status: response.status, json: await response.json(), ms: Date.now() - started };
  };
  return { runtime, calls, query };
}

// the timers of AbortSignal.timeout do not keep Node alive by themselves
let keepAlive;
before(() => {
  keepAlive = setInterval(() => {}, 1000);
});
after(() => clearInterval(keepAlive));

const codes = (res) => (res.json.errors ?? []).map((e) => e.extensions?.code);

describe('a subgraph that is down or hangs', () => {
  test('a dead customers service costs only the customer fields, after two quick retries', async () => {
    const r = router({}, { customers: 'dead' });
    try {
      const res = await r.query(PAGE);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.json.data.orders.edges.map((e) => e.node.number),
        ['ORD-1', 'ORD-2'],
      );
      assert.deepEqual(
        res.json.data.orders.edges.map((e) => e.node.customer),
        [null, null],
      );
      assert.equal(res.json.data.orders.edges[0].node.shipment?.status, 'DISPATCHED', JSON.stringify(res.json));
      assert.ok(
        codes(res).length > 0 && codes(res).every((c) => c === 'SERVICE_UNAVAILABLE'),
        JSON.stringify(res.json),
      );
      assert.doesNotMatch(JSON.stringify(res.json), /customers|8081|ECONNREFUSED|127\.0\.0\.1/);
      assert.equal(r.calls.customers, 3, 'one call and two retries');
    } finally {
      await r.runtime.dispose();
    }
  });

  test('a hung shipping service answers null within the upstream timeout and is not retried', async () => {
    const r = router({ OMS_UPSTREAM_TIMEOUT_MS: '300' }, { shipping: 'hung' });
    try {
      const res = await r.query(PAGE);
      assert.ok(res.ms < 2000, `answered after ${res.ms} ms`);
      assert.deepEqual(
        res.json.data.orders.edges.map((e) => e.node.shipment),
        [null, null],
      );
      assert.equal(res.json.data.orders.edges[1].node.customer.name, 'Name c1');
      assert.deepEqual([...new Set(codes(res))], ['SERVICE_UNAVAILABLE']);
      assert.equal(r.calls.shipping, 1);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('the request deadline bounds all calls of one operation', async () => {
    const r = router({ OMS_UPSTREAM_TIMEOUT_MS: '5000', OMS_REQUEST_DEADLINE_MS: '400' }, { shipping: 'hung' });
    try {
      const res = await r.query(PAGE);
      assert.ok(res.ms < 2000, `answered after ${res.ms} ms`);
      assert.deepEqual([...new Set(codes(res))], ['SERVICE_UNAVAILABLE']);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('a mutation is never retried', async () => {
    const r = router({}, { orders: 'dead' });
    try {
      const res = await r.query(
        'mutation { cancelOrder(input: { orderId: "00000000-0000-0000-0000-000000000001" }) { order { id } } }',
      );
      assert.deepEqual(codes(res), ['SERVICE_UNAVAILABLE']);
      assert.equal(r.calls.orders, 1);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('after five failures in a row a subgraph is not called for a while', async () => {
    const r = router({ OMS_UPSTREAM_RETRIES: '0' }, { customers: 'dead' });
    try {
      for (let i = 0; i < 5; i++) await r.query(PAGE);
      assert.equal(r.calls.customers, 5);
      const res = await r.query(PAGE);
      assert.equal(r.calls.customers, 5, 'refused at once');
      assert.deepEqual([...new Set(codes(res))], ['SERVICE_UNAVAILABLE']);
      assert.equal(res.json.data.orders.edges.length, 2);
    } finally {
      await r.runtime.dispose();
    }
  });
});

describe('the breaker', () => {
  test('opens after the failures, lets one call through after the pause, closes on success', () => {
    let t = 0;
    const b = new Breakers({ failures: 2, openMs: 1000, now: () => t });
    b.failed('x');
    assert.equal(b.allows('x'), true);
    b.failed('x');
    assert.equal(b.allows('x'), false);
    t = 1000;
    assert.equal(b.allows('x'), true, 'half open');
    assert.equal(b.allows('x'), false, 'only one trial');
    b.succeeded('x');
    assert.equal(b.allows('x'), true);
  });
});

describe('a subscription whose subgraph fails', () => {
  /** A router whose orders subgraph answers subscriptions with `orders(init)` (a Response or a throw). */
  function subscriptionRouter(orders) {
    const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off' });
    const runtime = createGatewayRuntime({
      ...config,
      supergraph: SUPERGRAPH,
      plugins: (ctx) => [...config.plugins(ctx), useCustomFetch(async (url, init) => orders(init))],
    });
    return async () => {
      const response = await runtime.fetch('http://router/graphql', {
        method: 'POST',
        body: JSON.stringify({ query: 'subscription { orderStatusChanges { cursor status } }' }),
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      });
      return response.text();
    };
  }

  const event = (cursor) =>
    `event: next\ndata: ${JSON.stringify({ data: { orderStatusChanges: { cursor, status: 'CONFIRMED' } } })}\n\n`;

  test('a dead orders service ends it at once with SERVICE_UNAVAILABLE', async () => {
    const subscribe = subscriptionRouter(() => {
      throw new TypeError('fetch failed: connect ECONNREFUSED 127.0.0.1:8083');
    });
    const text = await subscribe();
    assert.match(text, /SERVICE_UNAVAILABLE/);
    assert.doesNotMatch(text, /INTERNAL_SERVER_ERROR|Unexpected error|ECONNREFUSED|8083/);
  });

  test('a stream that breaks (orders died) delivers what came and ends with SERVICE_UNAVAILABLE', async () => {
    const subscribe = subscriptionRouter(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode(event('41')));
              setTimeout(() => controller.error(new Error('socket hang up')), 20);
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        ),
    );
    const text = await subscribe();
    assert.match(text, /"cursor":"41"/);
    assert.match(text, /SERVICE_UNAVAILABLE/);
    assert.doesNotMatch(text, /INTERNAL_SERVER_ERROR|Unexpected error|socket hang up/);
  });
});

describe('a subscription the client leaves', () => {
  test('ends the subgraph stream at once', async () => {
    let upstreamCancelled = false;
    const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off' });
    const runtime = createGatewayRuntime({
      ...config,
      supergraph: SUPERGRAPH,
      plugins: (ctx) => [
        ...config.plugins(ctx),
        useCustomFetch(async (url, init) => {
          init.signal?.addEventListener('abort', () => {
            upstreamCancelled = true;
          });
          return new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(
                  new TextEncoder().encode(
                    `event: next\ndata: ${JSON.stringify({ data: { orderStatusChanges: { cursor: '7', status: 'CONFIRMED' } } })}\n\n`,
                  ),
                );
              },
              cancel() {
                upstreamCancelled = true;
              },
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          );
        }),
      ],
    });
    const client = new AbortController();
    const response = await runtime.fetch('http://router/graphql', {
      method: 'POST',
      signal: client.signal,
      body: JSON.stringify({ query: 'subscription { orderStatusChanges { cursor status } }' }),
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    });
    const reader = response.body.getReader();
    let seen = '';
    while (!seen.includes('"cursor":"7"')) seen += new TextDecoder().decode((await reader.read()).value);
    client.abort();
    await reader.cancel().catch(() => {});
    const deadline = Date.now() + 2000;
    while (!upstreamCancelled && Date.now() < deadline)
      await new Promise((r) => {
        setTimeout(r, 20);
      });
    assert.equal(upstreamCancelled, true, 'the subgraph stream was not ended when the client left');
  });
});
