package io.pinpointimport.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.model.EndpointUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoints-per-user state in fingerprint tables, in the heap and spilled, against the plain-map logic. */
class RunValidatorStateTest {
    private static final int RECORDS = 220_000;

    @TempDir
    Path dir;

    /** The rule as it was first written: every user id with its case-folded endpoint ids, in Java collections. */
    private static final class Reference {
        private final int max;
        private final Map<String, Set<String>> ids = new HashMap<>();
        private final Map<String, Integer> withoutId = new HashMap<>();

        Reference(int max) {
            this.max = max;
        }

        List<Rule> validate(EndpointValidator validator, long index, EndpointDefinition d) {
            List<Rule> rules = new ArrayList<>();
            validator.validate(index, d).forEach(r -> rules.add(r.rule()));
            EndpointUser user = d.user();
            String userId =
                    user == null || user.userId() == null || user.userId().isEmpty() ? null : user.userId();
            if (userId == null) {
                return rules;
            }
            String key = d.id() == null || d.id().isBlank()
                    ? null
                    : d.id().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
            Set<String> known = ids.getOrDefault(userId, Set.of());
            int count = known.size() + withoutId.getOrDefault(userId, 0);
            if (!(key != null && known.contains(key)) && count >= max) {
                rules.add(Rule.TOO_MANY_ENDPOINTS_PER_USER);
            }
            if (rules.isEmpty()) {
                if (key == null) {
                    withoutId.merge(userId, 1, Integer::sum);
                } else {
                    ids.computeIfAbsent(userId, k -> new HashSet<>()).add(key);
                }
            }
            return rules;
        }
    }

    private static EndpointDefinition record(Random random) {
        EndpointDefinition.Builder b =
                EndpointDefinition.builder().channelType(ChannelType.SMS).address("+12065550100");
        int kind = random.nextInt(100);
        if (kind < 8) {
            // no id: a new endpoint every time
        } else if (kind < 10) {
            b.id("e$" + random.nextInt(5)); // rejected per record: must not count
        } else {
            String id = "Endpoint-" + random.nextInt(24);
            b.id(random.nextBoolean() ? id : id.toUpperCase(Locale.ROOT));
        }
        if (random.nextInt(100) >= 4) {
            // skewed: a few users with many records, many with one or two; case variants are other users
            int user = random.nextInt(random.nextInt(60_000) + 1);
            String userId = (random.nextInt(10) == 0 ? "USER-" : "user-") + user;
            b.user(u -> u.userId(userId));
        }
        return b.build();
    }

    private void sameAsReference(int maxPerUser, long heapBudget, boolean expectSpilled) throws IOException {
        EndpointValidator validator =
                EndpointValidator.builder().maxEndpointsPerUser(maxPerUser).build();
        Reference reference = new Reference(maxPerUser);
        Random random = new Random(20261129L + maxPerUser);
        int userRejections = 0;
        try (RunValidator run = new RunValidator(validator, dir, heapBudget)) {
            for (int i = 0; i < RECORDS; i++) {
                EndpointDefinition d = record(random);
                List<Rule> expected = reference.validate(validator, i, d);
                List<Rule> actual =
                        run.validate(i, d).stream().map(Rejection::rule).toList();
                assertThat(actual).as("record %d", i).isEqualTo(expected);
                if (expected.contains(Rule.TOO_MANY_ENDPOINTS_PER_USER)) {
                    userRejections++;
                }
            }
            assertThat(run.spilled()).isEqualTo(expectSpilled);
            assertThat(run.toString()).contains("users=").contains("spilled=" + expectSpilled);
        }
        // the comparison means something only if the limit was hit often
        assertThat(userRejections).isGreaterThan(200);
        assertThat(filesIn(dir)).isEmpty();
    }

    @Test
    void inTheHeapTheRuleIsExactlyTheMapLogic() throws IOException {
        sameAsReference(
                EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER, RunValidator.DEFAULT_HEAP_BUDGET_BYTES, false);
    }

    @Test
    void spilledToFilesTheRuleIsExactlyTheMapLogic() throws IOException {
        // 64 KiB per table: both start in the heap and move to files a few thousand entries in
        sameAsReference(EndpointValidator.DEFAULT_MAX_ENDPOINTS_PER_USER, 128 * 1024, true);
    }

    @Test
    void spilledFromTheStartWithALowLimit() throws IOException {
        sameAsReference(3, 0, true);
    }

    @Test
    void closeGivesTheFilesBackAndEndsTheRun() throws IOException {
        Path maps = Path.of("/proc/self/maps");
        assumeThat(Files.isReadable(maps)).as("Linux /proc").isTrue();
        RunValidator run = new RunValidator(EndpointValidator.ofDefaults(), dir, 0);
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+12065550100")
                .id("Endpoint-1")
                .user(u -> u.userId("user-1"))
                .build();
        assertThat(run.validate(0, d)).isEmpty();
        assertThat(run.spilled()).isTrue();
        assertThat(Files.readString(maps)).contains(dir.toString());
        assertThat(filesIn(dir)).as("no name even while in use").isEmpty();

        run.close();

        assertThat(Files.readString(maps)).doesNotContain(dir.toString());
        assertThat(run.toString()).contains("closed=true", "spilled=false");
        assertThatThrownBy(() -> run.validate(1, d))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        run.close();
    }

    @Test
    void aRunWithoutUserIdsMakesNoTables() {
        try (RunValidator run = new RunValidator(EndpointValidator.ofDefaults(), dir, 0)) {
            assertThat(run.validate(
                            0,
                            EndpointDefinition.builder()
                                    .channelType(ChannelType.SMS)
                                    .address("+12065550100")
                                    .id("e-1")
                                    .build()))
                    .isEmpty();
            assertThat(run.spilled()).isFalse();
            assertThat(run.toString()).contains("users=0");
        }
    }

    @Test
    void theSpillDirectoryIsMadeWhenNeeded() throws IOException {
        Path nested = dir.resolve("a/b");
        try (RunValidator run = EndpointValidator.ofDefaults().newRun(nested)) {
            assertThat(run.validate(
                            0,
                            EndpointDefinition.builder()
                                    .channelType(ChannelType.SMS)
                                    .address("+12065550100")
                                    .user(u -> u.userId("u"))
                                    .build()))
                    .isEmpty();
        }
        // in the heap: the default budget is far from reached, nothing was made
        assertThat(Files.exists(nested)).isFalse();
        try (RunValidator run = new RunValidator(EndpointValidator.ofDefaults(), nested, 0)) {
            run.validate(
                    0,
                    EndpointDefinition.builder()
                            .channelType(ChannelType.SMS)
                            .address("+12065550100")
                            .user(u -> u.userId("u"))
                            .build());
            assertThat(run.spilled()).isTrue();
            assertThat(Files.isDirectory(nested)).isTrue();
        }
        assertThat(filesIn(nested)).isEmpty();
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
