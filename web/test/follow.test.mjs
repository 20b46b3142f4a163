// follow() against a real graphql-ws server (graphql-ws with ws, on a free loopback port) that acts
// as the router does when a subscriber's token runs out: it ends the subscription with TOKEN_EXPIRED.
// The client must open it again at once with a fresh token and the last cursor it saw, so that
// nothing is missed or repeated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { once } from 'node:events';
import { GraphQLError, GraphQLObjectType, GraphQLSchema, GraphQLString, GraphQLNonNull } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import { follow } from '../src/lib/api.js';

// browsers have WebSocket; Node 20 has not
globalThis.WebSocket ??= WebSocket;

const FEED = ['c1', 'c2', 'c3', 'c4'];

function server() {
  const connections = [];
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: { cursor: { type: new GraphQLNonNull(GraphQLString) } },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        changes: {
          type: Event,
          args: { after: { type: GraphQLString } },
          // from the cursor after `after`; the token "t1" runs out after two events
          subscribe: async function* (_, { after }, context) {
            const token = context.connectionParams?.Authorization;
            connections.push({ token, after: after ?? null });
            let sent = 0;
            for (const cursor of FEED.slice(after ? FEED.indexOf(after) + 1 : 0)) {
              if (token === 'Bearer t1' && sent === 2) {
                throw new GraphQLError('The access token has expired.', { extensions: { code: 'TOKEN_EXPIRED' } });
              }
              sent++;
              yield { changes: { cursor } };
            }
            await new Promise(() => {}); // then stays open, like a live feed
          },
        },
      },
    }),
  });
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/graphql' });
  const cleanup = useServer({ schema, context: (ctx) => ({ connectionParams: ctx.connectionParams }) }, wss);
  return {
    wss,
    connections,
    close: async () => {
      await cleanup.dispose();
      wss.close();
    },
  };
}

test('a subscription ended by TOKEN_EXPIRED is reopened at once with a fresh token and the last cursor', async () => {
  const { wss, connections, close } = server();
  await once(wss, 'listening');
  const url = `http://127.0.0.1:${wss.address().port}/graphql`;
  const tokens = ['t1', 't2'];
  const seen = [];
  const statuses = [];
  let done;
  const all = new Promise((resolve) => {
    done = resolve;
  });
  const stop = follow(
    'subscription($after: String) { changes(after: $after) { cursor } }',
    (after) => ({ after }),
    (data) => data.changes,
    (event) => {
      seen.push(event.cursor);
      if (seen.length === FEED.length) done();
    },
    { endpoint: async () => url, bearer: async () => tokens.shift() ?? 'none', onStatus: (s) => statuses.push(s) },
  );
  const timeout = setTimeout(() => done(), 10_000);
  await all;
  clearTimeout(timeout);
  stop();
  await close();
  assert.deepEqual(seen, FEED, 'every event once, in order');
  assert.deepEqual(connections, [
    { token: 'Bearer t1', after: null },
    { token: 'Bearer t2', after: 'c2' },
  ]);
  assert.ok(statuses.includes('TOKEN_EXPIRED'), `statuses: ${statuses}`);
});
