// The router's signature (plugins/signature.mjs) is the one oms.signature.RouterSignature verifies;
// gateway-config.test.mjs checks that every subgraph request carries it. Run: node --test
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signature, stableStringify } from '../plugins/signature.mjs';

describe('router signature', () => {
  test('is the one the subgraphs compute (the vector of RouterSignatureTest)', () => {
    const variables = { b: [1, 2.5, null, true, 'x"\\\n\u0001é😀'], a: { z: 1, é: 2, A: 3 } };
    assert.equal(
      stableStringify({ query: '{ x }', variables }),
      '{"query":"{ x }","variables":{"a":{"A":3,"z":1,"é":2},"b":[1,2.5,null,true,"x\\"\\\\\\n\\u0001é😀"]}}',
    );
    assert.equal(signature('test-secret', '{ x }', variables), '6njo9HrOSgIRSnmT9k2mpyPoy9YGfgfH9dsy7//pi70=');
    // empty variables are left out, as absent ones
    assert.equal(signature('s', '{ a }', {}), signature('s', '{ a }', undefined));
    assert.notEqual(signature('s', '{ a }', { n: 1 }), signature('s', '{ a }', undefined));
  });
});
