package io.pinpointimport.emulator.pinpoint.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of the emulated service with a status and a bare JSON body.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
public record Answer(int status, JsonNode body) {}
