package dev.ares.core.internal;

import dev.ares.core.AresValidationException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the SDK: package-private {@code Abstract*} definitions generate the
 * public plain-named types, with no Guava at run time and secrets printed as a mask.
 *
 * <p>A builder missing a required attribute throws {@link AresValidationException} naming it, the
 * same type every check of the SDK throws, so {@code build()} documents and throws one exception.
 * No annotation found on the class path is copied onto the generated types ({@code
 * allowedClasspathAnnotations} holds only {@link Override}): Immutables' own {@code @Generated}
 * lives in the annotation processor's jar, which users do not have, and would make {@code
 * -Xlint:all} warn once per generated type in every consumer build.
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
    throwForInvalidImmutableState = AresValidationException.class,
    allowedClasspathAnnotations = {Override.class},
    defaults = @Value.Immutable(copy = true, prehash = false))
public @interface AresStyle {}
