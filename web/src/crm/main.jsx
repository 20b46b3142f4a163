import { createRoot } from 'react-dom/client';
import { startAuth } from '../lib/auth.js';
import '../styles.css';
import { App } from './App.jsx';

const root = createRoot(document.getElementById('root'));
// staff only: everyone goes through Keycloak's login page first; if Keycloak cannot be reached, say so
startAuth('oms-crm', { required: true }).then(
    () => root.render(<App />),
    (e) =>
        root.render(
            <main>
                <h1>OMS CRM</h1>
                <p className="problem">
                    Sign-in is unavailable right now ({String(e?.message ?? e ?? 'Keycloak did not answer')}). Try again
                    shortly.
                </p>
            </main>,
        ),
);
