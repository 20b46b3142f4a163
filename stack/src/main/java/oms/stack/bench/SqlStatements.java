package oms.stack.bench;

import oms.testsupport.Actuator;
import oms.stack.OmsStack;

/** A subgraph's count of SQL statements sent so far: its {@code oms.sql.statements} meter (actuator). */
final class SqlStatements {

    private SqlStatements() {}

    static long of(OmsStack stack, String subgraph) {
        return (long) Actuator.value(stack.managementUrl(subgraph), "oms.sql.statements");
    }
}
