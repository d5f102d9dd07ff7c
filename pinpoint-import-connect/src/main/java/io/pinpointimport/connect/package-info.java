/**
 * The Amazon Connect Customer Profiles import target: {@link io.pinpointimport.connect.CustomerProfilesImportTarget}
 * imports each shard through an upload job, and {@link io.pinpointimport.connect.ProfileMapping} turns an endpoint
 * definition into a profile row. The mapping table is in {@code docs/customer-profiles.md}.
 */
@NullMarked
package io.pinpointimport.connect;

import org.jspecify.annotations.NullMarked;
