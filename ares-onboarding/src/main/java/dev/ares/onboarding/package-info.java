/**
 * A preflight of a whole tenant before it is registered with ARES: {@link
 * dev.ares.onboarding.Preflight} runs independent checks of the ARES headers, the Commerce store,
 * the AEM environment and the external matcher concurrently, each within a timeout, and returns a
 * {@link dev.ares.onboarding.PreflightReport} of {@link dev.ares.onboarding.CheckResult}s with
 * Adobe's remediation where Adobe documents one. All public types are immutable and thread-safe.
 */
@AresStyle
package dev.ares.onboarding;

import dev.ares.core.internal.AresStyle;
