package dev.ares.core.internal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the SDK: package-private {@code Abstract*} definitions generate the
 * public plain-named types, with no Guava at run time and secrets printed as a mask.
 *
 * <p>Internal: not part of the public API.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    typeAbstract = "Abstract*",
    typeImmutable = "*",
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    jdkOnly = true,
    optionalAcceptNullable = true,
    redactedMask = "****",
    defaults = @Value.Immutable(copy = true, prehash = false))
public @interface AresStyle {}
