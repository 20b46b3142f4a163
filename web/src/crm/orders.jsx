import { useEffect, useState } from 'react';
import { follow, gql, money, when } from '../lib/api.js';
import { Loading, Problem, Status, useLoad } from '../lib/ui.jsx';

const STATUSES = ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'REJECTED', 'CANCELLED'];

/** Orders by status, kept current by the staff subscription (resumed from the last cursor after a drop). */
export function Board() {
    const [orders, setOrders] = useState(null);
    const [problem, setProblem] = useState(null);
    const [live, setLive] = useState('');
    useEffect(() => {
        gql(
            `{ orders(first: 100) { edges { node { id number status placedAt customer { name } totals { total { amount currency } } } } } }`,
            {},
            { partial: true },
        ).then((d) => setOrders(d.orders.edges.map((e) => e.node)), setProblem);
        return follow(
            'subscription($after: String) { orderStatusChanges(after: $after) { cursor orderId number status at } }',
            (after) => ({ after }),
            (d) => d.orderStatusChanges,
            (e) =>
                setOrders((list) => {
                    if (!list) return list;
                    const rest = list.filter((o) => o.id !== e.orderId);
                    const old = list.find((o) => o.id === e.orderId);
                    return [
                        { ...(old ?? { id: e.orderId, number: e.number, placedAt: e.at }), status: e.status },
                        ...rest,
                    ].slice(0, 500);
                }),
            { onStatus: setLive },
        );
    }, []);
    return (
        <>
            <h1>
                Order board <span className={`live ${live}`}>{live === 'live' ? '● live' : live}</span>
            </h1>
            <Problem error={problem} />
            {orders ? (
                <div className="board">
                    {STATUSES.map((s) => {
                        const these = orders.filter((o) => o.status === s);
                        return (
                            <div className="column" key={s} data-column={s}>
                                <h3>
                                    <Status status={s} /> <span className="count">{these.length}</span>
                                </h3>
                                {these.slice(0, 30).map((o) => (
                                    <div className="item" key={o.id}>
                                        <a href={`#/orders/${o.id}`}>{o.number}</a>{' '}
                                        <span className="muted">{o.customer?.name ?? ''}</span>
                                        <div>{money(o.totals?.total)}</div>
                                    </div>
                                ))}
                            </div>
                        );
                    })}
                </div>
            ) : (
                <p className="muted">Loading…</p>
            )}
        </>
    );
}

/** An order with its timeline: status history and shipment events, in time order. */
export function OrderPage({ id }) {
    const state = useLoad(
        () =>
            gql(
                `query($id: ID!) { order(id: $id) { id number status paymentStatus paymentMethod placedAt
      customer { id name email }
      shippingAddress { name line1 city postalCode country }
      lines { sku productName quantity unitPrice { amount currency } lineTotal { amount currency } }
      totals { total { amount currency } itemCount }
      statusHistory { version from to actor reason at }
      shipment { id status carrier { name } trackingNumber events { status description location occurredAt } } } }`,
                { id },
                { partial: true },
            ),
        [id],
    );
    return (
        <Loading state={state}>
            {({ order: o }) => {
                const timeline = [
                    ...o.statusHistory.map((h) => ({
                        at: h.at,
                        text: `${h.from ?? 'new'} → ${h.to}`,
                        who: h.actor,
                        reason: h.reason,
                        status: h.to,
                    })),
                    ...(o.shipment?.events ?? []).map((e) => ({
                        at: e.occurredAt,
                        text: `Shipment: ${e.description}`,
                        who: e.location,
                        status: e.status,
                    })),
                ].sort((a, b) => a.at.localeCompare(b.at));
                return (
                    <div className="card">
                        <h1>
                            {o.number} <Status status={o.status} />
                        </h1>
                        <p>
                            {o.customer ? (
                                <a href={`#/customers/${o.customer.id}`}>{o.customer.name}</a>
                            ) : (
                                'Customer unavailable'
                            )}{' '}
                            · {o.paymentMethod} · payment {o.paymentStatus} · placed {when(o.placedAt)}
                        </p>
                        <p className="muted">
                            {[
                                o.shippingAddress.name,
                                o.shippingAddress.line1,
                                o.shippingAddress.postalCode,
                                o.shippingAddress.city,
                                o.shippingAddress.country,
                            ]
                                .filter(Boolean)
                                .join(', ')}
                        </p>
                        <table>
                            <thead>
                                <tr>
                                    <th>SKU</th>
                                    <th>Product</th>
                                    <th>Qty</th>
                                    <th>Unit</th>
                                    <th>Total</th>
                                </tr>
                            </thead>
                            <tbody>
                                {o.lines.map((l) => (
                                    <tr key={l.sku}>
                                        <td>{l.sku}</td>
                                        <td>{l.productName}</td>
                                        <td>{l.quantity}</td>
                                        <td>{money(l.unitPrice)}</td>
                                        <td>{money(l.lineTotal)}</td>
                                    </tr>
                                ))}
                            </tbody>
                        </table>
                        <p>
                            <strong>{money(o.totals.total)}</strong> ({o.totals.itemCount} items)
                        </p>
                        {o.shipment ? (
                            <p>
                                Shipment {o.shipment.carrier?.name} {o.shipment.trackingNumber ?? ''}{' '}
                                <Status status={o.shipment.status} />
                            </p>
                        ) : null}
                        <h2>Timeline</h2>
                        <ol className="timeline" data-testid="timeline">
                            {timeline.map((t, i) => (
                                <li key={i}>
                                    {when(t.at)} — <strong>{t.text}</strong>{' '}
                                    <span className="muted">
                                        {t.who} {t.reason ? `· ${t.reason}` : ''}
                                    </span>
                                </li>
                            ))}
                        </ol>
                    </div>
                );
            }}
        </Loading>
    );
}
