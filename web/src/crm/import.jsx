import { useState } from 'react';
import { gql, newKey } from '../lib/api.js';
import { COLUMNS, chunks, ordersFromCsv, toCsv } from '../lib/csv.js';
import { Problem } from '../lib/ui.jsx';

const CHUNK = 50;
const CREATE = `mutation($input: CreateOrdersInput!) { createOrders(input: $input) {
  acceptedCount rejectedCount results { index order { id number status } userErrors { code field message } }
  userErrors { code message } } }`;

/**
 * Batch import: a CSV is read and checked in the browser (preview with every problem by line), then
 * sent as createOrders calls of 50 orders with a progress bar. Each chunk has its own idempotency key
 * (kept for the file), so a chunk sent again after a dropped answer creates nothing twice.
 */
export function Import() {
    const [file, setFile] = useState(null);
    const [parsed, setParsed] = useState(null);
    const [key, setKey] = useState(null);
    const [sent, setSent] = useState(0);
    const [results, setResults] = useState([]);
    const [running, setRunning] = useState(false);
    const [problem, setProblem] = useState(null);

    const load = async (f) => {
        setFile(f);
        setResults([]);
        setSent(0);
        setProblem(null);
        setKey(newKey());
        setParsed(ordersFromCsv(await f.text()));
    };

    const send = async () => {
        setRunning(true);
        setProblem(null);
        const parts = chunks(parsed.orders, CHUNK);
        try {
            for (let i = Math.floor(sent / CHUNK); i < parts.length; i++) {
                const part = parts[i];
                const { createOrders } = await gql(CREATE, {
                    input: {
                        orders: part.map((o) => o.input),
                        errorPolicy: 'PER_ORDER',
                        idempotencyKey: `${key}-${i}`,
                    },
                });
                if (createOrders.userErrors.length)
                    throw Object.assign(new Error(createOrders.userErrors[0].message), {
                        code: createOrders.userErrors[0].code,
                    });
                const rows = createOrders.results.map((r) => ({
                    ref: part[r.index].ref,
                    lines: part[r.index].lines,
                    order: r.order,
                    errors: r.userErrors,
                }));
                setResults((all) => [...all, ...rows]);
                setSent((n) => n + part.length);
            }
        } catch (e) {
            setProblem(e); // "Send" again resumes at the first chunk not acknowledged, with the same keys
        } finally {
            setRunning(false);
        }
    };

    const total = parsed?.orders.length ?? 0;
    const percent = total ? Math.round((sent / total) * 100) : 0;
    const failed = results.filter((r) => r.errors.length);
    const errorsCsv = () => {
        const rows = [
            ...(parsed?.problems ?? []).map((p) => [p.line, p.ref, 'INVALID_ROW', p.message]),
            ...failed.flatMap((r) => r.errors.map((e) => [r.lines.join(' '), r.ref, e.code, e.message])),
        ];
        return URL.createObjectURL(new Blob([toCsv(['line', 'order', 'code', 'message'], rows)], { type: 'text/csv' }));
    };

    return (
        <>
            <h1>Batch import</h1>
            <p className="muted">
                CSV columns: <code>{COLUMNS.join(',')}</code> — one line per order line; lines of an order share its{' '}
                <code>order</code> reference.
            </p>
            <input
                type="file"
                accept=".csv,text/csv"
                aria-label="CSV file"
                onChange={(e) => e.target.files[0] && load(e.target.files[0])}
            />
            {parsed ? (
                <>
                    <div className="row" data-testid="preview">
                        <strong>{file.name}</strong>: <span data-testid="valid-count">{total}</span> orders ready,
                        <span data-testid="problem-count">{parsed.problems.length}</span> problem(s)
                    </div>
                    {parsed.problems.length ? (
                        <table>
                            <thead>
                                <tr>
                                    <th>Line</th>
                                    <th>Order</th>
                                    <th>Problem</th>
                                </tr>
                            </thead>
                            <tbody>
                                {parsed.problems.slice(0, 50).map((p, i) => (
                                    <tr key={i}>
                                        <td>{p.line}</td>
                                        <td>{p.ref}</td>
                                        <td>{p.message}</td>
                                    </tr>
                                ))}
                            </tbody>
                        </table>
                    ) : null}
                    <div className="row">
                        <button onClick={send} disabled={running || total === 0 || sent === total}>
                            {sent && sent < total ? 'Resume' : 'Send'} {total} orders
                        </button>
                        <div
                            className="progress"
                            style={{ flex: 1 }}
                            role="progressbar"
                            aria-valuenow={percent}
                            aria-valuemin="0"
                            aria-valuemax="100"
                        >
                            <div style={{ width: `${percent}%` }} />
                        </div>
                        <span data-testid="progress">{percent}%</span>
                    </div>
                    <Problem error={problem} />
                    {results.length ? (
                        <>
                            <div className="row">
                                <span data-testid="accepted">{results.length - failed.length}</span> accepted,{' '}
                                <span data-testid="failed">{failed.length}</span> refused
                                {failed.length || parsed.problems.length ? (
                                    <a href={errorsCsv()} download="import-errors.csv">
                                        Download errors (CSV)
                                    </a>
                                ) : null}
                            </div>
                            <table data-testid="results">
                                <thead>
                                    <tr>
                                        <th>Order</th>
                                        <th>Lines</th>
                                        <th>Result</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {results.map((r) => (
                                        <tr key={r.ref} className={r.errors.length ? 'refused' : 'accepted'}>
                                            <td>{r.ref}</td>
                                            <td>{r.lines.join(', ')}</td>
                                            <td>
                                                {r.order ? (
                                                    <a href={`#/orders/${r.order.id}`}>{r.order.number}</a>
                                                ) : (
                                                    r.errors.map((e) => `${e.code}: ${e.message}`).join('; ')
                                                )}
                                            </td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        </>
                    ) : null}
                </>
            ) : null}
        </>
    );
}
