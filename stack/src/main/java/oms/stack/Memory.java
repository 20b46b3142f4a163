package oms.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, as the kernel reports it. */
public final class Memory {

    private Memory() {}

    public static long residentBytes(ProcessHandle process) {
        return status(process, "VmRSS:");
    }

    /** The most the process has ever had resident (its high-water mark), what a memory limit must hold. */
    public static long peakResidentBytes(ProcessHandle process) {
        return status(process, "VmHWM:");
    }

    private static long status(ProcessHandle process, String field) {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    public static String mib(long bytes) {
        return "%d MiB".formatted(bytes / (1024 * 1024));
    }
}
