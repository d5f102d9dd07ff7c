/**
 * Writing and reading import files: CSV with dot-notation headers and newline-delimited JSON.
 *
 * <p>Files are written by {@link io.pinpointimport.shard.ShardWriter} and read by
 * {@link io.pinpointimport.format.EndpointReader}. Both formats are UTF-8 without a byte order mark, with {@code \n}
 * line ends, one endpoint per line.
 *
 * <h2>Member order</h2>
 * Both formats use one canonical order: {@code Id, ChannelType, Address, OptOut, RequestId, Location{Country, Region, City, PostalCode, Latitude, Longitude}, Demographic{Platform,
 * PlatformVersion, Make, Model, ModelVersion, AppVersion, Locale, Timezone}, User{UserId, UserAttributes},
 * Attributes, Metrics}. With it the service's own examples come out exactly. {@code EndpointStatus} and
 * {@code EffectiveDate} are never written: the import does not take them, so a record holding either is refused
 * ({@link io.pinpointimport.validation.Rule#MEMBER_UNSUPPORTED}); see {@code docs/validation-rules.md}.
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
 * cells empty. An empty cell, quoted ({@code ""}) or not, means the member is absent, for the service and for the
 * reader; the validator refuses empty text ({@link io.pinpointimport.validation.Rule#VALUE_EMPTY}), so nothing is
 * lost in between. A row must have one cell per header column.
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
 * byte order mark is ignored; {@code \n}, {@code \r\n} and a lone {@code \r} each end a line, in any mix. A CSV
 * row whose cell count differs from the header's is rejected with its line, and a first line that names no member
 * is not taken for a header. Names quoted in messages are escaped and shortened.
 */
@NullMarked
package io.pinpointimport.format;

import org.jspecify.annotations.NullMarked;
