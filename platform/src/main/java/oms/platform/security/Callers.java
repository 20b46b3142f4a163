package oms.platform.security;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;

/** Reads the request's {@link Caller} inside data fetchers. */
public final class Callers {

    private Callers() {}

    public static Caller of(DataFetchingEnvironment env) {
        return of(env.getGraphQlContext());
    }

    public static Caller of(GraphQLContext context) {
        Caller caller = context == null ? null : context.get(Caller.class);
        return caller == null ? Caller.anonymous() : caller;
    }
}
