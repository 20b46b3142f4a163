// The Kubernetes overlays, checked without a cluster: each renders with `kubectl kustomize`, every
// rendered object validates against the Kubernetes schemas (kubernetes-models), and the product's
// rules hold (probes, limits, non-root, read-only root, drained shutdown, autoscaling, disruption
// budgets, network policies, no secrets or demo settings in production). Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const K8S = new URL('../k8s/', import.meta.url);
const OVERLAYS = ['local', 'production'];
const SUBGRAPHS = { customers: 8081, inventory: 8082, orders: 8083, shipping: 8084 };
const OURS = [...Object.keys(SUBGRAPHS), 'router'];

function kubectl() {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'pipe' });
  } catch {
    // a check that cannot run is a failure, not a skip
    throw new Error('kubectl (with its built-in kustomize) is needed to render deploy/k8s: install kubectl');
  }
}

const rendered = new Map();
/** The objects an overlay renders to. */
export function render(overlay) {
  if (!rendered.has(overlay)) {
    kubectl();
    const path = new URL(overlay === 'base' ? 'base' : `overlays/${overlay}`, K8S).pathname;
    const text = execFileSync('kubectl', ['kustomize', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    rendered.set(
      overlay,
      parseAllDocuments(text)
        .map((d) => d.toJS())
        .filter(Boolean),
    );
  }
  return rendered.get(overlay);
}

async function model(object) {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : [null, object.apiVersion];
  const module = await import(`kubernetes-models/${group ? `${group}/` : ''}${version}/${object.kind}`);
  return module[object.kind];
}

const of = (objects, kind) => objects.filter((o) => o.kind === kind);
const named = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
const workloads = (objects) => objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');

for (const overlay of ['base', ...OVERLAYS]) {
  describe(`overlay ${overlay}`, () => {
    test('renders, and every object validates against the Kubernetes schemas', async () => {
      const objects = render(overlay);
      assert.ok(objects.length > 20, `only ${objects.length} objects`);
      for (const object of objects) {
        const Model = await model(object);
        assert.ok(Model, `no schema for ${object.apiVersion} ${object.kind}`);
        assert.doesNotThrow(() => new Model(object).validate(), `${object.kind} ${object.metadata.name}`);
      }
    });

    test('every workload: requests and limits, probes, non-root, no privilege escalation, no capabilities', () => {
      for (const w of workloads(render(overlay))) {
        const pod = w.spec.template.spec;
        assert.equal(pod.securityContext?.runAsNonRoot, true, `${w.metadata.name} runs as root`);
        assert.equal(pod.automountServiceAccountToken, false, `${w.metadata.name} mounts an API token`);
        for (const c of pod.containers) {
          const where = `${w.metadata.name}/${c.name}`;
          for (const kind of ['requests', 'limits']) {
            assert.ok(c.resources?.[kind]?.cpu && c.resources?.[kind]?.memory, `${where}: no ${kind}`);
          }
          assert.ok(c.readinessProbe && c.livenessProbe, `${where}: no readiness or liveness probe`);
          assert.equal(c.securityContext?.allowPrivilegeEscalation, false, where);
          assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL'], where);
          assert.ok(!/:latest$/.test(c.image) && /:[\w.-]+$/.test(c.image), `${where}: image ${c.image} is not pinned`);
        }
      }
    });

    test('the subgraphs and the router: startup probe, read-only root, drained shutdown, spread, autoscaled, budgeted', () => {
      const objects = render(overlay);
      for (const name of OURS) {
        const d = named(objects, 'Deployment', name);
        assert.ok(d, `no Deployment ${name}`);
        const pod = d.spec.template.spec;
        const c = pod.containers[0];
        assert.ok(c.startupProbe, `${name}: no startup probe`);
        assert.equal(c.securityContext.readOnlyRootFilesystem, true, `${name}: writable root filesystem`);
        assert.ok(c.lifecycle?.preStop, `${name}: no preStop`);
        // preStop, then the server's graceful shutdown (10 s per phase): the grace period covers both
        assert.ok(
          pod.terminationGracePeriodSeconds >= 30,
          `${name}: grace period ${pod.terminationGracePeriodSeconds}`,
        );
        assert.ok(pod.topologySpreadConstraints?.length >= 1, `${name}: not spread`);
        assert.equal(d.spec.strategy.rollingUpdate.maxUnavailable, 0, `${name}: a rollout may drop capacity`);
        const hpa = of(objects, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name);
        assert.ok(hpa && hpa.spec.maxReplicas > hpa.spec.minReplicas, `${name}: not autoscaled`);
        const pdb = of(objects, 'PodDisruptionBudget').find(
          (p) => p.spec.selector.matchLabels['app.kubernetes.io/name'] === name,
        );
        assert.ok(pdb, `${name}: no PodDisruptionBudget`);
        if (overlay !== 'local') {
          assert.ok(d.spec.replicas >= 2 && hpa.spec.minReplicas >= 2, `${name}: a single replica`);
          assert.ok(pdb.spec.minAvailable >= 1, `${name}: the budget allows no pod`);
        }
      }
    });

    test('network policies: default deny; subgraphs only from the router, management only from monitoring', () => {
      const objects = render(overlay);
      const policies = of(objects, 'NetworkPolicy');
      const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0);
      assert.ok(deny && deny.spec.policyTypes.includes('Ingress') && !deny.spec.ingress, 'no default deny');
      for (const [name, port] of Object.entries(SUBGRAPHS)) {
        const policy = policies.find((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/name'] === name);
        assert.ok(policy, `no NetworkPolicy for ${name}`);
        const container = named(objects, 'Deployment', name).spec.template.spec.containers[0];
        const portNumber = (portName) => container.ports.find((p) => p.name === portName)?.containerPort;
        for (const rule of policy.spec.ingress) {
          assert.ok(rule.from?.length, `${name}: a rule admits everyone`);
          const ports = rule.ports.map((p) => portNumber(p.port));
          if (ports.includes(port)) {
            assert.deepEqual(
              rule.from,
              [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'router' } } }],
              name,
            );
          } else {
            assert.deepEqual(ports, [port + 1000], `${name}: admits ports ${ports}`);
            assert.deepEqual(
              rule.from,
              [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
              name,
            );
          }
        }
        const service = named(objects, 'Service', name);
        assert.deepEqual(
          service.spec.ports.map((p) => p.port),
          [port, port + 1000],
          `${name}: Service ports`,
        );
      }
    });

    test('the router gets the supergraph, whose subgraph URLs are these Services', () => {
      const objects = render(overlay);
      const supergraph = of(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('supergraph'));
      const text = supergraph.data['supergraph.graphql'];
      for (const [name, port] of Object.entries(SUBGRAPHS)) {
        assert.match(text, new RegExp(`url: "http://${name}:${port}/graphql"`), name);
      }
      const volumes = named(objects, 'Deployment', 'router').spec.template.spec.volumes;
      assert.ok(
        volumes.some((v) => v.configMap?.name === supergraph.metadata.name),
        'the router mounts another supergraph',
      );
    });
  });
}

describe('copies kept in step', () => {
  test('the supergraph ConfigMap is router-config/supergraph.docker.graphql', () => {
    assert.equal(
      readFileSync(new URL('base/router/supergraph.graphql', K8S), 'utf8'),
      readFileSync(new URL('../../router-config/supergraph.docker.graphql', import.meta.url), 'utf8'),
      'stale: run node router-config/compose.mjs --write',
    );
  });

  test('the local Keycloak imports keycloak/oms-realm.json', () => {
    assert.equal(
      readFileSync(new URL('overlays/local/keycloak/oms-realm.json', K8S), 'utf8'),
      readFileSync(new URL('../../keycloak/oms-realm.json', import.meta.url), 'utf8'),
      'stale: copy keycloak/oms-realm.json to deploy/k8s/overlays/local/keycloak/',
    );
  });
});

describe('production overlay', () => {
  test('holds no Secret, no demo data, no local-only value, and only released images from a registry', () => {
    const objects = render('production');
    assert.equal(of(objects, 'Secret').length, 0, 'a Secret is committed');
    const text = JSON.stringify(objects);
    assert.doesNotMatch(text, /local-only|-demo\b|OMS_SEED_DEMO_DATA":"true/i);
    const config = of(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('oms-config'));
    assert.equal(config.data.OMS_SEED_DEMO_DATA, 'false');
    assert.ok(Number(config.data.OMS_TRACING_SAMPLING) < 1, 'every trace sampled');
    for (const w of workloads(objects)) {
      for (const c of w.spec.template.spec.containers) {
        assert.doesNotMatch(c.image, /SNAPSHOT|^oms\//, `${w.metadata.name}: ${c.image}`);
      }
    }
    assert.equal(of(objects, 'StatefulSet').length, 0, 'databases belong to managed services in production');
    const dbs = of(objects, 'ConfigMap').find((c) => c.metadata.name.startsWith('oms-databases')).data;
    for (const name of Object.keys(SUBGRAPHS)) {
      assert.match(dbs[`${name}-r2dbc-url`], new RegExp(`^r2dbc:postgresql://.+/oms_${name}`));
      assert.doesNotMatch(dbs[`${name}-r2dbc-url`], /postgres-/, 'an in-cluster database in production');
    }
  });
});

describe('local overlay', () => {
  test('each database answers its own subgraph only; Redis the subgraphs only', () => {
    const objects = render('local');
    for (const name of Object.keys(SUBGRAPHS)) {
      const policy = named(objects, 'NetworkPolicy', `postgres-${name}`);
      assert.ok(policy, `no policy for postgres-${name}`);
      assert.deepEqual(
        policy.spec.ingress.map((r) => r.from),
        [[{ podSelector: { matchLabels: { 'app.kubernetes.io/name': name } } }]],
      );
      assert.ok(named(objects, 'StatefulSet', `postgres-${name}`), `no postgres-${name}`);
    }
    const redis = named(objects, 'NetworkPolicy', 'redis');
    assert.deepEqual(redis.spec.ingress[0].from, [
      { podSelector: { matchLabels: { 'app.kubernetes.io/component': 'subgraph' } } },
    ]);
    assert.equal(of(objects, 'Secret').length, 1);
  });
});
