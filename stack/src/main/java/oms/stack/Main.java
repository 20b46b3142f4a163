package oms.stack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/** `./oms up` and `./oms reset`: the local stack from the command line. */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws Exception {
        Path project = Path.of(System.getenv().getOrDefault("OMS_HOME", ".")).toAbsolutePath().normalize();
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> up(StackOptions.local(project));
            case "reset" -> reset(StackOptions.local(project));
            default -> {
                System.err.println("Usage: oms-stack up|reset");
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
        while (true) {
            Thread.sleep(2_000);
            for (ManagedProcess p : stack.processes().values()) {
                if (!p.isAlive()) {
                    System.err.println(p.name() + " stopped unexpectedly; last log lines:\n" + p.tail(30));
                    System.exit(1);
                }
            }
        }
    }

    private static void reset(StackOptions options) throws IOException {
        try (Socket ignored = new Socket("localhost", options.ports().postgres())) {
            System.err.println("The stack is running (PostgreSQL answers on port " + options.ports().postgres()
                    + "): stop it with Ctrl-C first.");
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
