// The supergraph, as the apps use it: queries and mutations over HTTP (POST, JSON), subscriptions
// over graphql-ws (graphql-transport-ws) with the token in connectionParams. A subscription that
// ends (dropped connection, TOKEN_EXPIRED, SUBSCRIBER_TOO_SLOW, a router restart) is opened again
// with a fresh token and the last cursor it saw, so nothing is missed or repeated.
import { createClient } from 'graphql-ws';
import { config } from './config.js';
import { token } from './auth.js';

export class ApiError extends Error {
  constructor(errors) {
    super(errors.map((e) => e.message).join('; '));
    this.errors = errors;
    this.code = errors[0]?.extensions?.code;
  }
}

/** Runs a query or mutation; answers `data`, throws ApiError when the answer has errors and no data. */
export async function gql(query, variables = {}, { partial = false } = {}) {
  const { graphqlUrl } = await config();
  const bearer = await token();
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError([
      { message: `The server answered HTTP ${response.status}`, extensions: { code: 'HTTP_' + response.status } },
    ]);
  }
  if (body.errors?.length && (!partial || !body.data)) throw new ApiError(body.errors);
  return body.data;
}

/**
 * Follows a subscription whose events carry a `cursor`: `variables(after)` builds the variables for
 * the cursor to resume after (null at first). Answers a function that stops it. `onStatus` hears
 * 'live', 'reconnecting' and the code an ending carried. `endpoint` and `bearer` say where and with
 * which token (the app's config and session by default); both are asked again at every reopening.
 */
export function follow(
  query,
  variables,
  pick,
  onEvent,
  {
    onStatus = () => {},
    after: start = null,
    endpoint = async () => (await config()).graphqlUrl,
    bearer: currentToken = token,
  } = {},
) {
  let after = start;
  let stopped = false;
  let client;
  let retry = 0;

  const open = async () => {
    if (stopped) return;
    const graphqlUrl = await endpoint();
    const bearer = await currentToken();
    client = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      lazy: true,
      retryAttempts: 0,
      connectionParams: bearer ? { Authorization: `Bearer ${bearer}` } : {},
    });
    const ended = (code) => {
      client?.dispose();
      if (stopped) return;
      onStatus(code ?? 'reconnecting');
      // TOKEN_EXPIRED: at once with a fresh token; anything else: back off a little
      const wait = code === 'TOKEN_EXPIRED' ? 0 : Math.min(5_000, 250 * 2 ** retry++);
      setTimeout(open, wait);
    };
    client.subscribe(
      { query, variables: variables(after) },
      {
        next: (result) => {
          const event = result.data && pick(result.data);
          if (event) {
            retry = 0;
            after = event.cursor ?? after;
            onEvent(event);
          } else if (result.errors?.length) {
            ended(result.errors[0].extensions?.code);
          }
        },
        error: (e) => ended(Array.isArray(e) ? e[0]?.extensions?.code : undefined),
        complete: () => ended('COMPLETED'),
      },
    );
    onStatus('live');
  };
  open();
  return () => {
    stopped = true;
    client?.dispose();
  };
}

/** A key for a mutation that may be sent again (double click, retry): the server creates nothing twice. */
export function newKey() {
  return crypto.randomUUID();
}

export function money(m) {
  if (!m) return '';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: m.currency }).format(Number(m.amount));
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}
