package oms.platform.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;

/**
 * The classification of every error a subgraph answers: its stable code, so that {@code
 * extensions.classification} never contradicts {@code extensions.code} (graphql-java's default,
 * {@code DataFetchingException}, reached clients as DGS's {@code errorType: UNAVAILABLE} next to a
 * client error's code).
 */
public record CodeClassification(String name) implements ErrorClassification {

    public static CodeClassification of(ErrorCode code) {
        return new CodeClassification(code.name());
    }

    @Override
    public String toSpecification(GraphQLError error) {
        return name;
    }
}
