// CSV of orders for the CRM's batch import: one line per order line, lines of one order share its
// `order` reference. Parsing and checking happen in the browser before anything is sent; the server
// checks everything again (stock, prices, customers) and answers per order.
export const COLUMNS = [
  'order',
  'customer_id',
  'sku',
  'quantity',
  'payment_method',
  'name',
  'line1',
  'city',
  'postal_code',
  'country',
];
const PAYMENT_METHODS = ['CARD', 'PAYPAL', 'BANK_TRANSFER', 'INVOICE', 'CASH_ON_DELIVERY'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_ORDERS = 10_000;
export const MAX_BYTES = 5 * 1024 * 1024;

/** RFC 4180 fields: quotes, doubled quotes, commas and line breaks inside quotes; CRLF or LF. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function quote(value) {
  const text = value == null ? '' : String(value);
  // a leading = + - @ would be a formula in a spreadsheet: neutralised
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header, rows) {
  return [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}

/**
 * Orders from a CSV text: `{ orders: [{ ref, lines: [csv line numbers], input }], problems: [{ line, ref, message }] }`.
 * An order with any problem is left out of `orders`.
 */
export function ordersFromCsv(text) {
  const problems = [];
  if (text.length > MAX_BYTES)
    return { orders: [], problems: [{ line: 0, ref: '', message: 'The file is larger than 5 MB' }] };
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  if (rows.length === 0) return { orders: [], problems: [{ line: 0, ref: '', message: 'The file is empty' }] };
  const header = rows[0].map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return { orders: [], problems: [{ line: 1, ref: '', message: `Missing column(s): ${missing.join(', ')}` }] };
  }
  const byRef = new Map();
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const v = Object.fromEntries(header.map((h, j) => [h, (cells[j] ?? '').trim()]));
    const ref = v.order;
    const wrong = [];
    if (!ref) wrong.push('order reference is empty');
    if (!UUID.test(v.customer_id)) wrong.push('customer_id is not an id');
    if (!/^[A-Za-z0-9-]{3,40}$/.test(v.sku)) wrong.push('sku must be 3 to 40 letters, digits or -');
    const quantity = Number(v.quantity);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10_000)
      wrong.push('quantity must be a whole number from 1 to 10,000');
    const method = v.payment_method.toUpperCase();
    if (!PAYMENT_METHODS.includes(method)) wrong.push(`payment_method must be one of ${PAYMENT_METHODS.join(', ')}`);
    if (!v.line1 || v.line1.length > 200) wrong.push('line1 is required (at most 200 characters)');
    if (!v.city || v.city.length > 100) wrong.push('city is required (at most 100 characters)');
    if (!v.postal_code || v.postal_code.length > 20) wrong.push('postal_code is required (at most 20 characters)');
    if (!/^[A-Za-z]{2}$/.test(v.country)) wrong.push('country must be a two-letter code');
    let order = byRef.get(ref);
    if (!order) {
      order = {
        ref,
        lines: [],
        bad: false,
        input: {
          customerId: v.customer_id,
          paymentMethod: method,
          items: [],
          shippingAddress: {
            name: v.name || null,
            line1: v.line1,
            city: v.city,
            postalCode: v.postal_code,
            country: v.country.toUpperCase(),
          },
        },
      };
      byRef.set(ref, order);
    } else if (order.input.customerId !== v.customer_id) {
      wrong.push(`customer_id differs from the order's first line`);
    }
    order.lines.push(line);
    if (wrong.length) {
      order.bad = true;
      for (const message of wrong) problems.push({ line, ref, message });
    } else {
      order.input.items.push({ sku: v.sku.toUpperCase(), quantity });
    }
  });
  if (byRef.size > MAX_ORDERS) problems.push({ line: 0, ref: '', message: `At most ${MAX_ORDERS} orders per file` });
  const orders = [...byRef.values()].filter((o) => !o.bad).map(({ bad, ...o }) => o);
  return { orders: byRef.size > MAX_ORDERS ? [] : orders, problems };
}

/** Splits a list into chunks of at most `size`. */
export function chunks(list, size) {
  const out = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
