package io.integr8scode.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A short helper command's outcome (kill, delete, list, version). Exit code -1 means it did not run or hung. */
record CommandResult(int exitCode, String stdout, String stderr) {

    private static final int OUTPUT_CAP = 256 * 1024;

    static CommandResult run(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return new CommandResult(-1, "", "cannot start " + command.get(0) + ": " + e.getMessage());
        }
        try {
            process.getOutputStream().close();
            CappedStream out = CappedStream.drain(process.getInputStream(), OUTPUT_CAP, "sandbox-cmd-out");
            CappedStream err = CappedStream.drain(process.getErrorStream(), OUTPUT_CAP, "sandbox-cmd-err");
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(-1, "", String.join(" ", command) + " did not finish within " + timeout);
            }
            return new CommandResult(process.exitValue(), out.text(1000), err.text(1000));
        } catch (IOException e) {
            process.destroyForcibly();
            return new CommandResult(-1, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new CommandResult(-1, "", "interrupted");
        }
    }

    /** The runtime's own complaint in one line: the last {@code msg="..."} of runc-style logs, else the last line. */
    String problem() {
        String last = stderr.strip().lines().reduce((first, second) -> second).orElse("exit code " + exitCode);
        int msg = last.indexOf("msg=\"");
        if (msg >= 0) {
            int end = last.lastIndexOf('"');
            last = last.substring(msg + 5, end > msg + 5 ? end : last.length());
        }
        return last.length() > 300 ? last.substring(0, 300) + "…" : last;
    }
}
