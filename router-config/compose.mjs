// Composes the subgraph schemas named in supergraph.yaml into the Federation 2 supergraph.
//   node compose.mjs --write   rewrite supergraph.graphql
//   node compose.mjs --check   fail if composition errors or supergraph.graphql is stale
//   add --hints to print composition hints (inconsistent descriptions, partial enums, ...)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const config = YAML.parse(readFileSync(resolve(here, 'supergraph.yaml'), 'utf8'));
const target = resolve(here, 'supergraph.graphql');
// the same supergraph for docker-compose, where each subgraph is reached by its service name
const dockerTarget = resolve(here, 'supergraph.docker.graphql');
// and for Kubernetes, whose Services have the same names (the router's ConfigMap is made from it)
const kubernetesTarget = resolve(here, '../deploy/k8s/base/router/supergraph.graphql');
const mode = process.argv[2] ?? '--check';

const services = Object.entries(config.subgraphs).map(([name, sg]) => ({
  name,
  url: sg.routing_url,
  typeDefs: parse(readFileSync(resolve(here, sg.schema.file), 'utf8')),
}));

const result = composeServices(services);
if (result.errors?.length) {
  console.error(`Composition failed with ${result.errors.length} error(s):`);
  for (const error of result.errors) {
    console.error(`  - ${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  }
  process.exit(1);
}
const hints = result.hints ?? [];
if (process.argv.includes('--hints')) {
  for (const hint of hints) console.log(`hint ${hint.definition.code}: ${hint.message}`);
} else if (hints.length) {
  console.log(`${hints.length} composition hint(s); add --hints to see them.`);
}

const sdl = result.supergraphSdl.trimEnd() + '\n';
const dockerSdl = sdl.replace(/url: "http:\/\/localhost:(\d+)\/graphql"/g, (match, port) => {
  const name = Object.keys(config.subgraphs).find((n) => config.subgraphs[n].routing_url.includes(`:${port}/`));
  return `url: "http://${name}:${port}/graphql"`;
});
const outputs = [
  [target, sdl],
  [dockerTarget, dockerSdl],
  [kubernetesTarget, dockerSdl],
];
if (mode === '--write') {
  for (const [file, text] of outputs) writeFileSync(file, text);
  console.log(`Wrote ${target}, ${dockerTarget} and ${kubernetesTarget} (${services.length} subgraphs)`);
} else if (mode === '--check') {
  const stale = outputs.filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
  if (stale.length) {
    console.error(
      `${stale.map(([f]) => f).join(', ')} stale: run \`node router-config/compose.mjs --write\` and commit the result.`,
    );
    process.exit(1);
  }
  console.log(`Supergraph composes and supergraph.graphql is up to date (${services.length} subgraphs).`);
} else {
  console.error(`Unknown mode ${mode}; use --write or --check`);
  process.exit(2);
}
