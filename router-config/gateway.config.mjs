// Hive Gateway configuration for the OMS supergraph. The supergraph file is passed on the command
// line by the launcher (it rewrites subgraph URLs when the stack runs on other ports).
import { defineConfig } from '@graphql-hive/gateway';

const development = process.env.OMS_ENV !== 'production';

export const gatewayConfig = defineConfig({
  port: Number(process.env.PORT ?? 4000),
  // one process by default (its memory is what `./oms up` reports); scale out with more replicas
  // or OMS_GATEWAY_WORKERS
  fork: Number(process.env.OMS_GATEWAY_WORKERS ?? 1),
  host: process.env.HOST ?? '127.0.0.1',
  graphqlEndpoint: '/graphql',
  healthCheckEndpoint: '/healthcheck',
  readinessCheckEndpoint: '/readiness',
  graphiql: development ? { title: 'OMS supergraph', defaultQuery: '{ orders(first: 5) { edges { node { number status customer { name } } } } }' } : false,
  landingPage: false,
  maskedErrors: true,
  logging: process.env.OMS_GATEWAY_LOG ?? 'info',
  // forward the caller's credentials and trace headers to every subgraph
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of ['authorization', 'traceparent', 'x-request-id']) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
});
