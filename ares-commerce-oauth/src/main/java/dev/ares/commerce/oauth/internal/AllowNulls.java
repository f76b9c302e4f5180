package dev.ares.commerce.oauth.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a map attribute whose builder accepts {@code null} names and values, so that validation can
 * name them as bad fields instead of the builder failing with a {@link NullPointerException}.
 * Immutables recognises the annotation by its simple name.
 *
 * <p>Internal: not part of the public API.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD})
public @interface AllowNulls {}
