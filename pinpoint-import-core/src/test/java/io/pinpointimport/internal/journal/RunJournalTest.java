package io.pinpointimport.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpointimport.ResumeException;
import io.pinpointimport.format.ImportFormat;
import io.pinpointimport.job.ImportResult;
import io.pinpointimport.job.JobSnapshot;
import io.pinpointimport.shard.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJournalTest {
    private static final String RUN = "run-20261129T000000Z-0000abcd";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static JournalHeader header(String runId, JournalHeader.Input input) {
        return JournalHeader.of(
                runId, Instant.parse("2026-11-29T05:59:00Z"), Map.of("format", "CSV", "maxShardBytes", "1000"), input);
    }

    private static Shard shard(int n) {
        return Shard.builder()
                .number(n)
                .format(ImportFormat.CSV)
                .file(Path.of("shard-" + n + ".csv"))
                .recordCount(10)
                .byteCount(500 + n)
                .sha256Hex("ab".repeat(31) + String.format("%02d", n))
                .crc32cBase64("AAAAAA==")
                .firstRecordIndex(n * 10L)
                .lastRecordIndex(n * 10L + 9)
                .build();
    }

    private static ImportResult result(int n, String status) {
        JobSnapshot job = JobSnapshot.builder()
                .id("job-" + n)
                .s3Url("s3://b/run/" + n + "/")
                .statusText(status)
                .totalPieces(1)
                .completedPieces(1)
                .failedPieces(0)
                .totalProcessed(10)
                .totalFailures(1)
                .failures(List.of("line 3: \"bad\" value"))
                .creationDate("2026-11-29T06:00:01Z")
                .completionDate("2026-11-29T06:00:09Z")
                .build();
        Instant t = Instant.parse("2026-11-29T06:00:00Z");
        return ImportResult.builder()
                .s3Url("s3://b/run/" + n + "/")
                .shardNumber(n)
                .recordsSubmitted(10)
                .adopted(n == 1)
                .job(job)
                .queuedAt(t)
                .startedAt(t.plusSeconds(1))
                .createdAt(t.plusSeconds(2))
                .finishedAt(t.plusSeconds(9))
                .build();
    }

    private Path fullJournal() {
        List<JournalHeader.FileStamp> files = List.of(new JournalHeader.FileStamp(Path.of("/in/a.csv"), 123, 456));
        try (RunJournal j =
                RunJournal.create(dir, header(RUN, new JournalHeader.Input(ImportFormat.CSV, files)), CLOCK)) {
            j.written(shard(0));
            j.stored(0, "s3://b/run/0/", shard(0).sha256Hex());
            j.created(0, "job-0");
            j.finished(result(0, "COMPLETED"));
            j.written(shard(1));
            j.stored(1, "s3://b/run/1/", shard(1).sha256Hex());
            j.failed(1, null, "ImportException: refused");
            j.written(shard(2));
            j.inputDone(30, 0, 30, 3);
            j.cancelled();
            return j.file();
        }
    }

    @Test
    void roundTripKeepsEveryEntry() {
        Path file = fullJournal();
        assertThat(file).isEqualTo(dir.resolve(RUN + ".journal"));

        JournalState st = JournalState.read(file, RUN);

        assertThat(st.header())
                .isEqualTo(header(
                        RUN,
                        new JournalHeader.Input(
                                ImportFormat.CSV,
                                List.of(new JournalHeader.FileStamp(Path.of("/in/a.csv"), 123, 456)))));
        assertThat(st.header().fingerprint())
                .isEqualTo(Fingerprint.of(Map.of("format", "CSV", "maxShardBytes", "1000")));
        assertThat(st.shards()).containsOnlyKeys(0, 1, 2);
        JournalState.ShardState s0 = st.shards().get(0);
        assertThat(s0.written()).isEqualTo(new JournalState.Written(10, 500, shard(0).sha256Hex(), 0, 9));
        assertThat(s0.storedUrl()).isEqualTo("s3://b/run/0/");
        assertThat(s0.storedSha256()).isEqualTo(shard(0).sha256Hex());
        assertThat(s0.jobId()).isEqualTo("job-0");
        assertThat(s0.result()).isEqualTo(result(0, "COMPLETED"));
        JournalState.ShardState s1 = st.shards().get(1);
        assertThat(s1.result()).isNull();
        assertThat(s1.jobId()).isNull();
        assertThat(s1.error()).isEqualTo("ImportException: refused");
        assertThat(st.shards().get(2).stored()).isFalse();
        assertThat(st.storedPrefix()).isEqualTo(2);
        assertThat(st.inputDone()).isEqualTo(new JournalState.InputDone(30, 0, 30, 3));
        assertThat(st.end()).isEqualTo("cancelled");
        assertThat(st.ended()).isFalse();
        assertThat(st.abandoned()).isFalse();
        assertThat(st.validLength()).isEqualTo(size(file));
    }

    @Test
    void memoryInputAndEndedRoundTrip() {
        Path file;
        try (RunJournal j = RunJournal.create(dir, header(RUN, JournalHeader.Input.memory()), CLOCK)) {
            j.resumed();
            j.ended();
            file = j.file();
        }
        JournalState st = JournalState.read(file, RUN);
        assertThat(st.header().input().inMemory()).isTrue();
        assertThat(st.ended()).isTrue();
        assertThat(st.shards()).isEmpty();
    }

    @Test
    void aRunIdIsJournaledOnce() {
        RunJournal.create(dir, header(RUN, JournalHeader.Input.memory()), CLOCK).close();
        assertThatThrownBy(() -> RunJournal.create(dir, header(RUN, JournalHeader.Input.memory()), CLOCK))
                .hasMessageContaining("already exists");
    }

    @Test
    void tornLastLineWithoutLineEndIsIgnoredAndCutOffOnReopen() throws IOException {
        Path file = fullJournal();
        long good = size(file);
        Files.writeString(file, "{\"entry\":\"stored\",\"shard\":2,\"url\":\"s3://b/r", StandardOpenOption.APPEND);

        JournalState st = JournalState.read(file, RUN);
        assertThat(st.shards().get(2).stored()).isFalse();
        assertThat(st.validLength()).isEqualTo(good);

        try (RunJournal j = RunJournal.reopen(file, RUN, st.validLength(), CLOCK)) {
            j.stored(2, "s3://b/run/2/", shard(2).sha256Hex());
        }
        JournalState again = JournalState.read(file, RUN);
        assertThat(again.shards().get(2).storedUrl()).isEqualTo("s3://b/run/2/");
        assertThat(again.storedPrefix()).isEqualTo(3);
    }

    @Test
    void unreadableLastLineIsTornToo() throws IOException {
        Path file = fullJournal();
        long good = size(file);
        Files.write(file, new byte[] {'{', '"', 'e', (byte) 0xC3, '\n'}, StandardOpenOption.APPEND);

        JournalState st = JournalState.read(file, RUN);

        assertThat(st.validLength()).isEqualTo(good);
        assertThat(st.end()).isEqualTo("cancelled");
    }

    @Test
    void damagedMiddleLineIsCorruption() throws IOException {
        Path file = fullJournal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(2, lines.get(2).substring(0, 10));
        Files.write(file, lines);

        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("corrupt at line 3")
                .hasMessageContaining("Only a torn last line is tolerated");
    }

    @Test
    void unknownEntryOrMissingFieldIsCorruption() throws IOException {
        Path file = fullJournal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(4, "{\"entry\":\"teleported\",\"shard\":0}");
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("corrupt at line 5")
                .hasMessageContaining("teleported");

        lines.set(4, "{\"entry\":\"stored\",\"shard\":0}");
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("corrupt at line 5")
                .hasMessageContaining("\"url\"");
    }

    @Test
    void foreignFileIsRefused() throws IOException {
        Path file = dir.resolve(RUN + ".journal");
        Files.writeString(file, "{\"hello\":\"world\"}\n{\"entry\":\"ended\"}\n");
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("not a pinpoint-import run journal");

        Files.writeString(file, "id,name\n1,2\n");
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("corrupt at line 1");
    }

    @Test
    void emptyJournalIsRefused() throws IOException {
        Path file = dir.resolve(RUN + ".journal");
        Files.writeString(file, "");
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("no header");
    }

    @Test
    void otherRunsJournalIsRefused() {
        Path file = fullJournal();
        assertThatThrownBy(() -> JournalState.read(file, "run-other"))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("belongs to run " + RUN)
                .extracting(e -> ((ResumeException) e).runId())
                .isEqualTo("run-other");
    }

    @Test
    void aNewerOrUnknownVersionIsRefusedSayingWhich() throws IOException {
        Path file = fullJournal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String header = lines.get(0);
        assertThat(header).startsWith("{\"journal\":\"pinpoint-import\",\"version\":2,");

        lines.set(0, header.replace("\"version\":2", "\"version\":3"));
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining(
                        "written by a newer pinpoint-import (journal version 3; this one reads versions 1 to 2)");

        lines.set(0, header.replace("\"version\":2", "\"version\":0"));
        Files.write(file, lines);
        assertThatThrownBy(() -> JournalState.read(file, RUN))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("has version 0, which no pinpoint-import writes");
    }

    @Test
    void aVersionOneJournalIsReadAndRaisedToTwoBeforeItsFirstResubmittedEntry() throws IOException {
        Path file = fullJournal();
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("\"version\":2,", "\"version\":1,"));
        Files.write(file, lines);
        JournalState v1 = JournalState.read(file, RUN);
        assertThat(v1.shards()).hasSize(3);
        assertThat(v1.shards().get(1).error()).isEqualTo("ImportException: refused");

        try (RunJournal j = RunJournal.reopen(file, RUN, v1.validLength(), CLOCK)) {
            j.resumed();
            assertThat(Files.readAllLines(file).get(0))
                    .as("an entry version 1 has: the version stays")
                    .contains("\"version\":1,");
            j.resubmitted(1, null);
            j.created(1, "job-1b");
        }
        List<String> after = Files.readAllLines(file);
        assertThat(after.get(0))
                .as("the header, its version raised in place and nothing else changed")
                .isEqualTo(lines.get(0).replace("\"version\":1,", "\"version\":2,"));
        assertThat(after.subList(1, lines.size())).isEqualTo(lines.subList(1, lines.size()));
        JournalState v2 = JournalState.read(file, RUN);
        assertThat(v2.shards().get(1).resubmitted()).isTrue();
        assertThat(v2.shards().get(1).jobId()).isEqualTo("job-1b");
    }

    @Test
    void missingJournalIsRefused() {
        assertThatThrownBy(() -> JournalState.read(dir.resolve("nope.journal"), "nope"))
                .isInstanceOf(ResumeException.class)
                .hasMessageContaining("no journal for run nope");
    }

    @Test
    void aJournalInUseCannotBeReopened() {
        Path file = fullJournal();
        JournalState st = JournalState.read(file, RUN);
        try (RunJournal j = RunJournal.reopen(file, RUN, st.validLength(), CLOCK)) {
            assertThatThrownBy(() -> RunJournal.reopen(j.file(), RUN, st.validLength(), CLOCK))
                    .isInstanceOf(ResumeException.class)
                    .hasMessageContaining("in use");
        }
    }

    @Test
    void entriesAreOneJsonObjectPerLine() throws IOException {
        Path file = fullJournal();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(11);
        assertThat(lines.get(0)).startsWith("{\"journal\":\"pinpoint-import\",\"version\":2,\"entry\":\"header\"");
        assertThat(lines).allSatisfy(l -> assertThat(JsonLine.read(l)).containsKey("entry"));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
