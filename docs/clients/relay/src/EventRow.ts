// One row of the timeline: a fragment on the Event interface, with a type-specific part.
const graphql = String.raw;

export const EventRow_event = graphql`
  fragment EventRow_event on Event {
    __typename
    id
    title
    time { start end precision zone text }
    ... on Vote { outcome vetoedBy { id name } }
    ... on Statement { speaker { id name } }
  }
`;
