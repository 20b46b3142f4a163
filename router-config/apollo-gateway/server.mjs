// Apollo Gateway over the same supergraph and subgraphs as the router, for `./oms bench reads`.
// It forwards the caller's token and signs every subgraph request as the router does (HMAC-SHA256
// over the key-sorted JSON of {query, variables}, in extensions["hmac-signature"]), so that the
// subgraphs do exactly the same work for either. It checks no token itself: the subgraphs do.
//   PORT             where it listens (default 4100)
//   OMS_SUPERGRAPH   the supergraph SDL file (subgraph URLs of the running stack)
//   OMS_HMAC_SECRET  the secret the subgraphs verify
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
// the router's signing (its dependencies resolve from router-config's node_modules, installed first)
import { SIGNATURE_EXTENSION, signature } from '../plugins/signature.mjs';

const port = Number(process.env.PORT ?? 4100);
const secret = process.env.OMS_HMAC_SECRET;
if (!secret || !process.env.OMS_SUPERGRAPH) {
  console.error('apollo-gateway: OMS_SUPERGRAPH and OMS_HMAC_SECRET must be set');
  process.exit(2);
}

class SignedDataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request, context }) {
    if (context.authorization) {
      request.http.headers.set('authorization', context.authorization);
    }
    request.extensions = {
      ...(request.extensions ?? {}),
      [SIGNATURE_EXTENSION]: signature(secret, request.query, request.variables),
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
