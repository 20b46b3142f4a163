// Apollo Gateway over the same supergraph and subgraphs as the router, for `./oms bench reads`.
// It forwards the caller's token and signs every subgraph request as the router does (HMAC-SHA256
// over the key-sorted JSON of {query, variables}, in extensions["hmac-signature"]), so that the
// subgraphs do exactly the same work for either. It checks no token itself: the subgraphs do.
//   PORT             where it listens (default 4100)
//   OMS_SUPERGRAPH   the supergraph SDL file (subgraph URLs of the running stack)
//   OMS_HMAC_SECRET  the secret the subgraphs verify
import { readFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';

const port = Number(process.env.PORT ?? 4100);
const secret = process.env.OMS_HMAC_SECRET;
if (!secret || !process.env.OMS_SUPERGRAPH) {
  console.error('apollo-gateway: OMS_SUPERGRAPH and OMS_HMAC_SECRET must be set');
  process.exit(2);
}

/** JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does). */
function stableStringify(value) {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) {
    return '[' + value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',') + ']';
  }
  const keys = Object.keys(value)
    .filter((k) => value[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + stableStringify(value[k])).join(',') + '}';
}

class SignedDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) {
      request.http.headers.set('authorization', context.authorization);
    }
    const signed = { query: request.query };
    if (request.variables && Object.keys(request.variables).length > 0) {
      signed.variables = request.variables;
    }
    request.extensions = {
      ...(request.extensions ?? {}),
      'hmac-signature': createHmac('sha256', secret).update(stableStringify(signed)).digest('base64'),
    };
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.OMS_SUPERGRAPH, 'utf8'),
  buildService: ({ url }) => new SignedDataSource({ url }),
});
const server = new ApolloServer({ gateway, introspection: false, csrfPrevention: false });
await server.start();

// a plain node:http front (no framework): POST /graphql, GET /readiness
createServer(async (req, res) => {
  if (req.method === 'GET' && req.url === '/readiness') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ready');
    return;
  }
  if (req.method !== 'POST' || !req.url.startsWith('/graphql')) {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let body;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    res.writeHead(400, { 'content-type': 'application/json' }).end('{"errors":[{"message":"invalid JSON"}]}');
    return;
  }
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers)) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const result = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body },
    context: async () => ({ authorization: req.headers.authorization }),
  });
  const out = {};
  for (const [k, v] of result.headers) out[k] = v;
  res.writeHead(result.status ?? 200, out);
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}).listen(port, '127.0.0.1', () => console.log(`apollo-gateway: listening on http://127.0.0.1:${port}/graphql`));
