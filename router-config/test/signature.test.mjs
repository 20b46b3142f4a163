// Every subgraph request carries the router's signature over exactly the query and variables it
// sends (plugins/signature.mjs), the same bytes oms.signature.RouterSignature verifies. Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { createGatewayRuntime, useCustomFetch } from '@graphql-hive/gateway';
import { createGatewayConfig } from '../gateway.config.mjs';
import { SIGNATURE_EXTENSION, signature, stableStringify } from '../plugins/signature.mjs';

const SUPERGRAPH = parse(readFileSync(new URL('../supergraph.graphql', import.meta.url), 'utf8'));
const PORTS = { 8081: 'customers', 8082: 'inventory', 8083: 'orders', 8084: 'shipping' };

describe('router signature', () => {
  test('is the one the subgraphs compute (the vector of RouterSignatureTest)', () => {
    const variables = { b: [1, 2.5, null, true, 'x"\\\n\u0001é😀'], a: { z: 1, é: 2, A: 3 } };
    assert.equal(
      stableStringify({ query: '{ x }', variables }),
      '{"query":"{ x }","variables":{"a":{"A":3,"z":1,"é":2},"b":[1,2.5,null,true,"x\\"\\\\\\n\\u0001é😀"]}}',
    );
    assert.equal(signature('test-secret', '{ x }', variables), '6njo9HrOSgIRSnmT9k2mpyPoy9YGfgfH9dsy7//pi70=');
    // empty variables are left out, as absent ones
    assert.equal(signature('s', '{ a }', {}), signature('s', '{ a }', undefined));
    assert.notEqual(signature('s', '{ a }', { n: 1 }), signature('s', '{ a }', undefined));
  });

  test('signs every subgraph request of a federated query over what it sends', async () => {
    const secret = 'router-test-secret';
    const config = createGatewayConfig({ OMS_GATEWAY_LOG: 'off', OMS_HMAC_SECRET: secret });
    const seen = [];
    const runtime = createGatewayRuntime({
      ...config,
      supergraph: SUPERGRAPH,
      plugins: (ctx) => [
        ...config.plugins(ctx),
        useCustomFetch(async (url, init) => {
          const name = PORTS[new URL(String(url)).port];
          const body = JSON.parse(init.body);
          seen.push({ name, body });
          if (name === 'orders')
            return Response.json({
              data: {
                orders: {
                  edges: [
                    {
                      node: {
                        __typename: 'Order',
                        id: 'o1',
                        number: 'ORD-1',
                        customer: { __typename: 'Customer', id: 'c1' },
                      },
                    },
                  ],
                },
              },
            });
          const reps = body.variables?.representations ?? [];
          return Response.json({
            data: { _entities: reps.map((r) => ({ __typename: 'Customer', name: `Name ${r.id}` })) },
          });
        }),
      ],
    });
    try {
      const response = await runtime.fetch('http://router/graphql', {
        method: 'POST',
        body: JSON.stringify({
          query: 'query($n: Int!) { orders(first: $n) { edges { node { number customer { name } } } } }',
          variables: { n: 1 },
        }),
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      });
      const json = await response.json();
      assert.equal(json.data?.orders?.edges?.[0]?.node?.customer?.name, 'Name c1', JSON.stringify(json));
      assert.deepEqual(
        seen.map((s) => s.name),
        ['orders', 'customers'],
      );
      for (const { name, body } of seen) {
        assert.equal(
          body.extensions?.[SIGNATURE_EXTENSION],
          signature(secret, body.query, body.variables),
          `the request to ${name} is signed over what it sends`,
        );
      }
    } finally {
      await runtime.dispose();
    }
  });
});
