import { useEffect, useRef, useState } from 'react';
import { follow, gql, money, when } from '../lib/api.js';
import { login, logout } from '../lib/auth.js';
import { Availability, Loading, Problem, Status, useLoad, useRoute, useSession } from '../lib/ui.jsx';
import { addToCart, checkoutKey, readCart, writeCart } from './cart.js';

export function App() {
    const route = useRoute();
    const me = useSession();
    const [cart, setCart] = useState(readCart);
    useEffect(() => {
        const changed = () => setCart(readCart());
        addEventListener('cart', changed);
        return () => removeEventListener('cart', changed);
    }, []);
    const count = cart.items.reduce((n, i) => n + i.quantity, 0);
    const [page, id] = route;
    return (
        <>
            <header>
                <a className="brand" href="#/">
                    OMS Store
                </a>
                <a href="#/">Catalogue</a>
                <a href="#/cart" data-testid="cart-link">
                    Cart ({count})
                </a>
                {me ? <a href="#/orders">My orders</a> : null}
                <span className="spacer" />
                {me ? (
                    <>
                        <span data-testid="signed-in">{me.name}</span>
                        <button className="secondary" onClick={logout}>
                            Sign out
                        </button>
                    </>
                ) : (
                    <button className="secondary" onClick={login}>
                        Sign in
                    </button>
                )}
            </header>
            <main>
                {page === 'product' ? (
                    <ProductPage id={id} />
                ) : page === 'cart' ? (
                    <Cart cart={cart} me={me} />
                ) : page === 'orders' && id ? (
                    <OrderTracker id={id} />
                ) : page === 'orders' ? (
                    <MyOrders me={me} />
                ) : (
                    <Catalogue />
                )}
            </main>
        </>
    );
}

const PRODUCT = 'id sku name description price { amount currency } availability';

function Catalogue() {
    const [search, setSearch] = useState('');
    const [term, setTerm] = useState('');
    useEffect(() => {
        const t = setTimeout(() => setTerm(search.trim()), 250);
        return () => clearTimeout(t);
    }, [search]);
    const state = useLoad(
        () =>
            gql(
                `query($s: String) { products(first: 24, search: $s, activeOnly: true) {
      edges { node { ${PRODUCT} } } } }`,
                { s: term || null },
            ),
        [term],
    );
    return (
        <>
            <h1>Catalogue</h1>
            <input
                type="search"
                placeholder="Search products"
                value={search}
                aria-label="Search products"
                onChange={(e) => setSearch(e.target.value)}
                style={{ width: '100%', maxWidth: 480 }}
            />
            <Loading state={state}>
                {(data) =>
                    data.products.edges.length === 0 ? (
                        <p className="muted">Nothing matches “{term}”.</p>
                    ) : (
                        <div className="grid" style={{ marginTop: '1rem' }}>
                            {data.products.edges.map(({ node: p }) => (
                                <div className="card product" key={p.id} data-sku={p.sku}>
                                    <h3>
                                        <a href={`#/product/${p.id}`}>{p.name}</a>
                                    </h3>
                                    <div className="muted">{p.sku}</div>
                                    <div className="row">
                                        <strong>{money(p.price)}</strong> <Availability availability={p.availability} />
                                    </div>
                                    <button
                                        disabled={p.availability === 'OUT_OF_STOCK'}
                                        onClick={() => addToCart(p, 1)}
                                    >
                                        Add to cart
                                    </button>
                                </div>
                            ))}
                        </div>
                    )
                }
            </Loading>
        </>
    );
}

