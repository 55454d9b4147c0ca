// A Relay timeline: a paginated connection (@connection, @refetchable) whose rows are a
// fragment on the Event interface. relay-compiler compiles it against schema/schema.graphql
// in tests/clients.test.ts. In an app, `graphql` comes from react-relay or relay-runtime.
const graphql = String.raw;

export const TimelineQuery = graphql`
  query TimelineQuery($first: Int!, $after: String) {
    ...Timeline_query @arguments(first: $first, after: $after)
  }
`;

export const Timeline_query = graphql`
  fragment Timeline_query on Query
  @refetchable(queryName: "TimelinePaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    timeline(first: $first, after: $after) @connection(key: "Timeline_timeline") {
      totalCount
      edges {
        node {
          id
          ...EventRow_event
        }
      }
    }
  }
`;
