// router-config/router.yaml (the supergraph on Apollo Router), checked without the router binary:
// valid to Apollo Router 2.13.1's configuration schema (schemas/, vendored), and equal to our Hive
// Gateway's limits and settings. Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv from 'ajv';
import { DEFAULTS } from '../../router-config/gateway.config.mjs';

const config = parse(readFileSync(new URL('../../router-config/router.yaml', import.meta.url), 'utf8'));
const schema = JSON.parse(
  readFileSync(new URL('../schemas/apollo-router-2.13.1-config.schema.json', import.meta.url), 'utf8'),
);
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('router.yaml for Apollo Router', () => {
  test("is valid to Apollo Router 2.13.1's configuration schema", () => {
    assert.ok(validate(config), JSON.stringify(validate.errors, null, 2));
  });

  test('the schema check can fail: a misspelt limit is refused', () => {
    assert.equal(validate({ ...config, limits: { ...config.limits, max_dept: 12 } }), false);
  });

  test('has the same limits and timeouts as our Hive Gateway', () => {
    assert.equal(config.limits.max_depth, DEFAULTS.maxDepth);
    assert.equal(config.limits.max_aliases, DEFAULTS.maxAliases);
    assert.equal(config.limits.parser_max_tokens, DEFAULTS.maxTokens);
    assert.equal(config.limits.http_max_request_bytes, DEFAULTS.maxRequestBytes);
    assert.equal(config.traffic_shaping.all.timeout, `${DEFAULTS.upstreamTimeoutMs / 1000}s`);
    assert.equal(config.traffic_shaping.router.timeout, `${DEFAULTS.requestDeadlineMs / 1000}s`);
    assert.deepEqual(config.cors.policies[0].origins, DEFAULTS.corsOrigins);
    assert.equal(config.supergraph.introspection, false);
  });

  test('checks tokens against Keycloak, passes them on, and passes subscriptions through to orders', () => {
    assert.equal(config.authentication.router.jwt.jwks[0].url, '${env.OMS_JWKS_URL}');
    assert.deepEqual(
      config.headers.all.request.map((r) => r.propagate.named),
      ['authorization', 'x-request-id'],
    );
    assert.equal(config.subscription.enabled, true);
    assert.equal(config.subscription.mode.passthrough.subgraphs.orders.path, '/subscriptions');
    assert.equal(config.telemetry.exporters.tracing.zipkin.enabled, true);
  });
});
