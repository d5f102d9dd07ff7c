/**
 * Testing import code without AWS: a local Pinpoint import emulator backed by an in-process S3 server.
 */
package io.pinpointimport.testkit;