function ProductPage({ id }) {
    const [quantity, setQuantity] = useState(1);
    const [added, setAdded] = useState(false);
    const state = useLoad(() => gql(`query($id: ID!) { product(id: $id) { ${PRODUCT} } }`, { id }), [id]);
    return (
        <Loading state={state}>
            {({ product: p }) => (
                <div className="card">
                    <h1>{p.name}</h1>
                    <p className="muted">{p.sku}</p>
                    <p>{p.description}</p>
                    <div className="row">
                        <strong>{money(p.price)}</strong> <Availability availability={p.availability} />
                    </div>
                    <div className="row">
                        <input
                            type="number"
                            min="1"
                            max="10000"
                            value={quantity}
                            aria-label="Quantity"
                            onChange={(e) => setQuantity(Math.max(1, Math.min(10000, Number(e.target.value) || 1)))}
                        />
                        <button
                            disabled={p.availability === 'OUT_OF_STOCK'}
                            onClick={() => {
                                addToCart(p, quantity);
                                setAdded(true);
                            }}
                        >
                            Add to cart
                        </button>
                        {added ? <a href="#/cart">Go to cart</a> : null}
                    </div>
                </div>
            )}
        </Loading>
    );
}

function Cart({ cart, me }) {
    const [address, setAddress] = useState({ name: '', line1: '', city: '', postalCode: '', country: 'DE' });
    const [method, setMethod] = useState('CARD');
    const [sending, setSending] = useState(false);
    const [problem, setProblem] = useState(null);
    const [placed, setPlaced] = useState(null);
    useEffect(() => {
        if (!me) return;
        gql('{ me { name defaultAddress { line1 city postalCode country } } }').then(
            ({ me: c }) => {
                if (c?.defaultAddress)
                    setAddress((a) => (a.line1 ? a : { name: c.name, ...c.defaultAddress, line2: undefined }));
            },
            () => {},
        );
    }, [me]);
    const setQuantity = (productId, quantity) => {
        const next = readCart();
        next.items = next.items
            .map((i) => (i.productId === productId ? { ...i, quantity } : i))
            .filter((i) => i.quantity > 0);
        next.key = null;
        writeCart(next);
    };
    const place = async (e) => {
        e.preventDefault();
        if (!me) return login();
        if (sending) return; // one request at a time; the key makes a repeat harmless anyway
        setSending(true);
        setProblem(null);
        try {
            const { createOrder } = await gql(
                `mutation($input: CreateOrderInput!) { createOrder(input: $input) {
          order { id number status } userErrors { code field message } } }`,
                {
                    input: {
                        items: cart.items.map((i) => ({
                            productId: i.productId,
                            quantity: i.quantity,
                            unitPrice: i.price.amount,
                        })),
                        paymentMethod: method,
                        idempotencyKey: checkoutKey(),
                        shippingAddress: {
                            name: address.name || null,
                            line1: address.line1,
                            city: address.city,
                            postalCode: address.postalCode,
                            country: address.country,
                        },
                    },
                },
            );
            if (createOrder.userErrors.length) {
                setProblem({
                    code: createOrder.userErrors[0].code,
                    message: createOrder.userErrors.map((u) => u.message).join('; '),
                });
            } else {
                writeCart({ items: [], key: null });
                setPlaced(createOrder.order);
                location.hash = `#/orders/${createOrder.order.id}`;
            }
        } catch (err) {
            setProblem(err); // the same key is sent again on the next click: no second order
        } finally {
            setSending(false);
        }
    };
    if (placed) return <div className="ok">Order {placed.number} placed.</div>;
    if (cart.items.length === 0)
        return (
            <p>
                Your cart is empty. <a href="#/">Browse the catalogue</a>.
            </p>
        );
    const currency = cart.items[0].price.currency;
    const total = cart.items.reduce((sum, i) => sum + Number(i.price.amount) * i.quantity, 0);
    const field = (name, label) => (
        <label>
            {label}
            <br />
            <input
                required={name !== 'name'}
                value={address[name] ?? ''}
                aria-label={label}
                onChange={(e) => setAddress({ ...address, [name]: e.target.value })}
            />
        </label>
    );
    return (
        <>
            <h1>Cart</h1>
            <table>
                <thead>
                    <tr>
                        <th>Product</th>
                        <th>Price</th>
                        <th>Quantity</th>
                        <th />
                    </tr>
                </thead>
                <tbody>
                    {cart.items.map((i) => (
                        <tr key={i.productId}>
                            <td>
                                {i.name} <span className="muted">{i.sku}</span>
                            </td>
                            <td>{money(i.price)}</td>
                            <td>
                                <input
                                    type="number"
                                    min="0"
                                    value={i.quantity}
                                    aria-label={`Quantity of ${i.sku}`}
                                    onChange={(e) => setQuantity(i.productId, Math.max(0, Number(e.target.value) || 0))}
                                />
                            </td>
                            <td>
                                <button className="secondary" onClick={() => setQuantity(i.productId, 0)}>
                                    Remove
                                </button>
                            </td>
                        </tr>
                    ))}
                </tbody>
            </table>
            <p>
                <strong>Total: {money({ amount: total, currency })}</strong>
            </p>
            <h2>Checkout</h2>
            {me ? null : <p className="muted">Sign in to place the order.</p>}
            <form className="stack" onSubmit={place}>
                {field('name', 'Name')}
                {field('line1', 'Street')}
                {field('city', 'City')}
                {field('postalCode', 'Postal code')}
                {field('country', 'Country')}
                <label>
                    Payment
                    <br />
                    <select value={method} onChange={(e) => setMethod(e.target.value)} aria-label="Payment">
                        {['CARD', 'PAYPAL', 'BANK_TRANSFER', 'INVOICE', 'CASH_ON_DELIVERY'].map((m) => (
                            <option key={m}>{m}</option>
                        ))}
                    </select>
                </label>
                <Problem error={problem} />
                <button type="submit" disabled={sending}>
                    {me ? (sending ? 'Placing…' : 'Place order') : 'Sign in to order'}
                </button>
            </form>
        </>
    );
}

