package oms.stack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** `./oms up`, `./oms reset`, `./oms token`, `./oms status` and `./oms bench`: the local stack from the command line. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Path project = Path.of(System.getenv().getOrDefault("OMS_HOME", "."))
                .toAbsolutePath()
                .normalize();
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> up(StackOptions.local(project));
            case "reset" -> reset(StackOptions.local(project));
            case "token" -> token(StackOptions.local(project), args);
            case "status" ->
                System.exit(oms.stack.status.StackStatus.run(
                        StackOptions.Ports.defaults(),
                        java.util.Arrays.asList(args).contains("--watch")));
            case "bench" -> bench(project, args);
            case "drill" -> oms.stack.drill.Drill.run(project);
            default -> {
                System.err.println(
                        "Usage: oms-stack up|reset|token <user>|status [--watch]|bench auth|orders|subscriptions|tracing|reports|reads|drill");
                System.exit(2);
            }
        }
    }

    private static void up(StackOptions options) throws IOException, InterruptedException {
        long started = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("Starting the OMS stack (data in " + options.dataDir() + ") ...");
        OmsStack stack = OmsStack.start(options);
        Duration ready = Duration.ofMillis(System.currentTimeMillis() - started);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("\nStopping the OMS stack ...")));
        System.out.println(Banner.ready(stack, ready));
        // a part that dies is started again (one line each time); the rest keeps serving meanwhile
        java.time.format.DateTimeFormatter clock = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");
        stack.superviseWith(line -> System.out.println(java.time.LocalTime.now().format(clock) + " " + line));
        Thread.currentThread().join();
    }

    /** Prints a demo user's access token from the running stack's Keycloak; starts nothing. */
    private static void token(StackOptions options, String[] args) {
        DemoRealm realm = DemoRealm.read(DemoRealm.omsRealmFile(options.projectDir()));
        if (args.length != 2) {
            System.err.println("Usage: oms token <user>   (one of "
                    + String.join(
                            ", ",
                            realm.users().stream()
                                    .map(DemoRealm.DemoUser::username)
                                    .toList()) + ")");
            System.exit(2);
        }
        TokenClient client =
                new TokenClient("http://127.0.0.1:" + options.ports().keycloak());
        try {
            System.out.println(new DemoTokens(client, realm).accessToken(args[1]));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("oms: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void bench(Path project, String[] args) throws IOException, SQLException {
        String what = args.length > 1 ? args[1] : "";
        switch (what) {
            case "auth" -> oms.stack.bench.AuthBenchmark.run(project);
            case "orders" -> oms.stack.bench.OrdersBenchmark.run(project);
            case "tracing" -> oms.stack.bench.TracingBenchmark.run(project);
            case "reports" -> oms.stack.bench.ReportsBenchmark.run(project);
            case "reads" -> oms.stack.bench.ReadsBenchmark.run(project);
            case "subscriptions" -> {
                try {
                    oms.stack.bench.SubscriptionBenchmark.run(project);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            default -> {
                System.err.println("Usage: oms bench auth|orders|subscriptions|tracing|reports|reads");
                System.exit(2);
            }
        }
    }

    private static void reset(StackOptions options) throws IOException {
        try (Socket ignored = new Socket("localhost", options.ports().postgres())) {
            System.err.println("The stack is running (PostgreSQL answers on port "
                    + options.ports().postgres() + "): stop it with Ctrl-C first.");
            System.exit(1);
        } catch (IOException notRunning) {
            // expected: nothing listens
        }
        Path data = options.dataDir();
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.println("Removed " + data + ": the next `./oms up` starts from fresh demo data.");
    }
}
