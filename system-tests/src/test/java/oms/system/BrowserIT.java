package oms.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import oms.stack.OmsStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The storefront and the CRM in real headless Chromium against the whole stack (web/e2e, playwright-core
 * driving Debian's chromium): an anonymous search, alice's order followed live from PENDING to
 * CONFIRMED, sam's import of 200 orders from a CSV and the report that counts them. Screenshots of
 * every page land in system-tests/target/screenshots.
 */
class BrowserIT {

    private static final int IMPORTED = 200;
    private final OmsStack stack = RunningStack.get();

    @AfterEach
    void inventoryRuns() {
        stack.resume("inventory"); // the browser test freezes it for a moment; never leave it frozen
    }

    @Test
    void storefront_and_crm_work_in_a_real_browser() throws Exception {
        assertThat(stack.webUrl())
                .as("the stack serves the built web apps (web/dist)")
                .isNotNull();
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String name = "Browser Lamp " + run;
        JsonNode created = RunningStack.router()
                .withBearer(RunningStack.token("ada"))
                .execute("""
                mutation($sku: String!, $name: String!) { createProduct(input: {sku: $sku, name: $name,
                  description: "A lamp for the browser tests", price: "12.50", currency: "EUR", initialStock: 5000}) {
                  product { id sku } userErrors { code message } } }""", Map.of("sku", "WEB-" + run, "name", name))
                .at("/data/createProduct");
        assertThat(created.at("/userErrors").isEmpty()).as(created.toString()).isTrue();
        String productId = created.at("/product/id").asString();
        Eventually.await("the orders service to learn the new product", () -> {
            try (var c = RunningStack.database("orders");
                    var s = c.prepareStatement("SELECT count(*) FROM catalog_products WHERE product_id = ?::uuid")) {
                s.setString(1, productId);
                try (var rs = s.executeQuery()) {
                    return rs.next() && rs.getLong(1) == 1;
                }
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        Path out = Path.of("target").toAbsolutePath();
        Path csv = out.resolve("import-" + run + ".csv");
        Files.writeString(csv, importCsv("WEB-" + run));
        Path web = Path.of(System.getProperty("oms.project.dir", ".."))
                .toAbsolutePath()
                .normalize()
                .resolve("web");
        ProcessBuilder node = new ProcessBuilder(
                        "node", "--test", "--test-concurrency=1", "--test-reporter=spec", "e2e/")
                .directory(web.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.resolve("browser-tests.log").toFile());
        node.environment()
                .putAll(Map.of(
                        "OMS_WEB_URL", stack.webUrl(),
                        "OMS_PRODUCT_ID", productId,
                        "OMS_PRODUCT_SKU", "WEB-" + run,
                        "OMS_PRODUCT_NAME", name,
                        "OMS_IMPORT_CSV", csv.toString(),
                        "OMS_INVENTORY_PID",
                                Long.toString(stack.processes().get("inventory").pid()),
                        "OMS_SCREENSHOTS", out.resolve("screenshots").toString()));
        Process process = node.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String log = Files.readString(out.resolve("browser-tests.log"));
        assertThat(finished && process.exitValue() == 0)
                .as("browser tests (web/e2e):\n" + log)
                .isTrue();
        assertThat(log).contains("pass 3").contains("fail 0");
    }

    /** 200 orders of one line each, for the active demo customers, in the import's CSV format. */
    private static String importCsv(String sku) throws IOException {
        List<String> customers = new ArrayList<>();
        for (JsonNode edge : RunningStack.router()
                .withBearer(RunningStack.token("sam"))
                .execute("{ customers(first: 50) { edges { node { id status } } } }")
                .at("/data/customers/edges")) {
            if (edge.at("/node/status").asString().equals("ACTIVE")) {
                customers.add(edge.at("/node/id").asString());
            }
        }
        StringBuilder csv = new StringBuilder(
                "order,customer_id,sku,quantity,payment_method,name,line1,city,postal_code,country\n");
        for (int i = 1; i <= IMPORTED; i++) {
            csv.append("IMP-")
                    .append(i)
                    .append(',')
                    .append(customers.get(i % customers.size()))
                    .append(',')
                    .append(sku)
                    .append(",1,INVOICE,\"Buyer, No. ")
                    .append(i)
                    .append("\",")
                    .append(i)
                    .append(" Import Street,Berlin,10115,DE\n");
        }
        return csv.toString();
    }
}
