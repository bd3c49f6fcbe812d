import { Field, ID, ObjectType } from 'type-graphql';
import { type SourceRow } from './source.row';
import { Source } from './source.type';

/** A payload class `{ source: Source! }` named `name`. */
function sourcePayload(name: string, description: string) {
  @ObjectType(name, { description })
  class SourcePayload {
    @Field(() => Source, { description: 'The source after the change, at its new revision.' })
    source!: SourceRow;
  }
  return SourcePayload;
}

export const CreateSourcePayload = sourcePayload('CreateSourcePayload', 'The result of createSource.');
export const UpdateSourcePayload = sourcePayload('UpdateSourcePayload', 'The result of updateSource.');

@ObjectType('DeleteSourcePayload', { description: 'The result of deleteSource.' })
export class DeleteSourcePayload {
  @Field(() => ID, { description: 'The global id the source had; `asOf` an earlier instant still finds it.' })
  deletedSourceId!: string;
}
