// The subgraphs' image tarballs (subgraph-*/target/jib-image.tar, written by Jib's buildTar in
// `./mvnw verify` and by ./oms images), opened without a container engine: one image each, named as
// docker-compose.yml and deploy/k8s name it; every layer's digest and diff ID true; the base's Debian
// packages at their pinned versions and a Java runtime; the app's classes and every classpath entry
// present; non-root as the Deployments run it; the service's ports exposed. The layers are unpacked
// into a directory and run there (chroot, as the image's user, with only the image's
// environment): `java -version`, the entrypoint with --dry-run (classpath and main class resolve), the
// Compose healthcheck against a test HTTP server, and for orders the whole application until it asks
// for its database. The runs need a mount and PID namespace and chroot (root, or unprivileged user
// namespaces): where the machine allows neither they are skipped, with the reason. Run: node --test
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parse } from 'yaml';

const repo = new URL('../../', import.meta.url).pathname;
const compose = parse(readFileSync(join(repo, 'docker-compose.yml'), 'utf8'), { merge: true });
// name version url sha256 per line
const pins = readFileSync(join(repo, 'deploy/images/base-packages.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => line.split(/\s+/));
const isRoot = process.getuid() === 0;

const tar = (...args) =>
  execFileSync('tar', ['--warning=no-unknown-keyword', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

// GNU tar's verbose listing: mode owner/group size date time path [-> target]
function listing(layer) {
  return tar('--numeric-owner', '-tvzf', layer)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(\S+) (\d+)\/(\d+)\s+\d+ \S+ \S+ (.*)$/.exec(line);
      assert.ok(m, `unparsed listing line: ${line}`);
      return { mode: m[1], uid: Number(m[2]), gid: Number(m[3]), path: m[4].split(' -> ')[0].replace(/\/$/, '') };
    });
}

async function sha256(file, gunzip = false) {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), ...(gunzip ? [createGunzip()] : []), hash);
  return hash.digest('hex');
}

const which = (tool) => ['/usr/bin', '/usr/sbin', '/bin', '/sbin'].map((dir) => join(dir, tool)).find(existsSync);

// runs argv inside the unpacked image: its own root, /proc, PID namespace and environment, as its
// user (as root; otherwise as root of a user namespace, where the kernel allows one)
function inImage(root, config, argv, { env = {}, timeout = 60_000, chrootTo = root } = {}) {
  const imageEnv = Object.fromEntries(
    config.config.Env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]),
  );
  const args = [
    ...(isRoot ? [] : ['--map-root-user']),
    '--mount',
    '--pid',
    '--fork',
    `--mount-proc=${root}/proc`,
    '--kill-child',
    which('chroot'),
    ...(isRoot ? [`--userspec=${config.config.User}`] : []),
    chrootTo,
    ...argv,
  ];
  return new Promise((resolve) => {
    execFile(
      which('unshare') ?? 'unshare',
      args,
      { env: { ...imageEnv, ...env }, encoding: 'utf8', timeout, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? error.signal) : 0, out: stdout + stderr }),
    );
  });
}

function httpServer(status) {
  return new Promise((resolve) => {
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/readyz' ? status : 404).end();
    }).listen(0, '127.0.0.1', () => resolve(server));
  });
}

