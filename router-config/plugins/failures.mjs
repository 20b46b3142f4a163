// What a client sees when a subgraph fails: the fields that subgraph resolves are null with
// extensions.code SERVICE_UNAVAILABLE (naming the subgraph only in development), the rest of the
// answer stands. Hive Gateway's upstream timeout does the timing (configured in gateway.config.mjs);
// this plugin turns whatever it or the transport fails with into that error, retries queries whose
// connection failed, and refuses calls to a subgraph at once while it is known to be down (a small
// circuit breaker: Hive Gateway has none for subgraphs).
import { GraphQLError, getOperationAST } from 'graphql';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

function unavailable(subgraphName, development) {
  const message = development
    ? `The ${subgraphName} service did not answer in time or is down; its fields are null.`
    : 'A service behind this API did not answer in time; the fields it provides are null. Try again shortly.';
  return { data: null, errors: [new GraphQLError(message, { extensions: { code: SERVICE_UNAVAILABLE } })] };
}

export function operationType(executionRequest) {
  return (
    executionRequest?.operationType ??
    getOperationAST(executionRequest.document, executionRequest.operationName)?.operation
  );
}

/**
 * The HTTP transport answers a refused connection or an HTTP error with errors and no data, coded
 * SUBREQUEST_HTTP_ERROR (and carrying the whole subgraph request, which must never reach a client or
 * a log); a subgraph's own errors always carry one of our codes.
 */
const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'DOWNSTREAM_SERVICE_ERROR']);

function isTransportFailure(result) {
  return (
    result != null &&
    typeof result === 'object' &&
    !isAsyncIterable(result) &&
    result.data == null &&
    Array.isArray(result.errors) &&
    result.errors.length > 0 &&
    result.errors.every((e) => !e?.extensions?.code || TRANSPORT_CODES.has(e.extensions.code))
  );
}

function isAsyncIterable(value) {
  return value != null && typeof value[Symbol.asyncIterator] === 'function';
}

/** Per subgraph: after `failures` failures in a row, calls are refused for `openMs`, then one is let through. */
export class Breakers {
  constructor({ failures = 5, openMs = 5000, now = () => Date.now() } = {}) {
    Object.assign(this, { failures, openMs, now });
    this.state = new Map();
  }

  allows(name) {
    const s = this.state.get(name);
    if (!s || s.failures < this.failures) return true;
    if (this.now() >= s.openUntil) {
      s.openUntil = this.now() + this.openMs; // half-open: this one call tries; others wait for it
      return true;
    }
    return false;
  }

  succeeded(name) {
    this.state.delete(name);
  }

  failed(name) {
    const s = this.state.get(name) ?? { failures: 0, openUntil: 0 };
    s.failures += 1;
    if (s.failures >= this.failures) s.openUntil = this.now() + this.openMs;
    this.state.set(name, s);
  }
}

const STARTED = Symbol('oms.request.started');

/**
 * Hive Gateway's upstream timeout for one subgraph call: `timeoutMs`, but never past the request's
 * overall deadline (`deadlineMs` after the operation began); none for subscriptions.
 */
export function upstreamTimeout({ timeoutMs, deadlineMs, now = () => Date.now() }) {
  return ({ executionRequest }) => {
    if (operationType(executionRequest) === 'subscription') return undefined;
    const started = executionRequest?.context?.[STARTED];
    const left = started == null ? deadlineMs : deadlineMs - (now() - started);
    return Math.max(1, Math.min(timeoutMs, left));
  };
}

/**
 * Runs a subscription at a subgraph: a refused connection answers SERVICE_UNAVAILABLE at once, and a
 * stream that breaks later (the subgraph died) ends with one SERVICE_UNAVAILABLE result instead of the
 * gateway's "Unexpected error.". Ending the subscription from the client ends the subgraph's stream.
 */
async function followSubscription(executor, request, unavailableResult, log) {
  let result;
  try {
    result = await executor(request);
  } catch (error) {
    log?.warn(`subscription could not start: ${String(error?.message ?? error).slice(0, 200)}`);
    return unavailableResult();
  }
  if (!isAsyncIterable(result)) return isTransportFailure(result) ? unavailableResult() : result;
  // a plain iterator, not an async generator: a generator would hold the client's return() until its
  // pending next() settled, and the subgraph's stream would stay open after the client left
  const inner = result[Symbol.asyncIterator]();
  let finished = false;
  const end = () => {
    finished = true;
    return { done: false, value: unavailableResult() };
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      if (finished) return { done: true, value: undefined };
      try {
        const step = await inner.next();
        if (step.done) {
          finished = true;
          return step;
        }
        if (isTransportFailure(step.value)) {
          inner.return?.();
          return end();
        }
        return step;
      } catch (error) {
        if (finished) return { done: true, value: undefined };
        log?.warn(`subscription stream broke: ${String(error?.message ?? error).slice(0, 200)}`);
        return end();
      }
    },
    async return(value) {
      finished = true;
      await inner.return?.(value);
      return { done: true, value };
    },
    async throw(error) {
      finished = true;
      if (inner.throw) return inner.throw(error);
      throw error;
    },
  };
}

const sleep = (ms) =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Turns a subgraph's failure into SERVICE_UNAVAILABLE for its fields, retries queries (never mutations
 * or subscriptions) whose connection was refused or reset, `retries` times with back-off from
 * `delayMs` (×2), and keeps the breaker. A timeout is not retried: a hung service would only be waited
 * for again. (Hive Gateway's own upstream retry retries timeouts whatever its shouldRetry says, so the
 * retry lives here; its upstream timeout, configured in gateway.config.mjs, runs inside every attempt.)
 */
export function useSubgraphFailures({
  development = false,
  breakers = new Breakers(),
  log,
  retries = 2,
  delayMs = 200,
} = {}) {
  return {
    onExecute({ args }) {
      if (args.contextValue && typeof args.contextValue === 'object') args.contextValue[STARTED] ??= Date.now();
    },
    onSubgraphExecute({ subgraphName, executionRequest, executor, setExecutor }) {
      if (operationType(executionRequest) === 'subscription') {
        // long-lived: no breaker, no retry; a subgraph that is down, or whose stream breaks, ends the
        // subscription with SERVICE_UNAVAILABLE (clients resume with their last cursor)
        setExecutor((request) =>
          followSubscription(executor, request, () => unavailable(subgraphName, development), log),
        );
        return;
      }
      const attempts = operationType(executionRequest) === 'query' ? retries + 1 : 1;
      setExecutor(async (request) => {
        if (!breakers.allows(subgraphName)) return unavailable(subgraphName, development);
        let failure;
        for (let attempt = 1; attempt <= attempts; attempt++) {
          if (attempt > 1) await sleep(delayMs * 2 ** (attempt - 2));
          try {
            // a fresh request object per attempt: the upstream timeout keys its timer on it
            const result = await executor(attempt === 1 ? request : { ...request });
            if (!isTransportFailure(result)) {
              breakers.succeeded(subgraphName);
              return result;
            }
            failure = String(result.errors[0]?.message);
            if (/timeout|aborted/i.test(failure)) break;
          } catch (error) {
            failure = `${error?.name ?? 'Error'}: ${error?.message ?? error}`;
            break; // thrown: the upstream timeout or the deadline; not worth another wait
          }
        }
        breakers.failed(subgraphName);
        log?.warn(`subgraph ${subgraphName} failed: ${failure.slice(0, 200)}`);
        return unavailable(subgraphName, development);
      });
    },
  };
}
