/**
 * Micrometer metrics of the SDK's HTTP calls: {@link dev.ares.micrometer.MicrometerEventListener},
 * an {@link dev.ares.core.HttpEventListener} for any client's {@code eventListener(...)}.
 */
package dev.ares.micrometer;
