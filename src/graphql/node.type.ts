import { Field, ID, InterfaceType } from 'type-graphql';

/** The Relay Node interface; rows carry `__typename` so the concrete type is known. */
@InterfaceType('Node', {
  description: 'Relay Global Object Identification: every entity has an opaque, stable global id.',
  resolveType: (value: { __typename: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'The opaque global id; pass it to `node` to fetch this object again.' })
  id!: string;
}
