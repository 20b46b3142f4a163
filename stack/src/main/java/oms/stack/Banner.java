package oms.stack;

import java.time.Duration;

/** What `./oms up` prints once everything answers. */
final class Banner {

    private Banner() {}

    static String ready(OmsStack stack, Duration ready) {
        StringBuilder out = new StringBuilder();
        out.append("\nOMS supergraph is ready in ")
                .append("%.1f s".formatted(ready.toMillis() / 1000.0))
                .append("\n\n");
        out.append("  A development environment: the router serves its IDE and introspection (see README, Security,\n")
                .append("  for the router in production mode).\n\n");
        if (stack.webUrl() != null) {
            out.append("  Storefront              ")
                    .append(stack.webUrl())
                    .append("/  (browse anonymously; sign in as alice)\n");
            out.append("  CRM                     ")
                    .append(stack.webUrl())
                    .append("/crm/  (sign in as sam, wendy or ada)\n");
        } else {
            out.append("  Storefront and CRM      not built (./mvnw -pl web package builds web/dist)\n");
        }
        out.append("  GraphQL endpoint + IDE  ").append(stack.routerUrl()).append('\n');
        StackOptions.SUBGRAPHS
                .keySet()
                .forEach(name ->
                        out.append("  subgraph %-14s %s/graphql  (router-signed requests only; metrics %s/actuator)%n"
                                .formatted(name, stack.subgraphUrl(name), stack.managementUrl(name))));
        out.append("  PostgreSQL              localhost:")
                .append(stack.postgres().port())
                .append(" (user postgres; databases oms_customers, oms_inventory, oms_orders, oms_shipping,")
                .append(" keycloak)\n");
        out.append("  Redis                   ").append(stack.redis().url()).append('\n');
        if (stack.tracing()) {
            out.append("  Zipkin (traces)         ")
                    .append(stack.zipkinUrl())
                    .append("/zipkin/")
                    .append("  (every request and saga; OMS_TRACING=off to run without)\n");
        }
        LocalKeycloak keycloak = stack.keycloak();
        out.append("  Keycloak                ")
                .append(keycloak.publicUrl())
                .append("  (token issuer ")
                .append(stack.issuer())
                .append(")\n");
        out.append("  Keycloak admin console  ")
                .append(keycloak.publicUrl())
                .append("/admin/  (user ")
                .append(LocalKeycloak.ADMIN_USER)
                .append(", password ")
                .append(LocalKeycloak.ADMIN_PASSWORD)
                .append(": local demo only)\n\n");
        demoLogins(out, stack.demoRealm());
        out.append("\n  Resident memory:\n");
        stack.processes()
                .values()
                .forEach(p -> out.append(
                        "    %-10s pid %-8d %s%n".formatted(p.name(), p.pid(), Memory.mib(p.residentBytes()))));
        out.append("\n  Logs in ")
                .append(stack.options().dataDir().resolve("logs"))
                .append('\n');
        out.append("  Try:  curl -s ")
                .append(stack.routerUrl())
                .append(
                        " -H 'content-type: application/json' \\\n          -d '{\"query\":\"{ orders(first: 3) { edges { node { number status customer { name } } } } }\"}'\n");
        out.append("  As a demo user:  TOKEN=$(./oms token alice)  and add -H \"authorization: Bearer $TOKEN\"\n");
        out.append("\nPress Ctrl-C to stop everything.\n");
        return out.toString();
    }

    private static void demoLogins(StringBuilder out, DemoRealm realm) {
        out.append("  Demo logins (realm ").append(realm.name()).append("):\n");
        out.append("    %-8s %-14s %-10s %-15s %s%n".formatted("user", "password", "roles", "client", "customer_id"));
        realm.users()
                .forEach(u -> out.append("    %-8s %-14s %-10s %-15s %s%n"
                        .formatted(
                                u.username(),
                                u.password(),
                                String.join(",", u.roles()),
                                u.client(),
                                u.customerId().orElse("-"))));
    }
}
