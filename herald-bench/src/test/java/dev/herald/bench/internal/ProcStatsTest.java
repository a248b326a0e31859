package dev.herald.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatsTest {

    @Test
    void readsResidentMemoryFromStatus() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nThreads:\t40\n";

        assertThat(ProcStats.rssKb(status)).isEqualTo(123_456);
    }

    @Test
    void readsThePeakResidentMemoryFromTheHighWaterMark() {
        String status = "Name:\tjava\nVmHWM:\t  654321 kB\nVmRSS:\t  123456 kB\n";

        assertThat(ProcStats.kb(status, "VmHWM:")).as("VmHWM, not VmRSS").isEqualTo(654_321);
    }

    @Test
    void addsUserAndSystemTicksEvenWhenTheCommandHasSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 12345";

        assertThat(ProcStats.cpuTicks(stat)).isEqualTo(325);
    }

    @Test
    void readsTheThreadCountFromStatus() {
        String status = "Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t40\nSigQ:\t0/95000\n";

        assertThat(ProcStats.threads(status)).isEqualTo(40);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        ProcStats stats = ProcStats.read(pid);

        assertThat(stats.rssKb()).as("a JVM has some resident memory").isPositive();
        assertThat(ProcStats.threads(pid)).as("a JVM runs several threads").isGreaterThan(1);
        assertThat(ProcStats.openFiles(pid)).as("a JVM holds at least stdin, stdout, stderr and its jars").isGreaterThan(3);
    }
}
