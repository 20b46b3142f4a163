import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chunks, ordersFromCsv, parseCsv, toCsv } from '../src/lib/csv.js';

const C = '11111111-2222-3333-4444-555555555555';
const HEADER = 'order,customer_id,sku,quantity,payment_method,name,line1,city,postal_code,country';

test('quoted fields keep commas, quotes and line breaks', () => {
  assert.deepEqual(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\nx,y\n'), [
    ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
    ['x', 'y'],
  ]);
});

test('lines of one order are grouped; bad lines name their line and leave their order out', () => {
  const { orders, problems } = ordersFromCsv(
    [
      HEADER,
      `A1,${C},SKU-1,2,invoice,Ada,1 Main St,Berlin,10115,de`,
      `A1,${C},SKU-2,1,INVOICE,Ada,1 Main St,Berlin,10115,DE`,
      `B1,${C},SKU-1,0,INVOICE,,1 Main St,Berlin,10115,DE`,
      `C1,not-an-id,SKU-1,1,CHEQUE,,,Berlin,10115,Germany`,
    ].join('\n'),
  );
  assert.equal(orders.length, 1);
  assert.deepEqual(orders[0].input.items, [
    { sku: 'SKU-1', quantity: 2 },
    { sku: 'SKU-2', quantity: 1 },
  ]);
  assert.equal(orders[0].input.paymentMethod, 'INVOICE');
  assert.equal(orders[0].input.shippingAddress.country, 'DE');
  assert.deepEqual(orders[0].lines, [2, 3]);
  assert.deepEqual(
    problems.filter((p) => p.ref === 'B1').map((p) => p.line),
    [4],
  );
  assert.equal(problems.filter((p) => p.ref === 'C1').length, 4);
});

test('a file without the columns is refused as a whole', () => {
  const { orders, problems } = ordersFromCsv('order,sku\nA,B\n');
  assert.equal(orders.length, 0);
  assert.match(problems[0].message, /Missing column\(s\): customer_id/);
});

test('exported errors cannot smuggle spreadsheet formulas', () => {
  assert.equal(toCsv(['a', 'b'], [['=HYPERLINK("x")', 'ok, fine']]), 'a,b\r\n"\'=HYPERLINK(""x"")","ok, fine"\r\n');
});

test('chunks', () => {
  assert.deepEqual(chunks([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
});
