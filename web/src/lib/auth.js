// Login through Keycloak: authorization code flow with PKCE (S256), tokens kept in memory only and
// refreshed before they expire. keycloak-js does the protocol; this module is the app's one door to it.
import Keycloak from 'keycloak-js';
import { config } from './config.js';

const SIGNED_IN = 'oms.signedIn';
let keycloak;
let ready;
const listeners = new Set();

/**
 * Starts the session once per page. `required`: the CRM sends everyone to the login page; the
 * storefront lets anonymous visitors browse and signs in silently when the tab had signed in before.
 */
export function startAuth(clientId, { required = false } = {}) {
  ready ??= (async () => {
    const { keycloakUrl, realm } = await config();
    keycloak = new Keycloak({ url: keycloakUrl, realm, clientId });
    const remembered = sessionStorage.getItem(SIGNED_IN) === clientId;
    await keycloak.init({
      pkceMethod: 'S256',
      checkLoginIframe: false,
      responseMode: 'query',
      onLoad: required ? 'login-required' : remembered ? 'check-sso' : undefined,
    });
    if (keycloak.authenticated) sessionStorage.setItem(SIGNED_IN, clientId);
    keycloak.onAuthRefreshError = () => notify();
    keycloak.onAuthLogout = () => notify();
    // refresh a little before expiry; a refresh that fails leaves the user signed out (notify)
    setInterval(() => {
      if (keycloak.authenticated) keycloak.updateToken(45).catch(() => notify());
    }, 10_000);
    notify();
    return keycloak;
  })();
  return ready;
}

function notify() {
  for (const listener of listeners) listener(session());
}

export function onSession(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who is signed in: username, realm roles and customer id (from the token), or null. */
export function session() {
  if (!keycloak?.authenticated || !keycloak.tokenParsed) return null;
  const t = keycloak.tokenParsed;
  return {
    username: t.preferred_username,
    name: t.name ?? t.preferred_username,
    roles: t.realm_access?.roles ?? [],
    customerId: t.customer_id ?? null,
  };
}

/** A current access token (refreshed first if it expires within 30 s), or null when signed out. */
export async function token() {
  if (!keycloak?.authenticated) return null;
  try {
    await keycloak.updateToken(30);
  } catch {
    notify();
    return null;
  }
  return keycloak.token;
}

export function login() {
  return keycloak.login({ redirectUri: location.href });
}

export function logout() {
  sessionStorage.removeItem(SIGNED_IN);
  return keycloak.logout({ redirectUri: location.origin + location.pathname });
}