function MyOrders({ me }) {
    const [orders, setOrders] = useState(null);
    const [problem, setProblem] = useState(null);
    const [live, setLive] = useState('');
    useEffect(() => {
        if (!me) return undefined;
        gql(
            `{ orders(first: 20) { edges { node { id number status placedAt totals { total { amount currency } } } } } }`,
        ).then((d) => setOrders(d.orders.edges.map((e) => e.node)), setProblem);
        // every change of the customer's orders, new ones included; resumed after a drop
        return follow(
            'subscription($after: String) { myOrderStatusChanges(after: $after) { cursor orderId number status at } }',
            (after) => ({ after }),
            (d) => d.myOrderStatusChanges,
            (e) =>
                setOrders((list) => {
                    if (!list) return list;
                    const known = list.some((o) => o.id === e.orderId);
                    return known
                        ? list.map((o) => (o.id === e.orderId ? { ...o, status: e.status } : o))
                        : [
                              { id: e.orderId, number: e.number, status: e.status, placedAt: e.at, totals: null },
                              ...list,
                          ];
                }),
            { onStatus: setLive },
        );
    }, [me]);
    if (!me)
        return (
            <p>
                <button onClick={login}>Sign in</button> to see your orders.
            </p>
        );
    return (
        <>
            <h1>
                My orders <span className={`live ${live}`}>{live === 'live' ? '● live' : live}</span>
            </h1>
            <Problem error={problem} />
            {orders ? (
                <table>
                    <thead>
                        <tr>
                            <th>Order</th>
                            <th>Placed</th>
                            <th>Total</th>
                            <th>Status</th>
                        </tr>
                    </thead>
                    <tbody>
                        {orders.map((o) => (
                            <tr key={o.id}>
                                <td>
                                    <a href={`#/orders/${o.id}`}>{o.number}</a>
                                </td>
                                <td>{when(o.placedAt)}</td>
                                <td>{money(o.totals?.total)}</td>
                                <td>
                                    <Status status={o.status} />
                                </td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            ) : (
                <p className="muted">Loading…</p>
            )}
        </>
    );
}

const ORDER = `id number status version placedAt paymentStatus
  lines { sku productName quantity lineTotal { amount currency } }
  totals { total { amount currency } }
  statusHistory { version to at reason }
  shipment { status trackingNumber trackingUrl }`;

/** One order, its status followed live (resumed from the last version seen after a drop). */
export function OrderTracker({ id }) {
    const [order, setOrder] = useState(null);
    const [problem, setProblem] = useState(null);
    const [live, setLive] = useState('');
    const [cancelling, setCancelling] = useState(false);
    const version = useRef(0);
    const reload = () =>
        gql(`query($id: ID!) { order(id: $id) { ${ORDER} } }`, { id }, { partial: true }).then((d) => {
            setOrder(d.order);
            version.current = Math.max(version.current, d.order?.version ?? 0);
        }, setProblem);
    useEffect(() => {
        reload();
        return follow(
            'subscription($id: ID!, $v: Int) { orderStatusChanged(orderId: $id, afterVersion: $v) { version status at reason } }',
            () => ({ id, v: version.current }),
            (d) => d.orderStatusChanged,
            (e) => {
                version.current = Math.max(version.current, e.version);
                setOrder((o) =>
                    o && e.version > o.version
                        ? {
                              ...o,
                              status: e.status,
                              version: e.version,
                              statusHistory: [
                                  ...o.statusHistory,
                                  { version: e.version, to: e.status, at: e.at, reason: e.reason },
                              ],
                          }
                        : o,
                );
                if (e.status === 'CONFIRMED' || e.status === 'SHIPPED') setTimeout(reload, 500); // shipment details
            },
            { onStatus: setLive },
        );
    }, [id]);
    const cancel = async () => {
        setCancelling(true);
        try {
            const { cancelOrder } = await gql(
                `mutation($id: ID!) { cancelOrder(input: {orderId: $id, reason: "Cancelled by the customer"}) {
        order { status version } userErrors { code message } } }`,
                { id },
            );
            if (cancelOrder.userErrors.length)
                setProblem({ code: cancelOrder.userErrors[0].code, message: cancelOrder.userErrors[0].message });
        } catch (e) {
            setProblem(e);
        } finally {
            setCancelling(false);
        }
    };
    if (!order)
        return (
            <>
                <Problem error={problem} />
                {problem ? null : <p className="muted">Loading…</p>}
            </>
        );
    return (
        <div className="card">
            <h1>
                Order {order.number} <Status status={order.status} />{' '}
                <span className={`live ${live}`}>{live === 'live' ? '● live' : live}</span>
            </h1>
            <p className="muted">
                Placed {when(order.placedAt)} · payment {order.paymentStatus}
            </p>
            <table>
                <tbody>
                    {order.lines.map((l) => (
                        <tr key={l.sku}>
                            <td>{l.productName}</td>
                            <td>{l.quantity} ×</td>
                            <td>{money(l.lineTotal)}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
            <p>
                <strong>Total {money(order.totals.total)}</strong>
            </p>
            {order.shipment ? (
                <p>
                    Shipment: <Status status={order.shipment.status} /> {order.shipment.trackingNumber ?? ''}
                </p>
            ) : null}
            <h2>Progress</h2>
            <ol className="timeline" data-testid="timeline">
                {order.statusHistory.map((h) => (
                    <li key={h.version}>
                        <Status status={h.to} /> {when(h.at)}{' '}
                        {h.reason ? <span className="muted">— {h.reason}</span> : null}
                    </li>
                ))}
            </ol>
            <Problem error={problem} />
            {['PENDING', 'CONFIRMED'].includes(order.status) ? (
                <button className="secondary" disabled={cancelling} onClick={cancel}>
                    Cancel order
                </button>
            ) : null}
        </div>
    );
}
