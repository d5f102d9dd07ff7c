package io.pinpointimport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class JobLimitTest {
    @Test
    void grantsUpToTheLimitThenQueuesFirstComeFirstServed() {
        JobLimit limit = JobLimit.of(2);
        CompletableFuture<JobLimit.Permit> a = limit.acquire();
        CompletableFuture<JobLimit.Permit> b = limit.acquire();
        CompletableFuture<JobLimit.Permit> c = limit.acquire();
        CompletableFuture<JobLimit.Permit> d = limit.acquire();
        assertThat(a).isCompleted();
        assertThat(b).isCompleted();
        assertThat(c).isNotDone();
        assertThat(d).isNotDone();
        assertThat(limit.running()).isEqualTo(2);
        assertThat(limit.waiting()).isEqualTo(2);

        a.join().release();
        assertThat(c).isCompleted();
        assertThat(d).isNotDone();
        assertThat(limit.running()).isEqualTo(2);

        a.join().release(); // twice: no effect
        assertThat(d).isNotDone();
        assertThat(limit.running()).isEqualTo(2);
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndIsSkipped() {
        JobLimit limit = JobLimit.of(1);
        CompletableFuture<JobLimit.Permit> a = limit.acquire();
        CompletableFuture<JobLimit.Permit> b = limit.acquire();
        CompletableFuture<JobLimit.Permit> c = limit.acquire();
        b.cancel(false);
        assertThat(limit.waiting()).isEqualTo(1);
        a.join().release();
        assertThat(c).isCompleted();
        c.join().release();
        assertThat(limit.running()).isZero();
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void sharedBetweenUsersTheLimitHoldsForAll() {
        JobLimit shared = JobLimit.ofDefaults();
        assertThat(shared.maxRunning()).isEqualTo(JobLimit.DEFAULT_MAX_RUNNING).isEqualTo(2);
        shared.acquire();
        shared.acquire();
        assertThat(shared.acquire()).isNotDone();
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> JobLimit.of(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRunning");
    }
}
