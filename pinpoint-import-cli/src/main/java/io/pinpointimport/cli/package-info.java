/**
 * The {@code pinpoint-import} command-line tool: {@link io.pinpointimport.cli.PinpointImportCli} is the entry point,
 * {@link io.pinpointimport.cli.ExitCodes} the stable exit codes, {@link io.pinpointimport.cli.CliContext} what a run
 * talks to (streams, terminal, credentials), so that tests can drive commands in process.
 */
package io.pinpointimport.cli;
