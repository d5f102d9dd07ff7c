/**
 * The commands and their plumbing (options, clients, output, progress, error mapping). No compatibility promise:
 * the command line itself, documented in {@code --help}, is the interface.
 */
package io.pinpointimport.cli.internal;
