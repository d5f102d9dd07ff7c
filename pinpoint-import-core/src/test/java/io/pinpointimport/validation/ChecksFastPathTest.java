package io.pinpointimport.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written checks answer exactly as the regular expressions and code-point scans they replace. */
class ChecksFastPathTest {
    private static final String[] PIECES = {
        "+",
        "0",
        "1",
        "9",
        "5",
        "@",
        "@",
        ".",
        ".",
        "a",
        "Z",
        "-",
        " ",
        "\t",
        "\u00a0",
        "\u2028",
        "\u007f",
        "\u0085",
        "é",
        "\uD83D\uDE00",
        "\uD800",
        "#",
        ":",
        "?",
        "\\",
        "/",
        ",",
        "\"",
        "\u0001",
        "東"
    };

    private static String randomText(Random random) {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(18);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static boolean scannedSpace(String s) {
        return s.codePoints()
                .anyMatch(cp -> Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.isSpaceChar(cp));
    }

    @Test
    void phonesEmailsTokensAndNamesAreJudgedAsBefore() {
        Random random = new Random(19);
        for (int i = 0; i < 50_000; i++) {
            String s = randomText(random);
            assertThat(Checks.isPhone(s, true))
                    .as(s)
                    .isEqualTo(Checks.E164.matcher(s).matches());
            assertThat(Checks.isPhone(s, false))
                    .as(s)
                    .isEqualTo(Checks.PHONE_LENIENT.matcher(s).matches());
            assertThat(Checks.emailProblem(s, ValidationLevel.SERVICE) == null)
                    .as(s)
                    .isEqualTo(
                            !scannedSpace(s) && Checks.EMAIL_LENIENT.matcher(s).matches());
            assertThat(Checks.tokenProblem(s, false) == null).as(s).isEqualTo(!s.isBlank() && !scannedSpace(s));
            for (ValidationLevel level : ValidationLevel.values()) {
                assertThat(Checks.nameProblems(s, level).isEmpty()).as(s).isEqualTo(slowNameIsFine(s, level));
            }
        }
    }

    private static boolean slowNameIsFine(String name, ValidationLevel level) {
        if (name.isEmpty()
                || Character.isWhitespace(name.codePointAt(0))
                || Character.isWhitespace(name.codePointBefore(name.length()))) {
            return false;
        }
        return name.codePoints()
                .noneMatch(cp -> cp == '.'
                        || cp == ','
                        || cp == '"'
                        || Character.isISOControl(cp)
                        || cp == '\u2028'
                        || cp == '\u2029'
                        || (level == ValidationLevel.STRICT && "#:?\\/".indexOf(cp) >= 0));
    }
}
