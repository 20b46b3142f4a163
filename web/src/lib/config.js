// Where the router and Keycloak are: served next to the app as /config.json (written by whoever
// serves the static files: `./oms up`, the web image's entrypoint), so one build fits every place.
let loaded;

export function config() {
  loaded ??= fetch('/config.json', { cache: 'no-store' }).then((r) => {
    if (!r.ok) throw new Error(`config.json: HTTP ${r.status}`);
    return r.json();
  });
  return loaded;
}
