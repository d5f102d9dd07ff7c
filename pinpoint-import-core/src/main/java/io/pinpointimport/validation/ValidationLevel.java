package io.pinpointimport.validation;

/**
 * How strictly an {@link EndpointValidator} judges the records where the service itself is more lenient than its
 * documentation. Every rule the service enforces applies at both levels; the levels differ only where noted.
 *
 * <table>
 *   <caption>What differs between the levels</caption>
 *   <tr><th>check</th><th>{@link #SERVICE}</th><th>{@link #STRICT}</th></tr>
 *   <tr><td>SMS and VOICE {@code Address}</td>
 *       <td>digits with an optional leading {@code +}: {@code 2065550182} or {@code +12065550182}
 *           (2 to 15 digits, the first not 0)</td>
 *       <td>E.164 only: {@code +} then 2 to 15 digits, the first not 0</td></tr>
 *   <tr><td>EMAIL {@code Address}</td>
 *       <td>one {@code @}, no white space, a dot in the domain</td>
 *       <td>an ASCII dot-atom local part of at most 64 characters, a domain of letter-digit-hyphen labels,
 *           at most 254 characters in all</td></tr>
 *   <tr><td>custom attribute, user attribute and metric names</td>
 *       <td>no characters that break dot-notation CSV headers</td>
 *       <td>also none of {@code # : ? \ /}, which the Pinpoint console cannot display</td></tr>
 * </table>
 *
 * <p>Neither level checks {@code Location.Country}: the documentation asks for ISO 3166-1 alpha-2 ({@code US}) but
 * its own import examples, and the seed's, use alpha-3 ({@code USA}).
 */
public enum ValidationLevel {
    /**
     * Accepts what the service itself accepts, including the forms its own examples use (SMS numbers without
     * {@code +}, alpha-3 countries). The default: {@link EndpointValidator#DEFAULT_LEVEL}.
     */
    SERVICE,
    /**
     * Accepts only what the documentation asks for: E.164 phone numbers with {@code +}, attribute names the
     * console can display.
     */
    STRICT
}
