/**
 * Writing and reading import files: CSV with dot-notation headers and newline-delimited JSON.
 *
 * <p>Files are written by {@link io.pinpointimport.shard.ShardWriter} and read by
 * {@link io.pinpointimport.format.EndpointReader}. Both formats are UTF-8 without a byte order mark, with {@code \n}
 * line ends, one endpoint per line.
 *
 * <h2>Member order</h2>
 * Both formats use one canonical order: {@code Id, ChannelType, Address, EndpointStatus, OptOut, EffectiveDate,
 * RequestId, Location{Country, Region, City, PostalCode, Latitude, Longitude}, Demographic{Platform,
 * PlatformVersion, Make, Model, ModelVersion, AppVersion, Locale, Timezone}, User{UserId, UserAttributes},
 * Attributes, Metrics}. With it the service's own examples come out exactly.
 *
 * <h2>JSON (newline-delimited)</h2>
 * One object per line, members in the order above, absent members omitted, nested objects as the service expects
 * ({@code {"Location":{"Country":"US"}}}), custom attributes as arrays of strings, metrics as numbers. Custom names
 * keep the order the definition holds them in. Text the JSON format cannot hold raw is escaped (a lone UTF-16
 * surrogate as {@code \}{@code uD800}); everything else, emoji included, is plain UTF-8.
 *
 * <h2>CSV</h2>
 * A header of dot-notation columns, then one row per endpoint. Columns are, in order: the fixed members in the order
 * above that at least one record of the shard uses ({@code Location.Country}, {@code User.UserId}, ...), then the
 * custom columns, {@code Attributes.*}, then {@code Metrics.*}, then {@code User.UserAttributes.*}, each group sorted
 * by name ({@link java.lang.String#compareTo}). A multi-valued attribute is the same column repeated once per value;
 * the header repeats it as often as the largest count in that shard, and a row with fewer values leaves the extra
 * cells empty. An empty cell means the member is absent; an empty string is written as {@code ""}.
 *
 * <p>Quoting follows RFC 4180: a value is enclosed in double quotes when it contains a comma or a double quote
 * (inner quotes doubled: {@code "say ""hi"""}), when it starts or ends with a space (so that no reader trims it), or
 * when it is empty. Nothing else is quoted. A value containing a line break ({@code \r}, {@code \n}) or a tab
 * cannot be written to CSV: the service does not accept them, so that record is rejected with
 * {@link io.pinpointimport.validation.Rule#CSV_UNWRITABLE_VALUE} naming the field (the JSON format can carry it).
 * So is an attribute with no values, which CSV cannot tell from an absent one.
 *
 * <h2>Numbers</h2>
 * Metrics, latitude and longitude are written as the shortest decimal that reads back to the same {@code double},
 * never in exponent form and the same in every locale: {@code 3.0}, {@code -0.5}, {@code 10000000000.0},
 * {@code 0.0000001}. Integral values keep one fraction digit ({@code 3.0}), as in the service's examples. Readers
 * accept that and any JSON number ({@code 3}, {@code 1.5e3}). NaN and infinities cannot be written.
 *
 * <h2>Reading</h2>
 * Line by line: a bad line gives a rejection and never affects the next line. Blank lines are skipped; a leading
 * byte order mark is ignored; {@code \r\n} line ends are accepted.
 */
@NullMarked
package io.pinpointimport.format;

import org.jspecify.annotations.NullMarked;
