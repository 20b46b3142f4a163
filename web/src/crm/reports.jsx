import { Chart, registerables } from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { gql, money } from '../lib/api.js';
import { Loading, useLoad } from '../lib/ui.jsx';

Chart.register(...registerables);

const REPORT = `query($from: DateTime!, $to: DateTime!, $interval: ReportInterval) {
  salesReport(from: $from, to: $to, interval: $interval) {
    sales { start orders revenue { amount currency } }
    totals { orders revenue { amount currency } averageOrderValue { amount currency } }
    ordersByStatus { status count }
    topProducts(first: 10) { sku productName units orders revenue { amount currency } }
    topCustomers(first: 10) { customer { id name } orders revenue { amount currency } }
    leadTimes { stage orders p50Seconds p90Seconds }
    rejectionReasons(first: 10) { reason count } } }`;

const day = (d) => d.toISOString().slice(0, 10);

function ChartCanvas({ config, label }) {
    const canvas = useRef(null);
    useEffect(() => {
        const chart = new Chart(canvas.current, config);
        return () => chart.destroy();
    }, [JSON.stringify(config.data)]);
    return <canvas ref={canvas} aria-label={label} role="img" />;
}

function duration(seconds) {
    if (seconds == null) return '—';
    if (seconds < 120) return `${seconds.toFixed(0)} s`;
    if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
    if (seconds < 172800) return `${(seconds / 3600).toFixed(1)} h`;
    return `${(seconds / 86400).toFixed(1)} d`;
}

export function Reports() {
    const [from, setFrom] = useState(day(new Date(Date.now() - 30 * 86400_000)));
    const [to, setTo] = useState(day(new Date(Date.now() + 86400_000)));
    const [interval, setInterval] = useState('DAY');
    const state = useLoad(
        () => gql(REPORT, { from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z`, interval }, { partial: true }),
        [from, to, interval],
    );
    return (
        <>
            <h1>Reports</h1>
            <div className="row">
                <label>
                    From <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="From" />
                </label>
                <label>
                    To <input type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-label="To" />
                </label>
                <select value={interval} onChange={(e) => setInterval(e.target.value)} aria-label="Interval">
                    <option>DAY</option>
                    <option>WEEK</option>
                    <option>MONTH</option>
                </select>
            </div>
            <Loading state={state}>
                {({ salesReport: r }) => {
                    const currencies = [...new Set(r.sales.map((s) => s.revenue.currency))];
                    const starts = [...new Set(r.sales.map((s) => s.start))];
                    return (
                        <>
                            <div className="grid" data-testid="totals">
                                {r.totals.map((t) => (
                                    <div className="card" key={t.revenue.currency} data-currency={t.revenue.currency}>
                                        <h3>{money(t.revenue)}</h3>
                                        <div>
                                            <span className="orders-total">{t.orders}</span> orders · average{' '}
                                            {money(t.averageOrderValue)}
                                        </div>
                                    </div>
                                ))}
                            </div>
                            <div className="charts">
                                <div className="card">
                                    <ChartCanvas
                                        label="Revenue per period"
                                        config={{
                                            type: 'bar',
                                            data: {
                                                labels: starts.map((s) => s.slice(0, 10)),
                                                datasets: currencies.map((c) => ({
                                                    label: c,
                                                    data: starts.map((s) =>
                                                        Number(
                                                            r.sales.find(
                                                                (x) => x.start === s && x.revenue.currency === c,
                                                            )?.revenue.amount ?? 0,
                                                        ),
                                                    ),
                                                })),
                                            },
                                            options: { animation: false, responsive: true },
                                        }}
                                    />
                                </div>
                                <div className="card">
                                    <ChartCanvas
                                        label="Orders by status"
                                        config={{
                                            type: 'doughnut',
                                            data: {
                                                labels: r.ordersByStatus.map((s) => s.status),
                                                datasets: [{ data: r.ordersByStatus.map((s) => s.count) }],
                                            },
                                            options: { animation: false },
                                        }}
                                    />
                                </div>
                            </div>
                            <div className="charts">
                                <div className="card">
                                    <h2>Top products</h2>
                                    <table>
                                        <tbody>
                                            {r.topProducts.map((p) => (
                                                <tr key={p.sku}>
                                                    <td>{p.productName}</td>
                                                    <td>{p.units} units</td>
                                                    <td>{p.revenue.map(money).join(' + ')}</td>
                                                </tr>
                                            ))}
                                        </tbody>
                                    </table>
                                </div>
                                <div className="card">
                                    <h2>Top customers</h2>
                                    <table>
                                        <tbody>
                                            {r.topCustomers.map((c, i) => (
                                                <tr key={i}>
                                                    <td>
                                                        {c.customer ? (
                                                            <a href={`#/customers/${c.customer.id}`}>
                                                                {c.customer.name}
                                                            </a>
                                                        ) : (
                                                            '—'
                                                        )}
                                                    </td>
                                                    <td>{c.orders}</td>
                                                    <td>{c.revenue.map(money).join(' + ')}</td>
                                                </tr>
                                            ))}
                                        </tbody>
                                    </table>
                                </div>
                            </div>
                            <div className="charts">
                                <div className="card">
                                    <h2>Lead times</h2>
                                    <table>
                                        <thead>
                                            <tr>
                                                <th>Stage</th>
                                                <th>Orders</th>
                                                <th>p50</th>
                                                <th>p90</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {r.leadTimes.map((l) => (
                                                <tr key={l.stage}>
                                                    <td>{l.stage}</td>
                                                    <td>{l.orders}</td>
                                                    <td>{duration(l.p50Seconds)}</td>
                                                    <td>{duration(l.p90Seconds)}</td>
                                                </tr>
                                            ))}
                                        </tbody>
                                    </table>
                                </div>
                                <div className="card">
                                    <h2>Rejections</h2>
                                    <table>
                                        <tbody>
                                            {r.rejectionReasons.map((x) => (
                                                <tr key={x.reason}>
                                                    <td>{x.reason}</td>
                                                    <td>{x.count}</td>
                                                </tr>
                                            ))}
                                        </tbody>
                                    </table>
                                </div>
                            </div>
                        </>
                    );
                }}
            </Loading>
        </>
    );
}
