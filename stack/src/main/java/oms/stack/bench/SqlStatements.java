package oms.stack.bench;

import oms.stack.OmsStack;
import oms.testsupport.Actuator;

/** A subgraph's count of SQL statements sent so far: its {@code oms.sql.statements} meter (actuator). */
final class SqlStatements {

    private SqlStatements() {}

    static long of(OmsStack stack, String subgraph) {
        return (long) Actuator.value(stack.managementUrl(subgraph), "oms.sql.statements");
    }
}
