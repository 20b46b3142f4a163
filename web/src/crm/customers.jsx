import { useEffect, useState } from 'react';
import { gql, money, when } from '../lib/api.js';
import { Loading, Problem, Status, useLoad } from '../lib/ui.jsx';

export function Customers() {
    const [search, setSearch] = useState('');
    const [term, setTerm] = useState('');
    useEffect(() => {
        const t = setTimeout(() => setTerm(search.trim()), 250);
        return () => clearTimeout(t);
    }, [search]);
    const state = useLoad(
        () =>
            gql(
                `query($s: String) { customers(first: 50, search: $s) { edges { node { id name email status tags } } } }`,
                { s: term || null },
            ),
        [term],
    );
    return (
        <>
            <h1>Customers</h1>
            <input
                type="search"
                placeholder="Name or email"
                value={search}
                aria-label="Search customers"
                onChange={(e) => setSearch(e.target.value)}
            />
            <Loading state={state}>
                {(d) => (
                    <table style={{ marginTop: '1rem' }}>
                        <thead>
                            <tr>
                                <th>Name</th>
                                <th>Email</th>
                                <th>Status</th>
                                <th>Tags</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.customers.edges.map(({ node: c }) => (
                                <tr key={c.id}>
                                    <td>
                                        <a href={`#/customers/${c.id}`}>{c.name}</a>
                                    </td>
                                    <td>{c.email}</td>
                                    <td>{c.status}</td>
                                    <td>{c.tags.join(', ')}</td>
                                </tr>
                            ))}
                        </tbody>
                    </table>
                )}
            </Loading>
        </>
    );
}

export function CustomerPage({ id }) {
    const [note, setNote] = useState('');
    const [problem, setProblem] = useState(null);
    const state = useLoad(
        () =>
            gql(
                `query($id: ID!) { customer(id: $id) { id name email phone status tags createdAt
      addresses { id label line1 city postalCode country isDefault }
      notes { id body author createdAt }
      orders(first: 20) { edges { node { id number status placedAt totals { total { amount currency } } } } } } }`,
                { id },
                { partial: true },
            ),
        [id],
    );
    const addNote = async (e) => {
        e.preventDefault();
        setProblem(null);
        try {
            const { addCustomerNote } = await gql(
                `mutation($input: AddCustomerNoteInput!) { addCustomerNote(input: $input) { userErrors { code message } } }`,
                { input: { customerId: id, body: note } },
            );
            if (addCustomerNote.userErrors.length) setProblem(addCustomerNote.userErrors[0]);
            else {
                setNote('');
                state.reload();
            }
        } catch (err) {
            setProblem(err);
        }
    };
    return (
        <Loading state={state}>
            {({ customer: c }) => (
                <>
                    <div className="card">
                        <h1>{c.name}</h1>
                        <p>
                            {c.email} · {c.phone ?? 'no phone'} · {c.status} · customer since {when(c.createdAt)}
                        </p>
                        <p>
                            {c.tags.map((t) => (
                                <span key={t} className="status">
                                    {t}
                                </span>
                            ))}
                        </p>
                        <h2>Addresses</h2>
                        <ul>
                            {c.addresses.map((a) => (
                                <li key={a.id}>
                                    {a.label ?? ''} {a.line1}, {a.postalCode} {a.city}, {a.country}{' '}
                                    {a.isDefault ? '(default)' : ''}
                                </li>
                            ))}
                        </ul>
                    </div>
                    <div className="card">
                        <h2>Orders</h2>
                        {c.orders ? (
                            <table>
                                <tbody>
                                    {c.orders.edges.map(({ node: o }) => (
                                        <tr key={o.id}>
                                            <td>
                                                <a href={`#/orders/${o.id}`}>{o.number}</a>
                                            </td>
                                            <td>{when(o.placedAt)}</td>
                                            <td>{money(o.totals.total)}</td>
                                            <td>
                                                <Status status={o.status} />
                                            </td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        ) : (
                            <p className="problem">Orders are unavailable right now.</p>
                        )}
                    </div>
                    <div className="card">
                        <h2>Notes</h2>
                        <ul>
                            {(c.notes ?? []).map((n) => (
                                <li key={n.id}>
                                    {n.body}{' '}
                                    <span className="muted">
                                        — {n.author}, {when(n.createdAt)}
                                    </span>
                                </li>
                            ))}
                        </ul>
                        <form className="row" onSubmit={addNote}>
                            <input
                                value={note}
                                onChange={(e) => setNote(e.target.value)}
                                placeholder="Add a note"
                                aria-label="Note"
                                maxLength={2000}
                                required
                            />
                            <button type="submit">Add note</button>
                        </form>
                        <Problem error={problem} />
                    </div>
                </>
            )}
        </Loading>
    );
}
