package io.pinpointimport.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ByteSizeTest {
    @Test
    void readsPlainAndUnitSizes() {
        assertThat(ByteSize.parse("950000000")).isEqualTo(950_000_000L);
        assertThat(ByteSize.parse("64KB")).isEqualTo(64_000L);
        assertThat(ByteSize.parse("100mb")).isEqualTo(100_000_000L);
        assertThat(ByteSize.parse("1G")).isEqualTo(1_000_000_000L);
        assertThat(ByteSize.parse("64KiB")).isEqualTo(65_536L);
        assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
    }

    @Test
    void rejectsNonSizes() {
        assertThatThrownBy(() -> ByteSize.parse("0")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> ByteSize.parse("ten")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> ByteSize.parse("99999999999GB")).isInstanceOf(TypeConversionException.class);
    }
}
