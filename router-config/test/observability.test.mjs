// What the router tells operators: Prometheus series at /metrics, and logs without variables,
// addresses or tokens when a subgraph call fails (plugins/metrics.mjs, plugins/logging.mjs), on the
// committed supergraph with fake subgraphs. Run: node --test
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway';
import { MemoryLogWriter } from '@graphql-hive/logger';
import { createGatewayConfig } from '../gateway.config.mjs';
import { BoundedNames } from '../plugins/metrics.mjs';
import { createLogger, redact } from '../plugins/logging.mjs';
import { ONE_ORDER, customerEntities } from './fake-subgraphs.mjs';

const SUPERGRAPH = parse(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));
const PORTS = { 8081: 'customers', 8082: 'inventory', 8083: 'orders', 8084: 'shipping' };
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';
const ADDRESS = { name: 'Ann Private', line1: '7 Hidden Lane', city: 'Berlin', postalCode: '10115', country: 'DE' };
const PLACE = 'mutation Place($i: CreateOrderInput!) { createOrder(input: $i) { order { id } } }';
const PAGE = 'query Page { orders(first: 1) { edges { node { number customer { name } } } } }';

/** A router whose subgraph `name` answers as `faults[name]` says ('500', 'dead') or fine; logs go to `writer`. */
function router(env, faults, writer) {
  const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off', ...env }, { logWriter: writer });
  const runtime = createGatewayRuntime({
    ...config,
    supergraph: SUPERGRAPH,
    plugins: (ctx) => [
      ...config.plugins(ctx),
      useCustomFetch(async (url, init) => {
        const name = PORTS[new URL(String(url)).port];
        if (faults[name] === 'dead') throw new TypeError('fetch failed: connect ECONNREFUSED');
        if (faults[name] === '500') return new Response(`upstream said no to ${init.body}`, { status: 500 });
        const body = JSON.parse(init.body);
        if (name === 'orders') return Response.json(ONE_ORDER);
        return Response.json(customerEntities(body.variables?.representations));
      }),
    ],
  });
  const send = (query, variables) =>
    runtime
      .fetch('http://router/graphql', {
        method: 'POST',
        body: JSON.stringify({ query, variables }),
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          authorization: `Bearer ${TOKEN}`,
        },
      })
      .then((r) => r.json());
  return { runtime, send };
}

let keepAlive;
before(() => {
  keepAlive = setInterval(() => {}, 1000);
});
after(() => clearInterval(keepAlive));

describe('metrics', () => {
  test('/metrics serves requests, errors by code, durations and per-subgraph calls and errors', async () => {
    const r = router({ OMS_UPSTREAM_RETRIES: '0' }, { customers: 'dead' });
    try {
      await r.send(PAGE);
      await r.send(PAGE);
      const response = await r.runtime.fetch('http://router/metrics');
      assert.equal(response.status, 200);
      const text = await response.text();
      const series = (pattern) => text.split('\n').filter((l) => !l.startsWith('#') && pattern.test(l));
      assert.match(
        series(/^graphql_envelop_request\{/).join('\n'),
        /operationName="Page",operationType="query"\} 2|operationType="query",operationName="Page"\} 2/,
      );
      assert.ok(
        series(/^graphql_envelop_request_duration_bucket\{.*operationName="Page"/).length > 0,
        'duration histogram',
      );
      assert.ok(series(/^graphql_envelop_error_result\{.*code="SERVICE_UNAVAILABLE"/).length > 0, text);
      assert.ok(
        series(/^graphql_yoga_http_duration_bucket\{.*path="\/graphql".*statusCode="200"/).length > 0,
        'HTTP histogram',
      );
      assert.ok(series(/^graphql_gateway_subgraph_execute_duration_bucket\{.*subgraphName="orders"/).length > 0);
      assert.ok(series(/^graphql_gateway_subgraph_execute_duration_bucket\{.*subgraphName="customers"/).length > 0);
      assert.ok(
        series(/^graphql_gateway_subgraph_execute_errors\{.*subgraphName="customers"/).length > 0,
        'subgraph errors',
      );
      assert.ok(
        series(/^graphql_gateway_fetch_duration_bucket\{.*url="http:\/\/localhost:8083\/graphql"/).length > 0,
        'fetch histogram',
      );
      assert.doesNotMatch(text, /Authorization|eyJ|requestHeaders=/i);
    } finally {
      await r.runtime.dispose();
    }
  });

  test('operation names stop adding series after the cap', () => {
    const names = new BoundedNames(2);
    assert.deepEqual(
      ['A', 'B', 'C', 'A', undefined, 'not a name!'].map((n) => names.of(n)),
      ['A', 'B', 'other', 'A', 'anonymous', 'other'],
    );
  });
});

describe('logs', () => {
  for (const fault of ['500', 'dead']) {
    test(`a failing subgraph call (${fault}) leaves no address, variables or token in the log, even at debug level`, async () => {
      const writer = new MemoryLogWriter();
      const r = router({ OMS_GATEWAY_LOG: 'debug' }, { orders: fault }, writer);
      try {
        const answer = await r.send(PLACE, {
          i: { paymentMethod: 'INVOICE', items: [{ sku: 'LMP-1', quantity: 1 }], shippingAddress: ADDRESS },
        });
        assert.ok(answer.errors?.length > 0);
        const logged = JSON.stringify(writer.logs);
        assert.ok(
          writer.logs.some((l) => l.level === 'error' || l.level === 'warn'),
          'the failure is logged',
        );
        for (const secret of ['Ann Private', 'Hidden Lane', '10115', TOKEN, 'eyJ']) {
          assert.ok(!logged.includes(secret), `the log holds "${secret}"`);
        }
      } finally {
        await r.runtime.dispose();
      }
    });
  }

  test('OMS_LOG_FORMAT=json writes one JSON object per line with level, message and time', () => {
    const lines = [];
    const original = console.log;
    console.log = (line) => lines.push(line);
    try {
      createLogger({ format: 'json' }).info(
        { requestId: 'r1', variables: { line1: '7 Hidden Lane' } },
        `token ${TOKEN}`,
      );
    } finally {
      console.log = original;
    }
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]);
    assert.equal(entry.level, 'info');
    assert.equal(entry.requestId, 'r1');
    assert.ok(entry.timestamp);
    assert.doesNotMatch(lines[0], /Hidden Lane|eyJ/);
  });

  test('redaction keeps what helps: messages, codes, paths, statuses', () => {
    const cleaned = redact({
      message: 'Unexpected response',
      path: ['createOrder'],
      extensions: {
        code: 'RESPONSE_VALIDATION_FAILED',
        request: { body: '{"variables":{}}' },
        response: { status: 500, body: 'x' },
      },
    });
    assert.deepEqual(cleaned, {
      message: 'Unexpected response',
      path: ['createOrder'],
      extensions: {
        code: 'RESPONSE_VALIDATION_FAILED',
        request: '[redacted]',
        response: { status: 500, statusText: undefined },
      },
    });
    assert.throws(() => createLogger({ format: 'xml' }), /OMS_LOG_FORMAT/);
  });
});
