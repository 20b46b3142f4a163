// Query cost and per-caller rate limits for the OMS router, after Shopify's calculated query cost
// with a leaky bucket. Every operation's cost is estimated from the schema before any subgraph is
// called; an operation above the ceiling is refused (400 QUERY_TOO_COSTLY), and each caller (token
// subject, else client address) spends from a bucket that refills every second: when it cannot pay,
// 429 RATE_LIMITED with Retry-After. Answers carry `extensions.cost` with the requested and actual
// cost and the bucket's state, so clients can pace themselves.
//
// The cost model (documented in the README):
//   - every field that returns an object costs 1; scalars and enums cost 0;
//   - a field with a `first` argument is a connection: its `edges`/`nodes` count `first` times
//     (the schema's default when `first` is absent);
//   - any other list counts `listSize` times (default 10); a mutation payload's own lists count as many
//     times as the mutation's largest input list (a 1,000-order createOrders returns 1,000 results);
//   - a mutation field costs `mutationCost` (default 10) plus one per entry of its input lists.
// The actual cost counts the objects in the answer (+ the mutation costs); the difference is refunded.
import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isCompositeType,
  isListType,
  Kind,
  typeFromAST,
} from 'graphql';
import { httpError } from './hardening.mjs';

export const COST_CODES = Object.freeze({ tooCostly: 'QUERY_TOO_COSTLY', rateLimited: 'RATE_LIMITED' });

function included(node, variables) {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

/** How many list entries an input holds, at any depth (1,000 orders of 3 items: 4,000). */
function inputEntries(value) {
  if (Array.isArray(value)) return value.length + value.reduce((n, v) => n + inputEntries(v), 0);
  if (value != null && typeof value === 'object') return Object.values(value).reduce((n, v) => n + inputEntries(v), 0);
  return 0;
}

/** The estimated cost of the operation `operation` of `document` with `variables` on `schema`. */
export function estimateCost({ schema, document, operationName, variables = {}, listSize = 10, mutationCost = 10 }) {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  const fragments = Object.fromEntries(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const seen = new Set();

  function selectionCost(selectionSet, parentType, context, depth) {
    if (!selectionSet || depth > 50) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parentType, context, depth);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? (typeFromAST(schema, selection.typeCondition) ?? parentType)
          : parentType;
        total += selectionCost(selection.selectionSet, type, context, depth + 1);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        total += selectionCost(
          fragment.selectionSet,
          typeFromAST(schema, fragment.typeCondition) ?? parentType,
          context,
          depth + 1,
        );
        seen.delete(fragment.name.value);
      }
    }
    return total;
  }

  function fieldCost(node, parentType, context, depth) {
    const fields = typeof parentType?.getFields === 'function' ? parentType.getFields() : null;
    const definition = fields?.[node.name.value];
    if (!definition) return 0; // __typename and the like
    let args = {};
    try {
      args = getArgumentValues(definition, node, variables);
    } catch {
      args = {};
    }
    let own = isCompositeType(getNamedType(definition.type)) ? 1 : 0;
    let inner = { ...context, connection: undefined };
    if (parentType === root && operation.operation === 'mutation') {
      const entries = Object.values(args).reduce((n, v) => n + inputEntries(v), 0);
      own += mutationCost + entries;
      const largest = Math.max(0, ...Object.values(args).flatMap((v) => listsIn(v)));
      inner.mutationLists = Math.max(listSize, largest);
    }
    const firstArg = definition.args.find((a) => a.name === 'first');
    if (firstArg) {
      inner.connection =
        Number.isInteger(args.first) && args.first >= 0 ? args.first : (firstArg.defaultValue ?? listSize);
    }
    let multiplier = 1;
    if (isListType(getNullableType(definition.type))) {
      const edges = context.connection != null && (node.name.value === 'edges' || node.name.value === 'nodes');
      multiplier = edges ? context.connection : (context.mutationLists ?? listSize);
      // only the payload's own lists follow the input's size; lists inside their items are ordinary
      if (!edges) inner.mutationLists = undefined;
    }
    const below = selectionCost(node.selectionSet, getNamedType(definition.type), inner, depth + 1);
    return multiplier * (own + below);
  }

  return selectionCost(operation.selectionSet, root, {}, 0);
}

function listsIn(value) {
  if (Array.isArray(value)) return [value.length, ...value.flatMap(listsIn)];
  if (value && typeof value === 'object') return Object.values(value).flatMap(listsIn);
  return [];
}