for (const service of ['customers', 'inventory', 'orders', 'shipping']) {
  const module = `subgraph-${service}`;
  const mainClass = `oms.${service}.${service[0].toUpperCase()}${service.slice(1)}Application`;
  const deployment = parse(readFileSync(join(repo, `deploy/k8s/base/${service}/deployment.yaml`), 'utf8'));
  const pod = deployment.spec.template.spec;
  const containerPorts = Object.fromEntries(pod.containers[0].ports.map((p) => [p.name, p.containerPort]));

  describe(`${module}/target/jib-image.tar`, () => {
    const tarball = join(repo, module, 'target/jib-image.tar');
    let dir, root, manifest, config, files;

    before(() => {
      assert.ok(
        existsSync(tarball),
        `no ${tarball}: \`./mvnw verify\` builds it with ${module}'s package phase, ./oms images alone`,
      );
      dir = mkdtempSync(join(tmpdir(), `oms-image-${service}-`));
      tar('-xf', tarball, '-C', dir);
      manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      config = JSON.parse(readFileSync(join(dir, manifest[0]?.Config ?? 'missing'), 'utf8'));
      // path → entry, later layers over earlier ones
      files = new Map();
      for (const layer of manifest[0].Layers) {
        for (const entry of listing(join(dir, layer))) files.set(entry.path, entry);
      }
      // the layers unpacked in order, as a container runtime does
      root = join(dir, 'rootfs');
      mkdirSync(root);
      for (const layer of manifest[0].Layers) tar('-xzf', join(dir, layer), '-C', root);
    });
    after(() => dir && rmSync(dir, { recursive: true, force: true }));

    test('holds one image, named as Compose and Kubernetes run it', () => {
      assert.equal(manifest.length, 1);
      assert.deepEqual(manifest[0].RepoTags, [compose.services[service].image]);
      assert.equal(pod.containers[0].image, compose.services[service].image);
      assert.equal(config.os, 'linux');
      assert.equal(config.architecture, 'amd64');
    });

    test('every layer is the blob its name and the configuration say', async () => {
      const { Layers } = manifest[0];
      assert.ok(Layers.length >= 4, `only ${Layers.length} layers`);
      assert.equal(config.rootfs.diff_ids.length, Layers.length);
      for (const [i, layer] of Layers.entries()) {
        const file = join(dir, layer);
        assert.equal(`${await sha256(file)}.tar.gz`, basename(layer), `${layer}: digest`);
        assert.equal(`sha256:${await sha256(file, true)}`, config.rootfs.diff_ids[i], `${layer}: diff ID`);
      }
      assert.ok(![...files.keys()].some((path) => basename(path).startsWith('.wh.')), 'whiteouts in the layers');
    });

    test('runs the Spring Boot application with java, non-root as the Deployment does', () => {
      const { Entrypoint, User, Env } = config.config;
      assert.equal(Entrypoint[0], 'java');
      assert.equal(Entrypoint.at(-1), mainClass);
      assert.ok(existsSync(join(repo, module, 'src/main/java', `${mainClass.replaceAll('.', '/')}.java`)), mainClass);
      assert.deepEqual(Entrypoint.slice(-3, -1), ['-cp', '@/app/jib-classpath-file']);
      // the Deployments' limits assume the heap at 75 % of them
      assert.ok(Entrypoint.includes('-XX:MaxRAMPercentage=75'), Entrypoint.join(' '));
      assert.equal(User, `${pod.securityContext.runAsUser}:${pod.securityContext.runAsGroup}`);
      assert.notEqual(pod.securityContext.runAsUser, 0);
      assert.ok(Env.includes('JAVA_HOME=/opt/java'), Env.join(' '));
      assert.match(
        Env.find((e) => e.startsWith('PATH=')),
        /^PATH=\/opt\/java\/bin:/,
      );
    });

    test('exposes the ports the service listens on', () => {
      const env = compose.services[service].environment;
      assert.deepEqual(
        Object.keys(config.config.ExposedPorts).sort(),
        [`${containerPorts.http}/tcp`, `${containerPorts.management}/tcp`].sort(),
      );
      assert.equal(String(containerPorts.http), env.PORT);
      assert.equal(containerPorts.management, containerPorts.http + 1000);
    });

    test('the base: the pinned Debian 12 packages, a Java runtime, bash, the user, /tmp', () => {
      const osRelease = files.get('etc/os-release') ?? files.get('usr/lib/os-release');
      assert.ok(osRelease, 'no os-release');
      for (const [name, version] of pins) {
        assert.ok(files.has(`var/lib/dpkg/status.d/${name}`), `${name} is not in the image`);
        assert.ok(
          config.config.Labels['oms.base.debian'].split(' ').includes(`${name}=${version}`),
          `${name} ${version}`,
        );
      }
      for (const program of ['opt/java/bin/java', 'bin/bash']) {
        assert.match(files.get(program)?.mode ?? 'missing', /^-r.x/, program);
      }
      assert.ok(files.has('opt/java/lib/modules') && files.has('opt/java/lib/server/libjvm.so'));
      assert.ok(files.has('opt/java/lib/server/classes.jsa'), 'no class-data-sharing archive');
      assert.equal(files.get('tmp')?.mode, 'drwxrwxrwt');
      // nothing belongs to the application's user but its home: the application cannot change itself
      const owned = [...files.values()]
        .filter((e) => e.uid !== 0 || e.gid !== 0)
        .map((e) => `${e.path} ${e.uid}:${e.gid}`);
      assert.deepEqual(owned, ['home/oms 1000:1000']);
    });

    test("the application's classes and every classpath entry are in the image", () => {
      assert.ok(files.has(`app/classes/${mainClass.replaceAll('.', '/')}.class`), 'main class missing');
      assert.ok(
        files.has('app/classes/application.yml') || files.has('app/resources/application.yml'),
        'application.yml missing',
      );
      assert.ok(files.has('app/jib-classpath-file'), 'no /app/jib-classpath-file');
      const entries = readFileSync(join(root, 'app/jib-classpath-file'), 'utf8').trim().split(':');
      assert.ok(
        entries.some((e) => /\/app\/libs\/oms-platform-.*\.jar$/.test(e)),
        'oms-platform is not on the classpath',
      );
      assert.ok(
        entries.some((e) => /\/app\/libs\/spring-boot-\d.*\.jar$/.test(e)),
        'Spring Boot is not on the classpath',
      );
      for (const entry of entries) assert.ok(files.has(entry.slice(1)), `classpath entry ${entry} is not in the image`);
    });

    describe('unpacked and run', () => {
      let runnable = true;
      before(async () => {
        // whether this machine lets us have a mount and PID namespace and chroot at all (into its own
        // root, so that a broken image cannot make the tests skip)
        const probe = await inImage(root, config, [which('true') ?? '/bin/true'], { chrootTo: '/' });
        if (probe.code !== 0)
          runnable = `this machine allows no mount namespace and chroot (unshare, chroot): ${probe.out.trim()}`;
      });

      test("java -version: the linked runtime on the image's own C library", async (t) => {
        if (runnable !== true) return t.skip(runnable);
        const { code, out } = await inImage(root, config, ['java', '-Xshare:on', '-version']);
        assert.equal(code, 0, out);
        assert.ok(out.includes(config.config.Labels['oms.base.java']), out);
      });

      test('the entrypoint resolves its classpath and main class (--dry-run)', async (t) => {
        if (runnable !== true) return t.skip(runnable);
        const [java, ...rest] = config.config.Entrypoint;
        const { code, out } = await inImage(root, config, [java, '--dry-run', ...rest]);
        assert.equal(code, 0, out);
        const wrong = await inImage(root, config, [java, '--dry-run', ...rest.slice(0, -1), `${mainClass}Missing`]);
        assert.notEqual(wrong.code, 0, 'a missing main class went unnoticed');
      });

      test("Compose's healthcheck works with what the image has", async (t) => {
        if (runnable !== true) return t.skip(runnable);
        const [kind, ...command] = compose.services[service].healthcheck.test;
        assert.equal(kind, 'CMD');
        const argv = command.map((arg) => arg.replaceAll('$$', '$'));
        for (const [status, healthy] of [
          [200, true],
          [503, false],
        ]) {
          const server = await httpServer(status);
          try {
            const { code, out } = await inImage(root, config, argv, {
              env: { PORT: String(server.address().port) },
              timeout: 10_000,
            });
            assert.equal(code === 0, healthy, `/readyz ${status}: exit ${code} ${out}`);
          } finally {
            server.close();
          }
        }
      });

      if (service === 'orders') {
        test('the application starts in the image until it needs its database', { timeout: 240_000 }, async (t) => {
          if (runnable !== true) return t.skip(runnable);
          // nothing listens on port 1: Flyway's connection is refused once the context is built
          const { code, out } = await inImage(root, config, config.config.Entrypoint, {
            timeout: 200_000,
            env: {
              OMS_LOG_FORMAT: 'text',
              PORT: '0',
              MANAGEMENT_PORT: '0',
              OMS_HMAC_SECRET: 'image-test-secret-0123456789abcdef',
              OMS_DB_URL: 'r2dbc:postgresql://127.0.0.1:1/oms_orders',
              OMS_DB_JDBC_URL: 'jdbc:postgresql://127.0.0.1:1/oms_orders',
              OMS_REDIS_URL: 'redis://127.0.0.1:1',
              OMS_TRACING: 'off',
            },
          });
          assert.notEqual(code, 0, out.slice(-4000));
          assert.match(out, /Starting OrdersApplication using Java \d+/, out.slice(0, 4000));
          assert.match(out, /Connection to 127\.0\.0\.1:1 refused/, out.slice(-4000));
          assert.doesNotMatch(
            out,
            /NoClassDefFoundError|ClassNotFoundException|UnsatisfiedLinkError|module .* not found/,
            out.slice(-4000),
          );
        });
      }
    });
  });
}
