// Answers of fake subgraphs, shared by the tests that run the router on a federated query without
// real services (node --test also loads this file; it has no tests of its own).

/** The orders subgraph's answer: one order, whose customer the customers subgraph resolves. */
export const ONE_ORDER = {
  data: {
    orders: {
      edges: [
        {
          node: {
            __typename: 'Order',
            id: 'o1',
            number: 'ORD-1',
            customer: { __typename: 'Customer', id: 'c1' },
          },
        },
      ],
    },
  },
};

/** The customers subgraph's answer to the router's entity request. */
export const customerEntities = (representations = []) => ({
  data: { _entities: representations.map((rep) => ({ __typename: 'Customer', name: `Name ${rep.id}` })) },
});
