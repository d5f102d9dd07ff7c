package io.pinpointimport.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import io.pinpointimport.validation.Rejection;
import io.pinpointimport.validation.Rule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CsvFormatTest {
    @TempDir
    Path dir;

    private String rowFor(String value) {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.EMAIL)
                .address(value)
                .build();
        String csv = Formats.write(ImportFormat.CSV, List.of(d), dir);
        assertThat(Formats.readAll(ImportFormat.CSV, csv)).containsExactly(d);
        return csv.lines().skip(1).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '\'',
            value = {
                "plain|EMAIL,plain",
                "a,b|EMAIL,\"a,b\"",
                "say \"hi\"|EMAIL,\"say \"\"hi\"\"\"",
                "\"|EMAIL,\"\"\"\"",
                "a,\"b\"|EMAIL,\"a,\"\"b\"\"\"",
                "' leading'|EMAIL,\" leading\"",
                "'trailing '|EMAIL,\"trailing \"",
                "'inner space'|EMAIL,inner space",
                "Zoë Ångström, Köln|EMAIL,\"Zoë Ångström, Köln\"",
                "東京都|EMAIL,東京都",
                "party 🎉 time|EMAIL,party 🎉 time",
                "🎉,\"🎈\"|EMAIL,\"🎉,\"\"🎈\"\"\"",
            })
    void quotesOnlyWhatNeedsQuoting(String value, String row) {
        assertThat(rowFor(value)).isEqualTo(row);
    }

    @Test
    void quotedEmptyValueReadsAsAbsentAsItDoesForTheService() {
        // issue 14: the service (and the emulator) read an empty cell, quoted or not, as absent; the validator
        // refuses empty values, so the writer never has to tell the two apart.
        List<ReadResult> read = Formats.read(
                ImportFormat.CSV, "ChannelType,Address,Attributes.tier,Attributes.tier\nEMAIL,\"\",\"\",x\n");
        assertThat(read).singleElement().satisfies(r -> {
            assertThat(r.definition().address()).isNull();
            assertThat(r.definition().attributes()).containsExactly(Map.entry("tier", List.of("x")));
        });
    }

    @Test
    void multiValuedAttributeRepeatsItsColumnAsOftenAsTheLargestCount() {
        EndpointDefinition three = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .attribute("Interests", "a", "b", "c")
                .build();
        EndpointDefinition one = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+2")
                .attribute("Interests", "x")
                .user(u -> u.attribute("tier", "gold", "silver"))
                .build();
        EndpointDefinition none = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+3")
                .build();

        String csv = Formats.write(ImportFormat.CSV, List.of(three, one, none), dir);

        assertThat(csv).isEqualTo("""
                ChannelType,Address,Attributes.Interests,Attributes.Interests,Attributes.Interests,\
                User.UserAttributes.tier,User.UserAttributes.tier
                SMS,+1,a,b,c,,
                SMS,+2,x,,,gold,silver
                SMS,+3,,,,,
                """);
        assertThat(Formats.readAll(ImportFormat.CSV, csv)).containsExactly(three, one, none);
    }

    @Test
    void repeatedColumnsAnywhereInTheHeaderGatherTheirValuesInTheOrderOfEachNamesFirstValue() {
        // a hand-written file may repeat a name apart from its first column, and leave any of them empty
        String csv = "ChannelType,Address,Attributes.a,Attributes.b,User.UserAttributes.a,Attributes.a,Metrics.m,"
                + "Attributes.b,Metrics.n,User.UserAttributes.a\n"
                + "EMAIL,x@example.com,,b1,u1,a1,2.5,b2,,u2\n"
                + "EMAIL,y@example.com,a0,,,a1,,,1,\n"
                + "EMAIL,z@example.com,,,,,,,,\n";

        List<EndpointDefinition> read = Formats.readAll(ImportFormat.CSV, csv);

        assertThat(read).hasSize(3);
        EndpointDefinition first = read.get(0);
        assertThat(first.attributes())
                .containsExactly(Map.entry("b", List.of("b1", "b2")), Map.entry("a", List.of("a1")));
        assertThat(first.user().userAttributes()).containsExactly(Map.entry("a", List.of("u1", "u2")));
        assertThat(first.metrics()).containsExactly(Map.entry("m", 2.5));
        EndpointDefinition second = read.get(1);
        assertThat(second.attributes()).containsExactly(Map.entry("a", List.of("a0", "a1")));
        assertThat(second.user()).isNull();
        assertThat(second.metrics()).containsExactly(Map.entry("n", 1.0));
        assertThat(read.get(2).attributes()).isEmpty();
        assertThat(read.get(2).metrics()).isEmpty();
        // a row's values belong to that row alone, and its lists are as unmodifiable as a built definition's
        assertThat(first.attributes().get("a").contains(null)).isFalse();
        for (List<String> values :
                List.of(first.attributes().get("a"), first.attributes().get("b"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> values.add("z"))
                    .isInstanceOf(UnsupportedOperationException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> values.set(0, "z"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(first)
                .isEqualTo(EndpointDefinition.builder()
                        .channelType("EMAIL")
                        .address("x@example.com")
                        .attributes(Map.of("b", List.of("b1", "b2"), "a", List.of("a1")))
                        .metrics(Map.of("m", 2.5))
                        .user(io.pinpointimport.model.EndpointUser.builder()
                                .userAttributes(Map.of("a", List.of("u1", "u2")))
                                .build())
                        .build());
    }

    @Test
    void customColumnsAreSortedAttributesThenMetricsThenUserAttributes() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .user(u -> u.userId("u").attribute("b", "1").attribute("a", "2"))
                .metric("zeta", 1)
                .metric("alpha", 2)
                .attribute("Zoo", "z")
                .attribute("Apple", "a")
                .attribute("apple", "c")
                .build();

        String header = Formats.write(ImportFormat.CSV, List.of(d), dir)
                .lines()
                .findFirst()
                .orElseThrow();

        assertThat(header)
                .isEqualTo("ChannelType,Address,User.UserId,Attributes.Apple,Attributes.Zoo,"
                        + "Attributes.apple,Metrics.alpha,Metrics.zeta,User.UserAttributes.a,User.UserAttributes.b");
    }

    @Test
    void headerOfEachShardHasOnlyItsColumnsAndNamesAreQuotedLikeValues() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .attribute("a,b", "v")
                .build();
        String csv = Formats.write(ImportFormat.CSV, List.of(d), dir);
        assertThat(csv).isEqualTo("ChannelType,Address,\"Attributes.a,b\"\nSMS,+1,v\n");
        assertThat(Formats.readAll(ImportFormat.CSV, csv)).containsExactly(d);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "carriage\rreturn", "tab\there", "\r\n"})
    void lineBreaksAndTabsAreRejectedInCsvButWrittenInJson(String value) {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .attribute("Interests", "fine", value)
                .build();

        Rejection r = Formats.writeOne(ImportFormat.CSV, d, dir).orElseThrow();

        assertThat(r.rule()).isEqualTo(Rule.CSV_UNWRITABLE_VALUE);
        assertThat(r.field()).contains("Attributes.Interests[1]");
        assertThat(r.recordIndex()).isZero();
        assertThat(r.message()).doesNotContain(value).contains("line break or a tab");
        assertThat(Formats.readAll(ImportFormat.JSON, Formats.write(ImportFormat.JSON, List.of(d), dir)))
                .containsExactly(d);
    }

    @Test
    void lineBreakInAFixedMemberNamesThatMember() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .demographic(g -> g.model("two\nlines"))
                .build();

        assertThat(Formats.writeOne(ImportFormat.CSV, d, dir).orElseThrow().field())
                .contains("Demographic.Model");
    }

    @Test
    void loneSurrogateIsRejectedInCsvAndCarriedInJson() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .user(u -> u.userId("broken\uD800"))
                .build();

        Rejection r = Formats.writeOne(ImportFormat.CSV, d, dir).orElseThrow();

        assertThat(r.rule()).isEqualTo(Rule.CSV_UNWRITABLE_VALUE);
        assertThat(r.field()).contains("User.UserId");
        assertThat(Formats.readAll(ImportFormat.JSON, Formats.write(ImportFormat.JSON, List.of(d), dir)))
                .containsExactly(d);
    }

    @Test
    void attributeWithoutValuesIsRejectedInCsvOnly() {
        EndpointDefinition d = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .attribute("Empty", List.of())
                .build();

        assertThat(Formats.writeOne(ImportFormat.CSV, d, dir).orElseThrow().field())
                .contains("Attributes.Empty");
        assertThat(Formats.readAll(ImportFormat.JSON, Formats.write(ImportFormat.JSON, List.of(d), dir)))
                .containsExactly(d);
    }

    @Test
    void recordWithNoMemberIsRejectedInCsvOnly() {
        EndpointDefinition empty = EndpointDefinition.builder().build();

        assertThat(Formats.writeOne(ImportFormat.CSV, empty, dir).orElseThrow().rule())
                .isEqualTo(Rule.CSV_UNWRITABLE_VALUE);
        assertThat(Formats.write(ImportFormat.JSON, List.of(empty), dir)).isEqualTo("{}\n");
    }

    @Test
    void nonFiniteNumbersAreRejectedInBothFormats() {
        EndpointDefinition metric = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .metric("m", Double.NaN)
                .build();
        EndpointDefinition latitude = EndpointDefinition.builder()
                .channelType(ChannelType.SMS)
                .address("+1")
                .location(l -> l.latitude(Double.POSITIVE_INFINITY))
                .build();
        for (ImportFormat f : ImportFormat.values()) {
            Rejection m = Formats.writeOne(f, metric, dir).orElseThrow();
            assertThat(m.rule()).isEqualTo(Rule.METRIC_NOT_FINITE);
            assertThat(m.field()).contains("Metrics.m");
            assertThat(Formats.writeOne(f, latitude, dir).orElseThrow().rule()).isEqualTo(Rule.LATITUDE_RANGE);
        }
    }
}
