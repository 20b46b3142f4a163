import { createRoot } from 'react-dom/client';
import { startAuth } from '../lib/auth.js';
import '../styles.css';
import { App } from './App.jsx';

startAuth('oms-storefront').finally(() => createRoot(document.getElementById('root')).render(<App />));
