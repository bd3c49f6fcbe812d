import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Relay pagination state of a connection page.', simpleResolvers: true })
export class PageInfo {
  @Field({ description: 'Whether more items follow this page in the connection order.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede this page in the connection order.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge; null for an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; null for an empty page.' })
  endCursor!: string | null;
}
