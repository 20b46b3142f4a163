// docker-compose.yml, checked without a Docker engine: valid to the Compose specification's JSON
// schema (schemas/compose-spec.json, vendored), and the product's rules: every service has a
// healthcheck, starts only after what it needs is healthy, runs a pinned image, and demo data is off
// unless asked for. Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import Ajv from 'ajv';

const file = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
// YAML merge keys (<<) resolved, as Compose does
const compose = parse(file, { merge: true });
// draft-07, Ajv's own draft; its $schema is spelled as https without '#', which Ajv does not know
const { $schema, ...schema } = JSON.parse(
  readFileSync(new URL('../schemas/compose-spec.json', import.meta.url), 'utf8'),
);

describe('docker-compose.yml', () => {
  test('is valid to the Compose specification', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    assert.ok(validate(compose), JSON.stringify(validate.errors, null, 2));
  });

  test('the schema check can fail: an unknown service key is refused', () => {
    const validate = new Ajv({ strict: false }).compile(schema);
    assert.equal(validate({ services: { router: { image: 'x:1', restartt: 'always' } } }), false);
  });

  test('every service has a healthcheck, and waits for what it depends on to be healthy', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      assert.ok(service.healthcheck?.test?.length, `${name} has no healthcheck`);
      for (const [dependency, condition] of Object.entries(service.depends_on ?? {})) {
        assert.equal(condition.condition, 'service_healthy', `${name} → ${dependency}`);
        assert.ok(compose.services[dependency], `${name} depends on an unknown ${dependency}`);
      }
    }
    for (const name of ['customers', 'inventory', 'orders', 'shipping']) {
      assert.deepEqual(
        Object.keys(compose.services.router.depends_on)
          .sort()
          .filter((d) => d === name),
        [name],
      );
    }
  });

  test('images are pinned to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const tag = service.image?.split(':').at(-1);
      assert.ok(tag && /^v?\d+\.\d+/.test(tag), `${name}: image ${service.image} is not pinned to a version`);
    }
  });

  test('demo data is off unless asked for, and the router signs with a secret that must be set', () => {
    for (const name of ['customers', 'inventory', 'orders', 'shipping']) {
      const env = compose.services[name].environment;
      assert.equal(env.OMS_SEED_DEMO_DATA, '${OMS_SEED_DEMO_DATA:-false}', name);
      assert.match(env.OMS_HMAC_SECRET, /^\$\{OMS_HMAC_SECRET:\?/, `${name}: the secret has a default`);
      assert.equal(env.OMS_ZIPKIN_URL, 'http://zipkin:9411/api/v2/spans', name);
    }
    assert.match(compose.services.router.environment.OMS_HMAC_SECRET, /^\$\{OMS_HMAC_SECRET:\?/);
    assert.ok(compose.services.zipkin && compose.services.prometheus);
  });
});
