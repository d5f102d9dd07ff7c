/**
 * pinpoint-import: bulk import of endpoint definitions into Amazon Pinpoint. Start with
 * {@code EndpointImporter}; the model lives in {@link io.pinpointimport.model}.
 */
package io.pinpointimport;
