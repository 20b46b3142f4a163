package oms.stack.bench;

import java.time.Duration;
import java.util.List;
import oms.stack.bench.OrdersBenchmark.Sent;

/** The figures of {@code ./oms bench orders}: per batch, then the totals next to their aims and baselines. */
record OrdersReport(int batchSize, List<Sent> viaRouter, List<Sent> direct, List<Duration> rawInserts) {

    void print(String outcomes) {
        System.out.println();
        System.out.println("batch  accepted   refused  round trip   orders/s   all CONFIRMED/REJECTED after");
        for (int i = 0; i < viaRouter.size(); i++) {
            Sent s = viaRouter.get(i);
            System.out.printf(
                    "%5d  %8d  %8d  %7d ms  %9.0f   %8d ms%n",
                    i + 1,
                    s.accepted(),
                    s.rejected(),
                    s.roundTrip().toMillis(),
                    s.accepted() / seconds(s.roundTrip()),
                    s.batch().settledAfter().toMillis());
        }
        int accepted = viaRouter.stream().mapToInt(Sent::accepted).sum();
        int rejected = viaRouter.stream().mapToInt(Sent::rejected).sum();
        double acceptedPerSecond = perSecond(viaRouter);
        long[] settle = viaRouter.stream()
                .mapToLong(s -> s.batch().settledAfter().toMillis())
                .sorted()
                .toArray();
        Sent first = viaRouter.getFirst();
        long firstSent = first.batch().acceptedNanos - first.roundTrip().toNanos();
        Duration allSettled = Duration.ofNanos(
                viaRouter.stream().mapToLong(s -> s.batch().settledNanos).max().orElseThrow() - firstSent);
        double rawPerSecond = batchSize
                * rawInserts.size()
                / rawInserts.stream().mapToDouble(OrdersReport::seconds).sum();
        long[] rawMillis =
                rawInserts.stream().mapToLong(Duration::toMillis).sorted().toArray();

        System.out.println();
        System.out.printf(
                "accepted end to end (router, real token): %,.0f orders/s (%,d orders in %,d ms of createOrders "
                        + "round trips; %d refused)   aim: >= 2,000 orders/s%n",
                acceptedPerSecond,
                accepted,
                viaRouter.stream().mapToLong(s -> s.roundTrip().toMillis()).sum(),
                rejected);
        System.out.printf(
                "batch settled (every order CONFIRMED or REJECTED) after: median %,d ms, max %,d ms "
                        + "(polled every %d ms through the router)   aim: < 2,000 ms%n",
                settle[settle.length / 2], settle[settle.length - 1], SettleWatch.POLL_INTERVAL.toMillis());
        System.out.printf(
                "all %,d orders settled %,d ms after the first batch was sent: %,.0f orders/s through the saga%n",
                accepted, allSettled.toMillis(), accepted / seconds(allSettled));
        System.out.println("outcomes: " + outcomes);
        System.out.printf(
                "same batches straight to the orders subgraph (no router): %,.0f orders/s (%d batches)%n",
                perSecond(direct), direct.size());
        System.out.printf(
                "raw PostgreSQL insert of the same rows (scratch copies of orders, order_lines, "
                        + "order_status_history; one unnest INSERT per table per batch, one transaction, JDBC): %,.0f orders/s "
                        + "(median batch %d ms)%n",
                rawPerSecond, rawMillis[rawMillis.length / 2]);
        System.out.printf("ratio end-to-end accepted / raw insert: %.3f%n", acceptedPerSecond / rawPerSecond);
    }

    private static double perSecond(List<Sent> batches) {
        return batches.stream().mapToInt(Sent::accepted).sum()
                / (batches.stream().mapToLong(s -> s.roundTrip().toNanos()).sum() / 1e9);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
