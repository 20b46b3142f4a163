package oms.platform.sql;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * A connection factory that counts the statements its connections execute, and nothing else: the
 * statement, its bindings and its results pass through untouched (no proxy per result or row), so
 * counting costs a counter increment per statement. The count is reported with the Reactor context of
 * the subscriber that executed the statement.
 */
final class CountingConnectionFactory implements ConnectionFactory, Wrapped<ConnectionFactory> {

    /** Called once per executed statement: how many it was (bindings of one, statements of a batch) and in whose context. */
    interface Sink {
        void executed(long statements, ContextView context);
    }

    private final ConnectionFactory delegate;
    private final Sink sink;

    CountingConnectionFactory(ConnectionFactory delegate, Sink sink) {
        this.delegate = delegate;
        this.sink = sink;
    }

    @Override
    public Publisher<? extends Connection> create() {
        return Mono.from(delegate.create()).map(c -> new CountingConnection(c, sink));
    }

    @Override
    public ConnectionFactoryMetadata getMetadata() {
        return delegate.getMetadata();
    }

    @Override
    public ConnectionFactory unwrap() {
        return delegate;
    }

    private static Flux<Result> counted(Publisher<? extends Result> results, long statements, Sink sink) {
        return Flux.deferContextual(context -> {
            sink.executed(statements, context);
            return Flux.from(results);
        });
    }

    private record CountingConnection(Connection delegate, Sink sink) implements Connection, Wrapped<Connection> {

        @Override
        public Statement createStatement(String sql) {
            return new CountingStatement(delegate.createStatement(sql), sink);
        }

        @Override
        public Batch createBatch() {
            return new CountingBatch(delegate.createBatch(), sink);
        }

        @Override
        public Publisher<Void> beginTransaction() {
            return delegate.beginTransaction();
        }

        @Override
        public Publisher<Void> beginTransaction(TransactionDefinition definition) {
            return delegate.beginTransaction(definition);
        }

        @Override
        public Publisher<Void> close() {
            return delegate.close();
        }

        @Override
        public Publisher<Void> commitTransaction() {
            return delegate.commitTransaction();
        }

        @Override
        public Publisher<Void> createSavepoint(String name) {
            return delegate.createSavepoint(name);
        }

        @Override
        public boolean isAutoCommit() {
            return delegate.isAutoCommit();
        }

        @Override
        public ConnectionMetadata getMetadata() {
            return delegate.getMetadata();
        }

        @Override
        public IsolationLevel getTransactionIsolationLevel() {
            return delegate.getTransactionIsolationLevel();
        }

        @Override
        public Publisher<Void> releaseSavepoint(String name) {
            return delegate.releaseSavepoint(name);
        }

        @Override
        public Publisher<Void> rollbackTransaction() {
            return delegate.rollbackTransaction();
        }

        @Override
        public Publisher<Void> rollbackTransactionToSavepoint(String name) {
            return delegate.rollbackTransactionToSavepoint(name);
        }

        @Override
        public Publisher<Void> setAutoCommit(boolean autoCommit) {
            return delegate.setAutoCommit(autoCommit);
        }

        @Override
        public Publisher<Void> setLockWaitTimeout(Duration timeout) {
            return delegate.setLockWaitTimeout(timeout);
        }

        @Override
        public Publisher<Void> setStatementTimeout(Duration timeout) {
            return delegate.setStatementTimeout(timeout);
        }

        @Override
        public Publisher<Void> setTransactionIsolationLevel(IsolationLevel level) {
            return delegate.setTransactionIsolationLevel(level);
        }

        @Override
        public Publisher<Boolean> validate(ValidationDepth depth) {
            return delegate.validate(depth);
        }

        @Override
        public Connection unwrap() {
            return delegate;
        }
    }

    /** One statement per binding, as the database runs it once for each. */
    private static final class CountingStatement implements Statement, Wrapped<Statement> {

        private final Statement delegate;
        private final Sink sink;
        private long added;
        private boolean bound;

        CountingStatement(Statement delegate, Sink sink) {
            this.delegate = delegate;
            this.sink = sink;
        }

        @Override
        public Statement add() {
            delegate.add();
            added++;
            bound = false;
            return this;
        }

        @Override
        public Statement bind(int index, Object value) {
            delegate.bind(index, value);
            bound = true;
            return this;
        }

        @Override
        public Statement bind(String name, Object value) {
            delegate.bind(name, value);
            bound = true;
            return this;
        }

        @Override
        public Statement bindNull(int index, Class<?> type) {
            delegate.bindNull(index, type);
            bound = true;
            return this;
        }

        @Override
        public Statement bindNull(String name, Class<?> type) {
            delegate.bindNull(name, type);
            bound = true;
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return counted(delegate.execute(), Math.max(1, added + (bound ? 1 : 0)), sink);
        }

        @Override
        public Statement returnGeneratedValues(String... columns) {
            delegate.returnGeneratedValues(columns);
            return this;
        }

        @Override
        public Statement fetchSize(int rows) {
            delegate.fetchSize(rows);
            return this;
        }

        @Override
        public Statement unwrap() {
            return delegate;
        }
    }

    private static final class CountingBatch implements Batch, Wrapped<Batch> {

        private final Batch delegate;
        private final Sink sink;
        private long statements;

        CountingBatch(Batch delegate, Sink sink) {
            this.delegate = delegate;
            this.sink = sink;
        }

        @Override
        public Batch add(String sql) {
            delegate.add(sql);
            statements++;
            return this;
        }

        @Override
        public Publisher<? extends Result> execute() {
            return counted(delegate.execute(), Math.max(1, statements), sink);
        }

        @Override
        public Batch unwrap() {
            return delegate;
        }
    }
}
