package oms.orders.reporting;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import java.time.OffsetDateTime;
import java.util.List;
import oms.orders.graphql.DgsConstants;
import oms.orders.graphql.types.ReportInterval;
import oms.orders.graphql.types.SalesRanking;
import oms.orders.reporting.ReportRepository.Ranking;
import oms.orders.reporting.ReportRows.CustomerSales;
import oms.orders.reporting.ReportRows.LeadTime;
import oms.orders.reporting.ReportRows.ProductSales;
import oms.orders.reporting.ReportRows.ReasonCount;
import oms.orders.reporting.ReportRows.SalesPeriod;
import oms.orders.reporting.ReportRows.StatusCount;
import oms.platform.security.Callers;
import oms.platform.security.Role;
import reactor.core.publisher.Mono;

/** Query.salesReport: checks the caller and the range; each selected part of the report is one SQL aggregate. */
@DgsComponent
public class ReportDataFetcher {

    private static final String REPORT = DgsConstants.SALESREPORT.TYPE_NAME;
    private final ReportRepository reports;

    ReportDataFetcher(ReportRepository reports) {
        this.reports = reports;
    }

    @DgsQuery
    ReportRange salesReport(
            @InputArgument OffsetDateTime from,
            @InputArgument OffsetDateTime to,
            @InputArgument ReportInterval interval,
            @InputArgument String currency,
            DgsDataFetchingEnvironment dfe) {
        Callers.of(dfe).require(Role.SALES, Role.ADMIN);
        return ReportRange.of(
                from, to, interval == null ? null : ReportRange.Interval.valueOf(interval.name()), currency);
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.Sales)
    Mono<List<SalesPeriod>> sales(DgsDataFetchingEnvironment dfe) {
        return reports.sales(dfe.getSource());
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.Totals)
    Mono<List<SalesPeriod>> totals(DgsDataFetchingEnvironment dfe) {
        return reports.totals(dfe.getSource());
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.OrdersByStatus)
    Mono<List<StatusCount>> ordersByStatus(DgsDataFetchingEnvironment dfe) {
        return reports.ordersByStatus(dfe.getSource());
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.TopProducts)
    Mono<List<ProductSales>> topProducts(
            @InputArgument Integer first, @InputArgument SalesRanking by, DgsDataFetchingEnvironment dfe) {
        ReportRange range = dfe.getSource();
        return reports.topProducts(range, ranking(range, by, Ranking.UNITS), ReportRange.first(first, "first"));
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.TopCustomers)
    Mono<List<CustomerSales>> topCustomers(
            @InputArgument Integer first, @InputArgument SalesRanking by, DgsDataFetchingEnvironment dfe) {
        ReportRange range = dfe.getSource();
        return reports.topCustomers(range, ranking(range, by, Ranking.ORDERS), ReportRange.first(first, "first"));
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.LeadTimes)
    Mono<List<LeadTime>> leadTimes(DgsDataFetchingEnvironment dfe) {
        return reports.leadTimes(dfe.getSource());
    }

    @DgsData(parentType = REPORT, field = DgsConstants.SALESREPORT.RejectionReasons)
    Mono<List<ReasonCount>> rejectionReasons(@InputArgument Integer first, DgsDataFetchingEnvironment dfe) {
        return reports.rejectionReasons(dfe.getSource(), ReportRange.first(first, "first"));
    }

    private static Ranking ranking(ReportRange range, SalesRanking by, Ranking otherwise) {
        Ranking ranking = by == null ? otherwise : Ranking.valueOf(by.name());
        if (ranking == Ranking.REVENUE) {
            range.requireCurrencyFor("revenue");
        }
        return ranking;
    }
}
