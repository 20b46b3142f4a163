// The cart lives in the browser (localStorage) until checkout. Its idempotency key is made when the
// cart first goes to checkout and kept until the order is placed, so a double click or a retry after
// a dropped answer never places a second order.
const KEY = 'oms.cart';

export function readCart() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) ?? { items: [], key: null };
  } catch {
    return { items: [], key: null };
  }
}

export function writeCart(cart) {
  localStorage.setItem(KEY, JSON.stringify(cart));
  dispatchEvent(new Event('cart'));
}

export function addToCart(product, quantity) {
  const cart = readCart();
  const line = cart.items.find((i) => i.productId === product.id);
  if (line) line.quantity += quantity;
  else cart.items.push({ productId: product.id, sku: product.sku, name: product.name, price: product.price, quantity });
  cart.key = null; // the content changed: a new order, a new key
  writeCart(cart);
}

export function checkoutKey() {
  const cart = readCart();
  if (!cart.key) {
    cart.key = crypto.randomUUID();
    writeCart(cart);
  }
  return cart.key;
}
