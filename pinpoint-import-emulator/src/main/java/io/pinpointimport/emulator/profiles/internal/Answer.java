package io.pinpointimport.emulator.profiles.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An answer of the emulated service with a status and a bare JSON body.
 *
 * @param status the HTTP status
 * @param body the JSON body
 */
record Answer(int status, JsonNode body) {}
