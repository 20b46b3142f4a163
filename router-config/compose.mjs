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
if (mode === '--write') {
  writeFileSync(target, sdl);
  console.log(`Wrote ${target} (${services.length} subgraphs)`);
} else if (mode === '--check') {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== sdl) {
    console.error('supergraph.graphql is stale: run `node router-config/compose.mjs --write` and commit the result.');
    process.exit(1);
  }
  console.log(`Supergraph composes and supergraph.graphql is up to date (${services.length} subgraphs).`);
} else {
  console.error(`Unknown mode ${mode}; use --write or --check`);
  process.exit(2);
}
