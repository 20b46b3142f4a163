package oms.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void the_jit_compilers_of_a_running_jvm_are_found_and_counted() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        long pid = ProcessHandle.current().pid();
        long sum = 0;
        // hot enough for both compilers: this test's own JVM is the running JVM that is read
        for (int i = 0; i < 5_000_000; i++) {
            sum += Long.toString(i).hashCode();
        }
        assertThat(sum).isNotZero();
        assertThat(ProcessCpu.compilerTicks(pid)).isPositive();
    }

    @Test
    void cpu_per_unit_of_work_lists_processes_largest_first_and_leaves_out_the_small_ones() {
        Map<String, Long> ms = Map.of("all", 1_000L, "orders", 600L, "postgres", 395L, "redis", 5L);
        assertThat(ProcessCpu.perUnit(ms, 200, 10, 2)).isEqualTo("orders 3.00, postgres 1.98");
        assertThat(ProcessCpu.perUnit(ms, 0, 10, 3)).isEqualTo("orders 0.000, postgres 0.000");
        assertThat(ProcessCpu.jitShare(Map.of("all", 250L), ms)).isEqualTo(0.25);
        assertThat(ProcessCpu.jitShare(Map.of("all", 250L), Map.of())).isZero();
    }

    @Test
    void a_process_that_is_gone_counts_nothing() {
        assertThat(ProcessCpu.compilerTicks(Long.MAX_VALUE)).isZero();
    }
}
