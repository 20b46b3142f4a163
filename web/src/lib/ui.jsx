import { useEffect, useState } from 'react';
import { onSession, session } from './auth.js';

/** The hash route, e.g. '#/orders/42' → ['orders', '42']. */
export function useRoute() {
    const parse = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
    const [route, setRoute] = useState(parse);
    useEffect(() => {
        const changed = () => setRoute(parse());
        addEventListener('hashchange', changed);
        return () => removeEventListener('hashchange', changed);
    }, []);
    return route;
}

export function useSession() {
    const [current, setCurrent] = useState(session);
    useEffect(() => onSession(setCurrent), []);
    return current;
}

/** Loads with `load()` whenever `deps` change: { data, error, loading, reload }. */
export function useLoad(load, deps) {
    const [state, setState] = useState({ data: null, error: null, loading: true });
    const [tick, setTick] = useState(0);
    useEffect(() => {
        let live = true;
        setState((s) => ({ ...s, loading: true }));
        load().then(
            (data) => live && setState({ data, error: null, loading: false }),
            (error) => live && setState({ data: null, error, loading: false }),
        );
        return () => {
            live = false;
        };
    }, [...deps, tick]);
    return { ...state, reload: () => setTick((t) => t + 1) };
}

export function Problem({ error }) {
    if (!error) return null;
    return (
        <div className="problem" role="alert">
            {error.code ? <code>{error.code}</code> : null} {error.message}
        </div>
    );
}

export function Status({ status }) {
    return (
        <span className={`status status-${status?.toLowerCase()}`} data-status={status}>
            {status}
        </span>
    );
}

export function Availability({ availability }) {
    const text = { IN_STOCK: 'In stock', LOW_STOCK: 'Low stock', OUT_OF_STOCK: 'Out of stock' }[availability];
    return <span className={`availability ${availability?.toLowerCase()}`}>{text}</span>;
}

export function Loading({ state, children }) {
    if (state.error) return <Problem error={state.error} />;
    if (!state.data) return <p className="muted">Loading…</p>;
    return children(state.data);
}
