/** Internals of the Customer Profiles target. No promises: other modules never import them. */
package io.pinpointimport.connect.internal;
