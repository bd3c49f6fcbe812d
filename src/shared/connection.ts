/**
 * A Relay connection as resolvers return it. `totalCount` and the page-info flags that need a
 * query are functions: graphql-js calls them only when the client selects those fields.
 */
export interface ConnectionSource<Node> {
  edges: { cursor: string; node: Node }[];
  nodes: Node[];
  pageInfo: PageInfoSource;
  totalCount: () => Promise<number>;
}

/** PageInfo with lazily computed flags. */
export interface PageInfoSource {
  hasNextPage: () => boolean | Promise<boolean>;
  hasPreviousPage: () => boolean | Promise<boolean>;
  startCursor: string | null;
  endCursor: string | null;
}
