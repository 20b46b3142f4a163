import { logout } from '../lib/auth.js';
import { useRoute, useSession } from '../lib/ui.jsx';
import { Board, OrderPage } from './orders.jsx';
import { CustomerPage, Customers } from './customers.jsx';
import { Import } from './import.jsx';
import { Reports } from './reports.jsx';
import { Shipments, Warehouse } from './warehouse.jsx';

const PAGES = [
    ['board', 'Order board', ['sales', 'warehouse', 'admin']],
    ['customers', 'Customers', ['sales', 'admin']],
    ['import', 'Batch import', ['sales', 'admin']],
    ['reports', 'Reports', ['sales', 'admin']],
    ['warehouse', 'Stock', ['sales', 'warehouse', 'admin']],
    ['shipments', 'Shipments', ['warehouse', 'admin']],
];

export function App() {
    const [page = 'board', id] = useRoute();
    const me = useSession();
    const roles = me?.roles ?? [];
    const allowed = PAGES.filter(([, , who]) => who.some((r) => roles.includes(r)));
    if (!allowed.length) {
        return (
            <main>
                <h1>OMS CRM</h1>
                <p className="problem">
                    {me?.username} has no staff role. <button onClick={logout}>Sign out</button>
                </p>
            </main>
        );
    }
    return (
        <>
            <header>
                <a className="brand" href="#/board">
                    OMS CRM
                </a>
                {allowed.map(([key, label]) => (
                    <a key={key} href={`#/${key}`} className={page === key ? 'active' : ''}>
                        {label}
                    </a>
                ))}
                <span className="spacer" />
                <span data-testid="signed-in">{me.name}</span>
                <button className="secondary" onClick={logout}>
                    Sign out
                </button>
            </header>
            <main>
                {page === 'orders' ? (
                    <OrderPage id={id} />
                ) : page === 'customers' && id ? (
                    <CustomerPage id={id} />
                ) : page === 'customers' ? (
                    <Customers />
                ) : page === 'import' ? (
                    <Import />
                ) : page === 'reports' ? (
                    <Reports />
                ) : page === 'warehouse' ? (
                    <Warehouse />
                ) : page === 'shipments' ? (
                    <Shipments />
                ) : (
                    <Board />
                )}
            </main>
        </>
    );
}
