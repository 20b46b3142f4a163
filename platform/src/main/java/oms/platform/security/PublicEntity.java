package oms.platform.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity fetcher that needs no access check of its own, and says why: it resolves public data
 * (the catalogue) or only a key stub whose fields check the caller themselves. Every other entity
 * fetcher must call the subgraph's access class ({@code …Access}); a test of each subgraph keeps it so.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface PublicEntity {
    String value();
}
