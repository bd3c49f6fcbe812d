import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { TokenRole } from './api-token';

registerEnumType(TokenRole, {
  name: 'TokenRole',
  description: 'What an API token may do.',
  valuesConfig: {
    EDITOR: { description: 'Adds and edits timeline content.' },
    ADMIN: { description: 'Everything EDITOR may do, and administration.' },
  },
});

/** The API token a request is made with, as the `viewer` query shows it. */
@ObjectType('Viewer', { description: 'The API token a request is made with.', simpleResolvers: true })
export class Viewer {
  @Field({ description: 'The name the token was created with (who holds it).' })
  name!: string;

  @Field(() => TokenRole, { description: 'What the token may do.' })
  role!: TokenRole;
}
