package io.pinpointimport.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    static List<CsvTokenizer.Record> all(String text) throws IOException {
        CsvTokenizer tokenizer = new CsvTokenizer(new StringReader(text));
        List<CsvTokenizer.Record> records = new ArrayList<>();
        for (CsvTokenizer.Record r = tokenizer.next(); r != null; r = tokenizer.next()) {
            records.add(r);
        }
        return records;
    }

    @Test
    void quotedValuesDoubledQuotesCrlfAndBlankLines() throws IOException {
        List<CsvTokenizer.Record> records = all("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\r\n,,\nlast");
        assertThat(records)
                .extracting(CsvTokenizer.Record::cells)
                .containsExactly(List.of("a", "b,c", "say \"hi\""), List.of("", "", ""), List.of("last"));
        assertThat(records).extracting(CsvTokenizer.Record::line).containsExactly(1L, 3L, 4L);
        assertThat(records).extracting(CsvTokenizer.Record::problem).containsOnlyNulls();
    }

    @Test
    void forbiddenThingsAreProblemsNotErrors() throws IOException {
        List<CsvTokenizer.Record> records = all("\"a\nb\",c\nx\"y,z\n\"q\"r,s\nt\tu\n\"open");
        assertThat(records)
                .extracting(CsvTokenizer.Record::problem)
                .containsExactly(
                        "line break inside a value",
                        "double quote in an unquoted value",
                        "text after a closing quote",
                        "tab inside a value",
                        "unterminated quoted value");
        assertThat(records).extracting(CsvTokenizer.Record::line).containsExactly(1L, 3L, 4L, 5L, 6L);
        assertThat(records.get(2).cells()).hasSize(2);
    }
}
