package oms.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorSanitizerTest {

    @Test
    void an_error_with_a_code_but_the_default_type_is_classified_by_its_code() {
        GraphQLError raw = GraphqlErrorBuilder.newError()
                .message("after: Control characters are not allowed")
                .extensions(Map.of("code", "INVALID_ARGUMENT", "field", List.of("after")))
                .build();
        assertThat(raw.getErrorType()).isEqualTo(ErrorType.DataFetchingException);

        GraphQLError sanitized = ErrorSanitizer.sanitize(raw);

        assertThat(sanitized.toSpecification())
                .containsEntry("message", "after: Control characters are not allowed")
                .containsEntry(
                        "extensions",
                        Map.of(
                                "code",
                                "INVALID_ARGUMENT",
                                "field",
                                List.of("after"),
                                "classification",
                                "INVALID_ARGUMENT"));
    }

    @Test
    void an_error_already_classified_by_its_code_is_left_as_it_is() {
        GraphQLError error = GraphqlErrorBuilder.newError()
                .message("Nope")
                .errorType(CodeClassification.of(ErrorCode.FORBIDDEN))
                .extensions(Map.of("code", "FORBIDDEN"))
                .build();
        assertThat(ErrorSanitizer.sanitize(error)).isSameAs(error);
    }

    @Test
    void request_errors_get_their_conventional_code_and_the_same_classification() {
        GraphQLError validation = ErrorSanitizer.sanitize(GraphqlErrorBuilder.newError()
                .message("Field 'x' in type 'Query' is undefined")
                .errorType(ErrorType.ValidationError)
                .build());
        assertThat(validation.getExtensions()).containsEntry("code", "GRAPHQL_VALIDATION_FAILED");
        assertThat(validation.getErrorType().toString()).contains("GRAPHQL_VALIDATION_FAILED");
        assertThat(validation.toSpecification().get("extensions"))
                .isEqualTo(Map.of("code", "GRAPHQL_VALIDATION_FAILED", "classification", "GRAPHQL_VALIDATION_FAILED"));
    }

    @Test
    void anything_unclassified_is_internal_and_its_text_stays_out() {
        GraphQLError internal = ErrorSanitizer.sanitize(GraphqlErrorBuilder.newError()
                .message("java.lang.NullPointerException at oms.Secret")
                .errorType(ErrorType.DataFetchingException)
                .build());
        assertThat(internal.getMessage()).isEqualTo("Internal error");
        assertThat(internal.toSpecification().get("extensions"))
                .isEqualTo(Map.of("code", "INTERNAL", "classification", "INTERNAL"));
    }
}
