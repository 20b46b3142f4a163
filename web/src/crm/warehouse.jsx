import { useState } from 'react';
import { gql, when } from '../lib/api.js';
import { Loading, Problem, Status, useLoad, useSession } from '../lib/ui.jsx';

export function Warehouse() {
    const me = useSession();
    const [lowOnly, setLowOnly] = useState(false);
    const [problem, setProblem] = useState(null);
    const state = useLoad(
        () =>
            gql(
                `{ products(first: 100) { edges { node { id sku name active stock { onHand reserved available } availability } } } }`,
                {},
                { partial: true },
            ),
        [],
    );
    const mayAdjust = me?.roles.includes('warehouse');
    const adjust = async (product, delta, reason) => {
        setProblem(null);
        try {
            const { adjustStock } = await gql(
                `mutation($i: AdjustStockInput!) { adjustStock(input: $i) { userErrors { code message } } }`,
                { i: { productId: product.id, delta, reason } },
            );
            if (adjustStock.userErrors.length) setProblem(adjustStock.userErrors[0]);
            state.reload();
        } catch (e) {
            setProblem(e);
        }
    };
    return (
        <>
            <h1>Stock</h1>
            <label className="row">
                <input type="checkbox" checked={lowOnly} onChange={(e) => setLowOnly(e.target.checked)} /> Low or out of
                stock only
            </label>
            <Problem error={problem} />
            <Loading state={state}>
                {(d) => (
                    <table>
                        <thead>
                            <tr>
                                <th>SKU</th>
                                <th>Product</th>
                                <th>On hand</th>
                                <th>Reserved</th>
                                <th>Available</th>
                                <th>{mayAdjust ? 'Adjust' : ''}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.products.edges
                                .map((e) => e.node)
                                .filter((p) => !lowOnly || p.availability !== 'IN_STOCK')
                                .map((p) => (
                                    <tr key={p.id}>
                                        <td>{p.sku}</td>
                                        <td>{p.name}</td>
                                        <td>{p.stock?.onHand}</td>
                                        <td>{p.stock?.reserved}</td>
                                        <td>
                                            {p.stock?.available}{' '}
                                            {p.availability !== 'IN_STOCK' ? (
                                                <span className={`availability ${p.availability.toLowerCase()}`}>
                                                    {p.availability}
                                                </span>
                                            ) : null}
                                        </td>
                                        <td>
                                            {mayAdjust ? (
                                                <Adjust onAdjust={(delta, reason) => adjust(p, delta, reason)} />
                                            ) : null}
                                        </td>
                                    </tr>
                                ))}
                        </tbody>
                    </table>
                )}
            </Loading>
        </>
    );
}

function Adjust({ onAdjust }) {
    const [delta, setDelta] = useState('');
    const [reason, setReason] = useState('');
    return (
        <form
            className="row"
            onSubmit={(e) => {
                e.preventDefault();
                onAdjust(Number(delta), reason);
                setDelta('');
                setReason('');
            }}
        >
            <input
                type="number"
                value={delta}
                onChange={(e) => setDelta(e.target.value)}
                placeholder="±units"
                required
                style={{ width: 80 }}
                aria-label="Units"
            />
            <input
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                placeholder="Reason"
                required
                aria-label="Reason"
            />
            <button type="submit">Book</button>
        </form>
    );
}

const NEXT = {
    PENDING: 'dispatch',
    DISPATCHED: 'IN_TRANSIT',
    IN_TRANSIT: 'OUT_FOR_DELIVERY',
    OUT_FOR_DELIVERY: 'deliver',
};

export function Shipments() {
    const [status, setStatus] = useState('PENDING');
    const [problem, setProblem] = useState(null);
    const state = useLoad(
        () =>
            gql(
                `query($s: ShipmentStatus) { shipments(first: 50, status: $s) { edges { node {
      id status trackingNumber createdAt carrier { code name } order { id number } } } } }`,
                { s: status || null },
                { partial: true },
            ),
        [status],
    );
    const act = async (s) => {
        setProblem(null);
        const step = NEXT[s.status];
        try {
            const result =
                step === 'dispatch'
                    ? (
                          await gql(
                              `mutation($i: DispatchShipmentInput!) { dispatchShipment(input: $i) { userErrors { code message } } }`,
                              { i: { shipmentId: s.id, trackingNumber: `TRK${Date.now()}` } },
                          )
                      ).dispatchShipment
                    : step === 'deliver'
                      ? (
                            await gql(
                                `mutation($i: RecordDeliveryInput!) { recordDelivery(input: $i) { userErrors { code message } } }`,
                                { i: { shipmentId: s.id } },
                            )
                        ).recordDelivery
                      : (
                            await gql(
                                `mutation($i: RecordShipmentEventInput!) { recordShipmentEvent(input: $i) { userErrors { code message } } }`,
                                {
                                    i: {
                                        shipmentId: s.id,
                                        status: step,
                                        description: `Scanned: ${step.toLowerCase().replaceAll('_', ' ')}`,
                                    },
                                },
                            )
                        ).recordShipmentEvent;
            if (result.userErrors.length) setProblem(result.userErrors[0]);
            state.reload();
        } catch (e) {
            setProblem(e);
        }
    };
    return (
        <>
            <h1>Shipments</h1>
            <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label="Shipment status">
                {['PENDING', 'DISPATCHED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED', ''].map((s) => (
                    <option key={s} value={s}>
                        {s || 'all'}
                    </option>
                ))}
            </select>
            <Problem error={problem} />
            <Loading state={state}>
                {(d) => (
                    <table>
                        <thead>
                            <tr>
                                <th>Order</th>
                                <th>Carrier</th>
                                <th>Tracking</th>
                                <th>Created</th>
                                <th>Status</th>
                                <th />
                            </tr>
                        </thead>
                        <tbody>
                            {d.shipments.edges.map(({ node: s }) => (
                                <tr key={s.id}>
                                    <td>{s.order ? <a href={`#/orders/${s.order.id}`}>{s.order.number}</a> : '—'}</td>
                                    <td>{s.carrier.name}</td>
                                    <td>{s.trackingNumber ?? ''}</td>
                                    <td>{when(s.createdAt)}</td>
                                    <td>
                                        <Status status={s.status} />
                                    </td>
                                    <td>
                                        {NEXT[s.status] ? (
                                            <button onClick={() => act(s)}>
                                                {NEXT[s.status] === 'dispatch'
                                                    ? 'Dispatch'
                                                    : NEXT[s.status] === 'deliver'
                                                      ? 'Delivered'
                                                      : `Scan ${NEXT[s.status].toLowerCase().replaceAll('_', ' ')}`}
                                            </button>
                                        ) : null}
                                    </td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                )}
            </Loading>
        </>
    );
}
