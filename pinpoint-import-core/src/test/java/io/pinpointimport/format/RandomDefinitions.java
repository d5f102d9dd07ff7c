package io.pinpointimport.format;

import io.pinpointimport.model.ChannelType;
import io.pinpointimport.model.EndpointDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of definitions validation would accept: unicode (accents, CJK, emoji), commas, quotes, leading
 * and trailing spaces, multi-valued attributes, any optional member missing. No line breaks, tabs or lone
 * surrogates; numbers finite and coordinates in range; names at most 50 chars, values at most 100, at most 50
 * values. Custom names come from a fixed pool, as a project has at most 250 of them.
 */
public final class RandomDefinitions {
    private static final String[] PIECES = {
        "a", "b", "Z", "0", "9", "-", "_", ".", "@", "+", ",", "\"", " ", "'", ";", ":", "/", "\\", "=", "é", "ß", "Ø",
        "ñ", "東", "京", "Ж", "ع", "😀", "🎉", "👍🏽", "€", "\u00a0", "{", "}", "[", "]", "<", ">", "#",
    };

    private final Random random;
    private final List<String> attributeNames;
    private final List<String> metricNames;
    private final List<String> userAttributeNames;

    /**
     * @param seed the seed; the same seed gives the same definitions
     */
    public RandomDefinitions(long seed) {
        this.random = new Random(seed);
        this.attributeNames = names(12);
        this.metricNames = names(8);
        this.userAttributeNames = names(10);
    }

    private List<String> names(int count) {
        List<String> names = new ArrayList<>();
        while (names.size() < count) {
            String n = text(1, 50);
            if (!names.contains(n)) {
                names.add(n);
            }
        }
        return names;
    }

    /** @return the next definition */
    public EndpointDefinition next() {
        EndpointDefinition.Builder b = EndpointDefinition.builder();
        if (chance(0.3)) {
            b.id(text(1, 40));
        }
        if (chance(0.9)) {
            ChannelType[] types = ChannelType.values();
            b.channelType(types[random.nextInt(types.length - 1)]);
        }
        if (chance(0.9)) {
            b.address(text(1, 60));
        }
        if (chance(0.2)) {
            b.optOut(random.nextBoolean() ? "ALL" : "NONE");
        }
        // No EndpointStatus or EffectiveDate (the import takes neither) and no empty text (an empty CSV cell means
        // absent): the writers refuse both, the validator too.
        if (chance(0.1)) {
            b.requestId(text(1, 30));
        }
        if (chance(0.6)) {
            b.location(l -> l.country(maybeText())
                    .region(maybeText())
                    .city(maybeText())
                    .postalCode(maybeText())
                    .latitude(chance(0.5) ? coordinate(90) : null)
                    .longitude(chance(0.5) ? coordinate(180) : null));
        }
        if (chance(0.6)) {
            b.demographic(d -> d.platform(maybeText())
                    .platformVersion(maybeText())
                    .make(maybeText())
                    .model(maybeText())
                    .modelVersion(maybeText())
                    .appVersion(maybeText())
                    .locale(maybeText())
                    .timezone(maybeText()));
        }
        if (chance(0.6)) {
            b.user(u -> {
                if (chance(0.8)) {
                    u.userId(text(1, 40));
                }
                for (int i = random.nextInt(3); i > 0; i--) {
                    u.attribute(pick(userAttributeNames), values());
                }
            });
        }
        for (int i = random.nextInt(4); i > 0; i--) {
            b.attribute(pick(attributeNames), values());
        }
        for (int i = random.nextInt(3); i > 0; i--) {
            b.metric(pick(metricNames), metric());
        }
        return b.build();
    }

    private boolean chance(double p) {
        return random.nextDouble() < p;
    }

    private String pick(List<String> names) {
        return names.get(random.nextInt(names.size()));
    }

    private String maybeText() {
        return chance(0.5) ? text(1, 30) : null;
    }

    private List<String> values() {
        int n = chance(0.05) ? 1 + random.nextInt(50) : 1 + random.nextInt(4);
        List<String> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(text(1, 100));
        }
        return values;
    }

    /** Text of {@code min..max} UTF-16 chars built from pieces that are never split (surrogate pairs stay whole). */
    private String text(int min, int max) {
        int target = min + random.nextInt(Math.min(max, 20) - min + 1);
        StringBuilder sb = new StringBuilder();
        while (sb.length() < target) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            if (sb.length() + piece.length() > max) {
                break;
            }
            sb.append(piece);
        }
        while (sb.length() < min) {
            sb.append('x');
        }
        return sb.toString();
    }

    private double coordinate(double limit) {
        return switch (random.nextInt(4)) {
            case 0 -> Math.round((random.nextDouble() * 2 - 1) * limit * 10) / 10.0;
            case 1 -> (random.nextDouble() * 2 - 1) * limit;
            case 2 -> random.nextBoolean() ? limit : -limit;
            default -> 0.0;
        };
    }

    private double metric() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(1000);
            case 1 -> -random.nextDouble() * 1e6;
            case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 3 -> 1e15 + random.nextInt(100);
            case 4 -> random.nextGaussian();
            default -> Math.scalb(random.nextDouble(), random.nextInt(2000) - 1000);
        };
    }
}
