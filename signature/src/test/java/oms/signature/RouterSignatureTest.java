package oms.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expected values were printed by Node.js (JSON.stringify, String(number), crypto HMAC-SHA256). */
class RouterSignatureTest {

    @Test
    void numbers_are_written_as_javascript_prints_them() {
        double[] values = {
            0,
            1,
            -1,
            1.5,
            0.1,
            1e21,
            1e-7,
            123456789012345680000d,
            1.2345e-7,
            1.7976931348623157e308,
            100,
            0.000001,
            12.5,
            -0.0
        };
        assertThat(Arrays.stream(values).mapToObj(RouterSignature.CanonicalJson::number))
                .containsExactly(
                        "0",
                        "1",
                        "-1",
                        "1.5",
                        "0.1",
                        "1e+21",
                        "1e-7",
                        "123456789012345680000",
                        "1.2345e-7",
                        "1.7976931348623157e+308",
                        "100",
                        "0.000001",
                        "12.5",
                        "0");
    }

    @Test
    void the_signature_is_the_one_hive_gateway_makes_over_the_key_sorted_json() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("z", 1);
        a.put("é", 2);
        a.put("A", 3);
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("b", Arrays.asList(1, 2.5, null, true, "x\"\\\n\u0001é😀"));
        variables.put("a", a);
        assertThat(RouterSignature.canonical("{ x }", variables))
                .isEqualTo(
                        "{\"query\":\"{ x }\",\"variables\":{\"a\":{\"A\":3,\"z\":1,\"é\":2},\"b\":[1,2.5,null,true,\"x\\\"\\\\\\n\\u0001é😀\"]}}");
        RouterSignature signature = new RouterSignature("test-secret");
        assertThat(signature.sign("{ x }", variables)).isEqualTo("6njo9HrOSgIRSnmT9k2mpyPoy9YGfgfH9dsy7//pi70=");
        assertThat(signature.verify("{ x }", variables, "6njo9HrOSgIRSnmT9k2mpyPoy9YGfgfH9dsy7//pi70="))
                .isTrue();
    }

    @Test
    void a_changed_query_variable_or_secret_or_a_malformed_signature_does_not_verify() {
        RouterSignature signature = new RouterSignature("test-secret");
        String signed = signature.sign("{ a }", Map.of("n", 1));
        assertThat(signature.verify("{ b }", Map.of("n", 1), signed)).isFalse();
        assertThat(signature.verify("{ a }", Map.of("n", 2), signed)).isFalse();
        assertThat(new RouterSignature("other").verify("{ a }", Map.of("n", 1), signed))
                .isFalse();
        assertThat(signature.verify("{ a }", Map.of("n", 1), "not base64!")).isFalse();
        assertThat(signature.verify("{ a }", Map.of("n", 1), List.of(signed))).isFalse();
        assertThat(signature.verify("{ a }", Map.of(), signature.sign("{ a }", null)))
                .isTrue();
    }
}
