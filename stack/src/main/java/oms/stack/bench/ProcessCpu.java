package oms.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import oms.stack.ManagedProcess;
import oms.stack.OmsStack;

/**
 * CPU time used by the processes of a stack, from /proc: each managed process (subgraphs, routers,
 * Keycloak, Zipkin, peers) with its children, PostgreSQL (the postmaster, its backends and the
 * backends that have exited), Redis, and anything else the launcher started; the benchmark's own JVM
 * (the load generator) is left out. Linux only: elsewhere every figure is zero.
 */
final class ProcessCpu {

    /** Clock ticks per second of /proc/[pid]/stat's times (USER_HZ; 100 on every Linux build in use). */
    private static final long TICKS_PER_SECOND = 100;

    private final OmsStack stack;
    private final Map<String, ManagedProcess> extra;

    ProcessCpu(OmsStack stack, Map<String, ManagedProcess> extra) {
        this.stack = stack;
        this.extra = extra;
    }

    /** Milliseconds of CPU so far per process group (name → ms), plus "all". */
    Map<String, Long> snapshot() {
        Map<String, Long> ms = new TreeMap<>();
        Map<Long, String> owner = new LinkedHashMap<>();
        managed().forEach((name, process) -> {
            owner.put(process.pid(), name);
            ProcessHandle.of(process.pid()).ifPresent(h -> h.descendants().forEach(d -> owner.put(d.pid(), name)));
        });
        stack.postgres().postmaster().ifPresent(pm -> {
            owner.put(pm.pid(), "postgres");
            pm.descendants().forEach(d -> owner.put(d.pid(), "postgres"));
        });
        ProcessHandle.current()
                .descendants()
                .forEach(d -> owner.putIfAbsent(
                        d.pid(),
                        d.info()
                                .command()
                                .map(c -> Path.of(c).getFileName().toString())
                                .orElse("other")));
        owner.forEach((pid, name) -> {
            // the postmaster's own figure includes its exited backends (children's times); others do not need it
            long ticks = ticks(
                    pid,
                    "postgres".equals(name)
                            && stack.postgres()
                                    .postmaster()
                                    .map(pm -> pm.pid() == pid)
                                    .orElse(false));
            ms.merge(name, ticks * 1000 / TICKS_PER_SECOND, Long::sum);
        });
        ms.put("all", ms.values().stream().mapToLong(Long::longValue).sum());
        return ms;
    }

    /**
     * Milliseconds of CPU so far that the JIT compilers of each managed JVM used (their threads, named
     * "C1 CompilerThread…" and "C2 CompilerThread…"), by process name, plus "all". A JVM compiles its hot
     * code for minutes after it starts; what this takes during a measured run is start-up cost that a
     * long-running service no longer pays.
     */
    Map<String, Long> compilerSnapshot() {
        Map<String, Long> ms = new TreeMap<>();
        managed().forEach((name, process) -> ms.put(name, compilerTicks(process.pid()) * 1000 / TICKS_PER_SECOND));
        ms.put("all", ms.values().stream().mapToLong(Long::longValue).sum());
        return ms;
    }

    static long compilerTicks(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (var threads = Files.list(tasks)) {
            return threads.mapToLong(thread -> {
                        try {
                            String name = Files.readString(thread.resolve("comm"));
                            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                                return 0;
                            }
                            return ticks(Files.readString(thread.resolve("stat")), false);
                        } catch (IOException | RuntimeException e) {
                            return 0; // the thread ended meanwhile
                        }
                    })
                    .sum();
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile, or not Linux
        }
    }

    /** The stack's processes and the benchmark's peers, by name. */
    private Map<String, ManagedProcess> managed() {
        Map<String, ManagedProcess> managed = new LinkedHashMap<>(stack.processes());
        managed.putAll(extra);
        return managed;
    }

    /** The share of a CPU snapshot difference that the JIT compilers took (their "all" over its "all"). */
    static double jitShare(Map<String, Long> jit, Map<String, Long> cpu) {
        long all = cpu.getOrDefault("all", 0L);
        return all > 0 ? (double) jit.getOrDefault("all", 0L) / all : 0;
    }

    /**
     * Milliseconds per unit of work by process, largest first, with {@code decimals} places; those under
     * {@code leastMs} in all left out.
     */
    static String perUnit(Map<String, Long> ms, long units, long leastMs, int decimals) {
        StringBuilder text = new StringBuilder();
        ms.entrySet().stream()
                .filter(e -> !e.getKey().equals("all") && e.getValue() >= leastMs)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> text.append(text.isEmpty() ? "" : ", ")
                        .append(e.getKey())
                        .append(String.format(" %." + decimals + "f", units > 0 ? (double) e.getValue() / units : 0)));
        return text.toString();
    }

    static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> d = new TreeMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
        return d;
    }

    private static long ticks(long pid, boolean withChildren) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), withChildren);
        } catch (IOException | RuntimeException e) {
            return 0; // gone meanwhile, or not Linux
        }
    }

    /** The CPU ticks of a process's or a thread's stat line (proc(5)). */
    private static long ticks(String stat, boolean withChildren) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14-17 of stat(5): utime stime cutime cstime; f[0] is field 3
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
    }
}
