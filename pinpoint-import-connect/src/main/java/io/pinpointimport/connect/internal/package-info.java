/** Internals of the Customer Profiles target. No promises: other modules never import them. */
@NullMarked
package io.pinpointimport.connect.internal;

import org.jspecify.annotations.NullMarked;
