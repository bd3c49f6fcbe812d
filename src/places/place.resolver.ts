import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { LANG_ARGUMENT_DESCRIPTION } from '../graphql/lookup';
import { pickText } from '../shared/localized-text';
import { type PlaceRow } from './place.row';
import { Place } from './place.type';

/** The localized name of a place. */
@Resolver(() => Place)
export class PlaceResolver {
  @FieldResolver(() => String, { description: 'The name in lang, falling back to the original language.' })
  name(
    @Root() place: PlaceRow,
    @Arg('lang', () => String, {
      nullable: true,
      description: LANG_ARGUMENT_DESCRIPTION,
    })
    lang?: string | null,
  ): string {
    return pickText(place.names, place.originalLanguage, lang) ?? place.slug;
  }
}