/** The actual cost: objects in the answer, plus the mutation costs. */
export function actualCost(data, { mutationFields = 0, mutationCost = 10 } = {}) {
  let objects = 0;
  const walk = (value) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      objects += 1;
      Object.values(value).forEach(walk);
    }
  };
  if (data && typeof data === 'object') Object.values(data).forEach(walk);
  return objects + mutationFields * mutationCost;
}

/** Token buckets per caller, refilled continuously; the oldest idle callers are forgotten past `maxCallers`. */
export class Buckets {
  constructor({ capacity, refillPerSecond, maxCallers = 100_000, now = () => Date.now() }) {
    Object.assign(this, { capacity, refillPerSecond, maxCallers, now });
    this.buckets = new Map();
  }

  level(key) {
    const t = this.now();
    const bucket = this.buckets.get(key) ?? { level: this.capacity, at: t };
    bucket.level = Math.min(this.capacity, bucket.level + ((t - bucket.at) / 1000) * this.refillPerSecond);
    bucket.at = t;
    this.buckets.delete(key); // re-inserted last: the map stays in least-recently-used order
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxCallers) this.buckets.delete(this.buckets.keys().next().value);
    return bucket;
  }

  /** Takes `cost` if the bucket holds it; else says how many seconds until it will. */
  take(key, cost) {
    const bucket = this.level(key);
    if (bucket.level >= cost) {
      bucket.level -= cost;
      return { ok: true, remaining: Math.floor(bucket.level) };
    }
    return {
      ok: false,
      remaining: Math.floor(bucket.level),
      retryAfter: Math.max(1, Math.ceil((cost - bucket.level) / this.refillPerSecond)),
    };
  }

  refund(key, amount) {
    const bucket = this.level(key);
    bucket.level = Math.min(this.capacity, bucket.level + Math.max(0, amount));
    return Math.floor(bucket.level);
  }
}

function callerKey(context) {
  const subject = context?.jwt?.payload?.sub;
  if (subject) return `sub:${subject}`;
  const address = context?.req?.socket?.remoteAddress ?? context?.request?.headers?.get?.('x-real-ip');
  return `ip:${address ?? 'unknown'}`;
}

export function useQueryCost({
  maxCost,
  capacity,
  refillPerSecond,
  rateLimit = true,
  listSize = 10,
  mutationCost = 10,
  now,
}) {
  const buckets = rateLimit ? new Buckets({ capacity, refillPerSecond, now }) : null;

  function charge(args) {
    const requested = estimateCost({
      schema: args.schema,
      document: args.document,
      operationName: args.operationName,
      variables: args.variableValues ?? {},
      listSize,
      mutationCost,
    });
    if (requested > maxCost) {
      return {
        refusal: httpError(
          `This operation would cost ${requested} points; at most ${maxCost} are allowed. ` +
            'Ask for fewer items (first) or fewer nested lists.',
          COST_CODES.tooCostly,
          400,
        ),
      };
    }
    if (!buckets) return { requested };
    const key = callerKey(args.contextValue);
    const taken = buckets.take(key, requested);
    if (!taken.ok) {
      return {
        refusal: httpError(
          `Rate limit: this operation costs ${requested} points and ${taken.remaining} are left; ` +
            `try again in ${taken.retryAfter} s.`,
          COST_CODES.rateLimited,
          429,
          { headers: { 'Retry-After': String(taken.retryAfter) } },
        ),
      };
    }
    return { requested, key, remaining: taken.remaining };
  }

  function costExtension(charged, result, args) {
    const operation = args.document.definitions.find(
      (d) => d.kind === Kind.OPERATION_DEFINITION && (!args.operationName || d.name?.value === args.operationName),
    );
    const mutationFields = operation?.operation === 'mutation' ? operation.selectionSet.selections.length : 0;
    const actual = Math.min(charged.requested, actualCost(result.data, { mutationFields, mutationCost }));
    const remaining = buckets ? buckets.refund(charged.key, charged.requested - actual) : undefined;
    return {
      requestedQueryCost: charged.requested,
      actualQueryCost: actual,
      ...(buckets
        ? {
            throttleStatus: { maximumAvailable: capacity, currentlyAvailable: remaining, restoreRate: refillPerSecond },
          }
        : {}),
    };
  }

  return {
    onExecute({ args, setResultAndStopExecution }) {
      const charged = charge(args);
      if (charged.refusal) {
        setResultAndStopExecution({ errors: [charged.refusal] });
        return undefined;
      }
      return {
        onExecuteDone({ result, setResult }) {
          if (result == null || typeof result[Symbol.asyncIterator] === 'function') return;
          setResult({ ...result, extensions: { ...result.extensions, cost: costExtension(charged, result, args) } });
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const charged = charge(args);
      if (charged.refusal) setResultAndStopExecution({ errors: [charged.refusal] });
    },
  };
}
