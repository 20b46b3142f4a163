package oms.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a POSIX signal (STOP, CONT, KILL …) to a process, as `kill -SIG pid` does. */
public final class Signals {

    private Signals() {}

    public static void send(ProcessHandle process, String signal) {
        if (process == null) {
            throw new IllegalStateException("No process to send SIG" + signal + " to");
        }
        send(process.pid(), signal);
    }

    public static void send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
