package oms.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
    void a_process_that_is_gone_counts_nothing() {
        assertThat(ProcessCpu.compilerTicks(Long.MAX_VALUE)).isZero();
    }
}
