/**
 * Writing and reading import files: CSV with dot-notation headers and newline-delimited JSON.
 */
package io.pinpointimport.format;
